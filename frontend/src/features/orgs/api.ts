import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import type { Org } from '../../lib/api-types';

/** The counties (fylker), sorted by name. They change about once a decade. */
export function useCounties() {
  const { client } = useAuth();
  return useQuery({
    queryKey: ['orgs', 'counties'],
    queryFn: async () => {
      const page = await client.listOrgs({ kind: 'county', limit: 100 });
      return [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    },
    staleTime: Infinity,
  });
}

/** County number → name, for showing a network's region. */
export function useCountyNames(): (number: string) => string {
  const { data } = useCounties();
  return useMemo(() => {
    const names = new Map((data ?? []).map((c: Org) => [c.number ?? c.countyNumber ?? '', c.name]));
    return (number: string) => names.get(number) ?? number;
  }, [data]);
}

/** Organisations whose name (or a word in it) starts with `q`. Works logged out too. */
export function useOrgSearch(q: string) {
  const { client } = useAuth();
  const query = q.trim();
  return useQuery({
    queryKey: ['orgs', 'search', query],
    queryFn: () => client.listOrgs({ q: query, limit: 10 }),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
