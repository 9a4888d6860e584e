import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import type {
  CatalogueQuery,
  MembersQuery,
  NetworkInput,
  NetworkPatch,
  NetworkView,
  Page,
  RequestStatus,
  Role,
} from '../../lib/api-types';

export const PAGE_SIZE = 20;

export const networkKeys = {
  all: ['networks'] as const,
  catalogue: (filters: CatalogueQuery) => ['networks', 'catalogue', filters] as const,
  mine: ['networks', 'mine'] as const,
  detail: (slug: string) => ['networks', 'detail', slug] as const,
  members: (slug: string, filters: MembersQuery) => ['networks', 'detail', slug, 'members', filters] as const,
  coverage: (slug: string, county: string) => ['networks', 'detail', slug, 'coverage', county] as const,
  requests: (slug: string, status: RequestStatus) => ['networks', 'detail', slug, 'requests', status] as const,
  invitations: (slug: string) => ['networks', 'detail', slug, 'invitations'] as const,
  audit: (slug: string) => ['networks', 'detail', slug, 'audit'] as const,
};

const nextCursor = <T,>(last: Page<T>) => last.nextCursor || undefined;

/** The catalogue, one page at a time ("Vis flere"). */
export function useCatalogue(filters: CatalogueQuery) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: networkKeys.catalogue(filters),
    queryFn: ({ pageParam }) => client.listNetworks({ ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

/** The networks I am a member of (the navigation menu and Hjem). */
export function useMyNetworks(enabled = true) {
  const { client } = useAuth();
  return useQuery({
    queryKey: networkKeys.mine,
    queryFn: () => client.myNetworks({ limit: 100 }),
    enabled,
    staleTime: 60_000,
  });
}

export function useNetwork(slug: string) {
  const { client } = useAuth();
  return useQuery({ queryKey: networkKeys.detail(slug), queryFn: () => client.getNetwork(slug) });
}

/** After a change to a network, everything cached about networks may be stale. */
function useRefreshNetworks() {
  const queryClient = useQueryClient();
  return (view?: NetworkView) => {
    if (view) queryClient.setQueryData(networkKeys.detail(view.slug), view);
    return queryClient.invalidateQueries({ queryKey: networkKeys.all });
  };
}

export function useCreateNetwork() {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  return useMutation({
    mutationFn: (input: NetworkInput) => client.createNetwork(input),
    onSuccess: (view) => refresh(view),
  });
}

export function useUpdateNetwork(slug: string) {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  return useMutation({
    mutationFn: (patch: NetworkPatch) => client.updateNetwork(slug, patch),
    onSuccess: (view) => refresh(view),
  });
}

export function useJoinNetwork(slug: string) {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  return useMutation({ mutationFn: () => client.joinNetwork(slug), onSuccess: (view) => refresh(view) });
}

export function useRequestToJoin(slug: string) {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  return useMutation({
    mutationFn: (message: string) => client.requestToJoin(slug, message),
    onSuccess: () => refresh(),
  });
}

export function useLeaveNetwork(slug: string) {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  // Not awaited: after leaving a closed network its page answers 404, and the
  // caller moves on before that refetch lands.
  return useMutation({
    mutationFn: () => client.leaveNetwork(slug),
    onSuccess: () => {
      void refresh();
    },
  });
}

export function useMembers(slug: string, filters: MembersQuery, enabled = true) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: networkKeys.members(slug, filters),
    queryFn: ({ pageParam }) => client.listMembers(slug, { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
    enabled,
  });
}

export function useSetRole(slug: string) {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => client.setMemberRole(slug, userId, role),
    onSuccess: () => refresh(),
  });
}

export function useRemoveMember(slug: string) {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  return useMutation({
    mutationFn: (userId: string) => client.removeMember(slug, userId),
    onSuccess: () => refresh(),
  });
}

export function useCoverage(slug: string, county: string | undefined) {
  const { client } = useAuth();
  return useQuery({
    queryKey: networkKeys.coverage(slug, county ?? ''),
    queryFn: () => client.networkCoverage(slug, county ?? ''),
    enabled: Boolean(county),
  });
}

export function useJoinRequests(slug: string, status: RequestStatus) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: networkKeys.requests(slug, status),
    queryFn: ({ pageParam }) => client.listJoinRequests(slug, { status, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export type Decision = { requestId: string; approve: true } | { requestId: string; approve: false; reason: string };

export function useDecideRequest(slug: string) {
  const { client } = useAuth();
  const refresh = useRefreshNetworks();
  return useMutation({
    mutationFn: (d: Decision) =>
      d.approve ? client.approveJoinRequest(slug, d.requestId) : client.declineJoinRequest(slug, d.requestId, d.reason),
    onSuccess: () => refresh(),
  });
}

export function useInvitations(slug: string) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: networkKeys.invitations(slug),
    queryFn: ({ pageParam }) => client.listInvitations(slug, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInvite(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (emails: string) => client.invite(slug, emails),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: networkKeys.detail(slug) }),
  });
}

export function useRevokeInvitation(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => client.revokeInvitation(slug, invitationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: networkKeys.invitations(slug) }),
  });
}

export function useAudit(slug: string) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: networkKeys.audit(slug),
    queryFn: ({ pageParam }) => client.networkAudit(slug, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}
