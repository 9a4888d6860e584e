import '../i18n';
import '../search.css';
import { useRef, useSyncExternalStore } from 'react';
import { Alert, Button, Details, Field, Heading, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeading } from '../../../components/PageHeading';
import { errorMessage } from '../../../i18n/errors';
import {
  SEARCH_SORTS,
  SEARCH_TYPES,
  isJobField,
  isSearchSort,
  isTopic,
  type Facet,
  type SearchPage as SearchPageData,
} from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useCountyNames } from '../../orgs/api';
import { useOrgNames, useSearch } from '../api';
import { FacetGroup, type FacetOption } from '../components/FacetGroup';
import { ResultItem } from '../components/ResultItem';
import {
  FILTERS,
  emptyFilters,
  filterCount,
  readSearch,
  searchHref,
  toQuery,
  toggleFilter,
  type Filter,
  type SearchState,
} from '../params';

/** Which facet of the response counts each filter. */
const FACET_OF: Record<Filter, string> = {
  type: 'type',
  network: 'networkId',
  county: 'county',
  org: 'orgId',
  kind: 'kind',
  topic: 'topics',
  year: 'year',
};

const KINDS = ['discussion', 'question', 'open', 'on_request', 'closed', 'plan', 'report', 'template', 'guide', 'presentation', 'decision', 'other'] as const;
const isKind = (v: string): v is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(v);

const NARROW = '(max-width: 48rem)';
const SLOT = '\u0000';

/** True on narrow screens, where the filters fold away under the results' heading. */
function useNarrow(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : null;
      media?.addEventListener('change', onChange);
      return () => media?.removeEventListener('change', onChange);
    },
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(NARROW).matches : false),
    () => false,
  );
}

