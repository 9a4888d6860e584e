import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, useAuth } from '../../app/auth';
import type { Me, UpdateMe } from '../../lib/api-types';

/** PATCH /me. On success the cached user (header, Min side, language) updates at once. */
export function useUpdateMe() {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation<Me, unknown, UpdateMe>({
    mutationFn: (changes) => client.updateMe(changes),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
