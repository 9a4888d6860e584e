import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import i18n from '../i18n';
import type { ApiClient } from '../lib/api';
import type { Me } from '../lib/api-types';

export const meQueryKey = ['me'] as const;

/**
 * loading: restoring the session from the refresh cookie at start-up.
 * anonymous: no session; `reason` tells the login page why.
 */
type AuthState =
  | { status: 'loading' }
  | { status: 'authenticated' }
  | { status: 'anonymous'; reason: 'none' | 'logged-out' | 'expired' };

type AuthContextValue = {
  state: AuthState;
  user: Me | undefined;
  /** Why GET /me failed, if it did. */
  userError: unknown;
  client: ApiClient;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>(() =>
    client.hasToken() ? { status: 'authenticated' } : { status: 'loading' },
  );
  const loggingOut = useRef(false);
  const hadSession = useRef(false);

  useEffect(
    () =>
      client.onSession((session) => {
        if (session) {
          // The session carries only a summary of the user; the full profile comes
          // from GET /me (the query below), unless we already have this user's.
          const cached = queryClient.getQueryData<Me>(meQueryKey);
          if (cached && cached.id !== session.user.id) queryClient.removeQueries();
          hadSession.current = true;
          if (session.user.language !== i18n.language) void i18n.changeLanguage(session.user.language);
          setState({ status: 'authenticated' });
        } else {
          queryClient.removeQueries();
          const reason = loggingOut.current ? 'logged-out' : hadSession.current ? 'expired' : 'none';
          hadSession.current = false;
          setState({ status: 'anonymous', reason });
        }
      }),
    [client, queryClient],
  );

  // Restore the session once at start-up. A 401 just means "not logged in";
  // any other failure (server down) also leaves the user on the login page.
  useEffect(() => {
    if (client.hasToken()) return;
    client.refresh().then(
      (session) => {
        if (!session) setState({ status: 'anonymous', reason: 'none' });
      },
      () => setState({ status: 'anonymous', reason: 'none' }),
    );
  }, [client]);

  const { data: user, error: userError } = useQuery({
    queryKey: meQueryKey,
    queryFn: () => client.getMe(),
    enabled: state.status === 'authenticated',
    staleTime: 5 * 60_000,
  });

  // The user's own language setting wins over the browser's.
  const userLanguage = state.status === 'authenticated' ? user?.language : undefined;
  useEffect(() => {
    if (userLanguage && userLanguage !== i18n.language) void i18n.changeLanguage(userLanguage);
  }, [userLanguage]);

  const login = useCallback(
    async (email: string, password: string) => {
      await client.login(email, password);
    },
    [client],
  );

  const logout = useCallback(async () => {
    loggingOut.current = true;
    try {
      await client.logout();
    } finally {
      loggingOut.current = false;
    }
  }, [client]);

  const value = useMemo(
    () => ({ state, user, userError, client, login, logout }),
    [state, user, userError, client, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