export default function SearchPage() {
  const { t } = useTranslation('search');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const state = readSearch(params);
  const query = toQuery(state);
  const results = useSearch(query);
  const countyName = useCountyNames();
  const narrow = useNarrow();
  const listRef = useRef<HTMLUListElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const first: SearchPageData | undefined = results.data?.pages[0];
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const settled = results.isSuccess && !results.isPlaceholderData;
  const chosen = filterCount(state);
  // A chosen organisation the response does not count (nor name) is looked up.
  const orgsCounted = new Set(first?.facets.orgId?.map((f) => f.value));
  const orgNames = useOrgNames(first ? state.filters.org.filter((id) => !orgsCounted.has(id)) : []);

  /** Filters and sort change the address in place: Back leaves the search rather than undoing a tick. */
  function show(next: SearchState) {
    void navigate(searchHref(next), { replace: true });
  }

  function clearFilters() {
    show({ ...state, filters: emptyFilters() });
    resultsHeading.current?.focus();
  }

  if (!query) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('page.title')} />
        <Paragraph>{t('page.noQuery')}</Paragraph>
      </div>
    );
  }

  let status = '';
  if (settled && first) {
    status =
      first.total === 0
        ? t('page.empty', { q: state.q })
        : t('page.found', { count: first.total, formatted: formatNumber(first.total), q: state.q }) +
          (items.length < first.total ? ` ${t('page.shown', { shown: formatNumber(items.length) })}` : '');
  } else if (results.isFetching && !results.isFetchingNextPage) {
    status = t('page.searching');
  }

  const groups = first ? facetGroups(state, first.facets, t, tc, countyName, orgNames) : [];
  const filters = (
    <div className="search-filters">
      {groups.map((g) => (
        <FacetGroup
          key={g.name}
          name={g.name}
          legend={t(`page.groups.${g.name}`)}
          options={g.options}
          selected={state.filters[g.name]}
          onToggle={(value, on) => show(toggleFilter(state, g.name, value, on))}
        />
      ))}
      {chosen > 0 && (
        <div>
          <Button variant="secondary" data-size="sm" onClick={clearFilters}>
            {t('page.clearFilters')}
          </Button>
        </div>
      )}
    </div>
  );
  const hasFilters = groups.length > 0 || chosen > 0;

  return (
    <div className="page">
      <PageHeading title={t('page.titleFor', { q: state.q })} />
      <div className="search-layout">
        {hasFilters && (
          <section aria-labelledby="search-filters-title">
            {narrow ? (
              <Details>
                <Details.Summary>
                  <span id="search-filters-title">{t('page.filtersSummary')}</span>
                  {chosen > 0 && <span className="muted"> ({t('page.filtersChosen', { count: chosen })})</span>}
                </Details.Summary>
                <Details.Content>{filters}</Details.Content>
              </Details>
            ) : (
              <>
                <Heading level={2} data-size="xs" id="search-filters-title" className="search-filters__title">
                  {t('page.filtersTitle')}
                </Heading>
                {filters}
              </>
            )}
          </section>
        )}

        <section
          aria-labelledby="search-results-title"
          aria-busy={results.isPlaceholderData || undefined}
          className={hasFilters ? 'search-results' : 'search-results search-results--wide'}
        >
          <div className="search-page__toolbar">
            <Heading level={2} data-size="xs" id="search-results-title" ref={resultsHeading} tabIndex={-1} className="page-heading">
              {t('page.resultsTitle')}
            </Heading>
            <Field data-size="sm" className="search-page__sort">
              <Label>{t('page.sort')}</Label>
              <Select
                value={state.sort}
                onChange={(e) => show({ ...state, sort: isSearchSort(e.target.value) ? e.target.value : 'relevance' })}
              >
                {SEARCH_SORTS.map((s) => (
                  <Select.Option key={s} value={s}>
                    {t(`page.sortOptions.${s}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
          </div>
          <p role="status" aria-live="polite" className="results__status">
            {status}
          </p>
          {results.isPending && <Loading />}
          {results.isError && (
            <Alert data-color="danger" role="alert">
              {errorMessage(tc, results.error)}
            </Alert>
          )}
          {settled && first?.total === 0 && (
            <EmptyState state={state} correction={first.correction} onClearFilters={clearFilters} />
          )}
          {items.length > 0 && (
            <ul className="search-results__list" ref={listRef}>
              {items.map((r) => (
                <ResultItem key={r.id} result={r} />
              ))}
            </ul>
          )}
          <LoadMore
            hasNextPage={results.hasNextPage && !results.isPlaceholderData}
            isFetchingNextPage={results.isFetchingNextPage}
            fetchNextPage={() => results.fetchNextPage()}
            count={items.length}
            listRef={listRef}
          />
        </section>
      </div>
    </div>
  );
}

function EmptyState({
  state,
  correction,
  onClearFilters,
}: {
  state: SearchState;
  correction: string | undefined;
  onClearFilters: () => void;
}) {
  const { t } = useTranslation('search');
  const filtered = filterCount(state) > 0;
  // The correction is a link inside the sentence, wherever the language puts it.
  const [before = '', after = ''] = t('page.didYouMean', { correction: SLOT }).split(SLOT);
  return (
    <div className="search-empty">
      {correction && (
        <Paragraph>
          {before}
          <Link asChild>
            <RouterLink to={searchHref({ q: correction, sort: state.sort })}>{correction}</RouterLink>
          </Link>
          {after}
        </Paragraph>
      )}
      {filtered ? (
        <>
          <Paragraph>{t('page.removeFiltersHint')}</Paragraph>
          <Button variant="primary" onClick={onClearFilters}>
            {t('page.clearFilters')}
          </Button>
        </>
      ) : (
        <Paragraph>{t('page.spellingHint')}</Paragraph>
      )}
    </div>
  );
}

type Group = { name: Filter; options: FacetOption[] };

/** The filter groups: the values the response counts, and any chosen value it does not (count 0). */
function facetGroups(
  state: SearchState,
  facets: Record<string, Facet[]>,
  t: TFunction<'search'>,
  tc: TFunction,
  countyName: (n: string) => string,
  orgNames: Partial<Record<string, string | null>>,
): Group[] {
  const label = (name: Filter, f: Facet): string => {
    switch (name) {
      case 'type':
        return (SEARCH_TYPES as readonly string[]).includes(f.value)
          ? t(`typesPlural.${f.value as (typeof SEARCH_TYPES)[number]}`)
          : f.value;
      case 'network':
        return f.label || t('page.unknownNetwork');
      case 'org':
        return f.label || t('page.unknownOrg');
      case 'county':
        return countyName(f.value);
      case 'kind':
        if (isKind(f.value)) return t(`kinds.${f.value}`);
        return isJobField(f.value) ? tc(`jobField.${f.value}`) : f.value;
      case 'topic':
        return isTopic(f.value) ? tc(`topics.${f.value}`) : f.value;
      default:
        return f.value;
    }
  };
  // A chosen organisation the response does not count: its id until its name comes.
  const uncountedOrg = (id: string): string => {
    const found = orgNames[id];
    return found === undefined ? id : found || t('page.unknownOrg');
  };
  const groups: Group[] = [];
  for (const name of FILTERS) {
    const key = FACET_OF[name];
    const counted: Facet[] = [...(facets[key] ?? [])];
    for (const value of state.filters[name]) {
      if (counted.some((f) => f.value === value)) continue;
      counted.push({ value, count: 0, label: name === 'org' ? uncountedOrg(value) : undefined });
    }
    if (name === 'type') {
      counted.sort((a, b) => SEARCH_TYPES.indexOf(a.value as never) - SEARCH_TYPES.indexOf(b.value as never));
    } else if (name === 'year') {
      counted.sort((a, b) => b.value.localeCompare(a.value));
    }
    const options: FacetOption[] = counted.map((f) => ({
      value: f.value,
      label: label(name, f),
      count: f.count,
    }));
    if (options.length > 0) groups.push({ name, options });
  }
  return groups;
}

