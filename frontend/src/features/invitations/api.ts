import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import type { Registration } from '../../lib/api-types';
import { networkKeys } from '../networks/api';

export function useInvitationPreview(token: string) {
  const { client } = useAuth();
  return useQuery({ queryKey: ['invitation', token], queryFn: () => client.getInvitation(token) });
}

export function useAcceptInvitation(token: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.acceptInvitation(token),
    onSuccess: (view) => {
      queryClient.setQueryData(networkKeys.detail(view.slug), view);
      return queryClient.invalidateQueries({ queryKey: networkKeys.all });
    },
  });
}

/**
 * Creates the account and joins, then logs in with the invited email and the
 * new password. Resolves with the network's slug.
 */
export function useRegisterWithInvitation(token: string, email: string) {
  const { client, login } = useAuth();
  return useMutation({
    mutationFn: async (registration: Registration) => {
      const view = await client.registerWithInvitation(token, registration);
      await login(email, registration.password);
      return view.slug;
    },
  });
}
