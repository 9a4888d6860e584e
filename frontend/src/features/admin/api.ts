import { useInfiniteQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import type { OutboxStatus } from '../../lib/api-types';

export function useOutbox(status: OutboxStatus | undefined) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: ['admin', 'outbox', status ?? 'all'],
    queryFn: ({ pageParam }) => client.listOutbox({ status, limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}
