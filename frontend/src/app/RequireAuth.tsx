import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth';
import { Loading } from '../components/Loading';
import { ErrorPage } from '../features/errors/pages/ErrorPage';

/** Lets logged-in users through; sends others to /logg-inn?neste=<where they were going>. */
export function RequireAuth() {
  const { state, user, userError } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    if (state.reason === 'logged-out') return <Navigate to="/logg-inn" replace state={{ loggedOut: true }} />;
    const next = location.pathname + location.search + location.hash;
    return <Navigate to={`/logg-inn?neste=${encodeURIComponent(next)}`} replace />;
  }
  if (!user) return userError ? <ErrorPage error={userError} /> : <Loading />;
  return <Outlet />;
}

/** Only same-site paths are followed after login, never another host. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
