// The search lives in the address: /sok?q=bibliotek&type=thread,post&sort=date.
// Filters take comma-separated values, as the API does; each filter keeps at
// most as many values as the server takes.
import {
  MAX_SEARCH_LENGTH,
  isSearchSort,
  isSearchType,
  type SearchQuery,
  type SearchSort,
  type SearchType,
} from '../../lib/api-types';

export const SEARCH_PATH = '/sok';
export const INSIGHT_PATH = '/sok/innsikt';

/** The filters, in the order the page shows them. */
export const FILTERS = ['type', 'network', 'county', 'org', 'kind', 'topic', 'year'] as const;
export type Filter = (typeof FILTERS)[number];

export type SearchState = {
  q: string;
  filters: Record<Filter, string[]>;
  sort: SearchSort;
};

const MAX_VALUES: Record<Filter, number> = { type: 5, network: 20, county: 20, org: 20, kind: 20, topic: 20, year: 20 };

const VALID: Record<Filter, (value: string) => boolean> = {
  type: isSearchType,
  network: (v) => /^[\w-]{1,64}$/.test(v),
  county: (v) => /^\d{2}$/.test(v),
  org: (v) => /^[\w:-]{1,64}$/.test(v),
  kind: (v) => /^[a-z_]{1,40}$/.test(v),
  topic: (v) => /^[a-z_]{1,40}$/.test(v),
  year: (v) => /^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= 3000,
};

export const emptyFilters = (): Record<Filter, string[]> => ({
  type: [],
  network: [],
  county: [],
  org: [],
  kind: [],
  topic: [],
  year: [],
});

/** Reads the search from the address, leaving out values the server would refuse. */
export function readSearch(params: URLSearchParams): SearchState {
  const filters = emptyFilters();
  for (const name of FILTERS) {
    const values = params.getAll(name).flatMap((v) => v.split(','));
    const seen = new Set<string>();
    for (const raw of values) {
      const v = raw.trim();
      if (v && VALID[name](v) && !seen.has(v) && seen.size < MAX_VALUES[name]) seen.add(v);
    }
    filters[name] = [...seen];
  }
  const sort = params.get('sort');
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
    filters,
    sort: isSearchSort(sort) ? sort : 'relevance',
  };
}

export function filterCount(state: SearchState): number {
  return FILTERS.reduce((n, f) => n + state.filters[f].length, 0);
}

/** The address of a search. Commas stay readable; everything else is encoded. */
export function searchHref(state: Pick<SearchState, 'q'> & Partial<SearchState>): string {
  const parts = [`q=${encodeURIComponent(state.q)}`];
  for (const name of FILTERS) {
    const values = state.filters?.[name] ?? [];
    if (values.length > 0) parts.push(`${name}=${values.map(encodeURIComponent).join(',')}`);
  }
  if (state.sort && state.sort !== 'relevance') parts.push(`sort=${state.sort}`);
  return `${SEARCH_PATH}?${parts.join('&')}`;
}

/** The API query for a search, or null when there is nothing to look for. */
export function toQuery(state: SearchState): SearchQuery | null {
  if (!state.q) return null;
  const query: SearchQuery = { q: state.q };
  const f = state.filters;
  if (f.type.length) query.type = f.type.filter(isSearchType) as SearchType[];
  if (f.network.length) query.network = f.network;
  if (f.county.length) query.county = f.county;
  if (f.org.length) query.org = f.org;
  if (f.kind.length) query.kind = f.kind;
  if (f.topic.length) query.topic = f.topic;
  if (f.year.length) query.year = f.year.map(Number);
  if (state.sort !== 'relevance') query.sort = state.sort;
  return query;
}

/** Ticks or unticks one value of a filter. */
export function toggleFilter(state: SearchState, name: Filter, value: string, on: boolean): SearchState {
  const current = state.filters[name];
  const next = on ? (current.includes(value) ? current : [...current, value]) : current.filter((v) => v !== value);
  return { ...state, filters: { ...state.filters, [name]: next } };
}

/**
 * A result's or suggestion's link, if it is a path in this app. Links come from
 * the index; anything that is not a plain path (another site, javascript:) is
 * not followed.
 */
export function safePath(link: string): string | null {
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null;
}
