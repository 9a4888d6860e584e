import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import type { NetworkSummary, SearchPage, SearchQuery } from '../../lib/api-types';

export const SEARCH_PAGE = 20;
/** The server suggests from two characters on, and takes at most 100. */
export const SUGGEST_MIN = 2;
export const SUGGEST_MAX = 100;

export const searchKeys = {
  all: ['search'] as const,
  results: (query: SearchQuery) => ['search', 'results', query] as const,
  suggest: (q: string) => ['search', 'suggest', q] as const,
  insight: (network: string, days: number) => ['search', 'insight', network, days] as const,
  org: (id: string) => ['orgs', 'one', id] as const,
  orgNames: (ids: string[]) => ['search', 'org-names', ids] as const,
  networks: ['search', 'insight-networks'] as const,
};

/**
 * Search results, one page at a time ("Vis flere"). While a new search or filter
 * loads, the last results stay on screen (and the filter in focus stays put).
 * Only the first page has the total and the counts per filter value.
 */
export function useSearch(query: SearchQuery | null) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: searchKeys.results(query ?? {}),
    queryFn: ({ pageParam }) => client.search({ ...query, limit: SEARCH_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: SearchPage) => last.nextCursor || undefined,
    enabled: query !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Titles that start with what has been typed, for the header's search field. */
export function useSuggestions(q: string) {
  const { client } = useAuth();
  const query = q.trim();
  const length = [...query].length;
  return useQuery({
    queryKey: searchKeys.suggest(query),
    queryFn: () => client.suggest(query),
    enabled: length >= SUGGEST_MIN && length <= SUGGEST_MAX,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The most frequent searches and those that found nothing (KS advisers and administrators). */
export function useSearchInsight(network: string, days: number, enabled = true) {
  const { client } = useAuth();
  return useQuery({
    queryKey: searchKeys.insight(network, days),
    queryFn: () => client.searchInsight({ ...(network ? { network } : {}), days }),
    enabled,
  });
}

/** Every network the asker may see, by name, for the insight page's network list. */
export function useAllNetworks(enabled = true) {
  const { client } = useAuth();
  return useQuery({
    queryKey: searchKeys.networks,
    queryFn: async () => {
      const all: NetworkSummary[] = [];
      let cursor: string | undefined;
      // A few hundred networks at most; stop after ten pages whatever happens.
      for (let i = 0; i < 10; i++) {
        const page = await client.listNetworks({ limit: 100, cursor });
        all.push(...page.items);
        cursor = page.nextCursor || undefined;
        if (!cursor) break;
      }
      return all.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

/**
 * Names of chosen organisations that the response does not count (and so does
 * not name), by id: a name when found, null when there is none to be had, and
 * nothing while they are asked for. Each organisation is asked for once.
 */
export function useOrgNames(ids: string[]): Partial<Record<string, string | null>> {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const names = useQuery({
    queryKey: searchKeys.orgNames(ids),
    queryFn: async () =>
      Object.fromEntries(
        await Promise.all(
          ids.map(async (id) => {
            try {
              const org = await queryClient.fetchQuery({
                queryKey: searchKeys.org(id),
                queryFn: () => client.getOrg(id),
                staleTime: Infinity,
              });
              return [id, org.name] as const;
            } catch {
              return [id, null] as const;
            }
          }),
        ),
      ),
    enabled: ids.length > 0,
    staleTime: 60_000,
    // Ticking or unticking one keeps the others' names on screen.
    placeholderData: keepPreviousData,
  });
  return names.data ?? {};
}
