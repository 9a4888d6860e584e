import '../i18n';
import '../library.css';
import { useRef } from 'react';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Link as RouterLink, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import {
  RESOURCE_KINDS,
  RESOURCE_SORTS,
  TOPICS,
  isResourceKind,
  isResourceSort,
  isTopic,
  type NetworkView,
} from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { canReadForum } from '../../networks/access';
import { TabHeading, useNetworkContext } from '../../networks/context';
import { useCounties } from '../../orgs/api';
import { useCollections, useOrgsSeen, useResources, type ResourceFilters } from '../api';
import { ResourceRow } from '../components/ResourceRow';
import { LIBRARY_NS } from '../i18n';
import { collectionPath, newCollectionPath, newResourcePath } from '../paths';

/** The filters' names in the address: ?type=plan&tema=…&organisasjon=<id>&fylke=46&ar=2025&sorter=downloads. */
const PARAM = { kind: 'type', topic: 'tema', org: 'organisasjon', county: 'fylke', year: 'ar', sort: 'sorter' } as const;
type FilterName = keyof typeof PARAM;

/** Reads the list's filters from the address; anything unknown is left out. */
export function resourceFilters(params: URLSearchParams): ResourceFilters {
  const f: ResourceFilters = {};
  const kind = params.get(PARAM.kind);
  const topic = params.get(PARAM.topic);
  const org = params.get(PARAM.org);
  const county = params.get(PARAM.county);
  const year = Number(params.get(PARAM.year));
  const sort = params.get(PARAM.sort);
  if (isResourceKind(kind)) f.kind = kind;
  if (isTopic(topic)) f.topic = topic;
  if (org) f.org = org;
  if (county && /^\d\d$/.test(county)) f.county = county;
  if (Number.isInteger(year) && year >= 1900 && year <= 2200) f.year = year;
  if (isResourceSort(sort) && sort !== 'newest') f.sort = sort;
  return f;
}

/** The years the filter offers: next year and back to 2000. */
function yearChoices(now = new Date()): number[] {
  const last = now.getFullYear() + 1;
  return Array.from({ length: last - 2000 + 1 }, (_, i) => last - i);
}

/** /nettverk/<slug>/bibliotek: the network's library and its collections. */
export default function LibraryTab() {
  const { network } = useNetworkContext();
  const { user } = useAuth();
  if (!canReadForum(network, user?.siteRole)) return <LibraryNoAccess />;
  return <Library network={network} />;
}

function LibraryNoAccess() {
  const { t } = useTranslation(LIBRARY_NS);
  return (
    <>
      <TabHeading title={t('list.noAccessTitle')} />
      <Alert data-color="info">{t('list.membersOnly')}</Alert>
    </>
  );
}

function Library({ network }: { network: NetworkView }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const { state } = useLocation();
  const deleted = state && typeof state === 'object' && 'deleted' in state && typeof state.deleted === 'string' ? state.deleted : '';
  const filters = resourceFilters(params);
  const resources = useResources(network.slug, filters);
  const collections = useCollections(network.slug);
  const counties = useCounties();
  const listRef = useRef<HTMLUListElement>(null);
  const admin = user?.siteRole === 'admin';
  const contribute = network.myRole !== undefined || admin;
  const moderate = network.permissions.moderate || admin;
  const items = resources.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).some((k) => k !== 'sort');

  // The organisations the filter offers: mine, and every one in the lists loaded so far.
  const orgs = useOrgsSeen(network.slug, user?.org);
  const orgChoices = [...orgs].sort((a, b) => a[1].localeCompare(b[1], 'nb'));
  if (filters.org && !orgs.has(filters.org)) orgChoices.unshift([filters.org, t('filters.chosenOrg')]);

  function setFilter(name: FilterName, value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value && !(name === 'sort' && value === 'newest')) next.set(PARAM[name], value);
        else next.delete(PARAM[name]);
        return next;
      },
      { replace: true },
    );
  }

  function clearFilters() {
    setParams(
      (prev) => {
        const next = new URLSearchParams();
        const sort = prev.get(PARAM.sort);
        if (sort) next.set(PARAM.sort, sort);
        return next;
      },
      { replace: true },
    );
  }

  if (isApiError(resources.error) && resources.error.status === 403) return <LibraryNoAccess />;

  let status = '';
  if (resources.isSuccess) {
    status =
      items.length === 0
        ? filtered
          ? t('list.noMatches')
          : t('list.empty')
        : t('list.shown', { count: items.length, formatted: formatNumber(items.length) }) +
          (resources.hasNextPage ? ` ${t('list.more')}` : '');
  }

  return (
    <div className="library">
      <TabHeading title={tc('networkPage.tabs.library')} />
      <Paragraph>{t('list.intro')}</Paragraph>
      {deleted && (
        <Alert data-color="success" role="status">
          {t('list.deleted', { title: deleted })}
        </Alert>
      )}
      {(contribute || moderate) && (
        <div className="actions">
          {contribute && (
            <Button asChild>
              <RouterLink to={newResourcePath(network.slug)}>{t('list.upload')}</RouterLink>
            </Button>
          )}
          {moderate && (
            <Button asChild variant="secondary">
              <RouterLink to={newCollectionPath(network.slug)}>{t('list.newCollection')}</RouterLink>
            </Button>
          )}
        </div>
      )}
      {!contribute && <Paragraph>{t('list.readOnly')}</Paragraph>}

      {collections.isSuccess && collections.data.length > 0 && (
        <section aria-labelledby="library-collections">
          <Heading level={3} data-size="xs" id="library-collections">
            {t('collections.title')}
          </Heading>
          <ul className="plain-list collection-list">
            {collections.data.map((c) => (
              <li key={c.id} className="collection-item">
                <Link asChild>
                  <RouterLink to={collectionPath(network.slug, c.id)}>{c.name}</RouterLink>
                </Link>
                <Paragraph data-size="sm" className="muted">
                  {[c.description, t('collections.count', { count: c.resourceCount, formatted: formatNumber(c.resourceCount) })]
                    .filter(Boolean)
                    .join(' · ')}
                </Paragraph>
              </li>
            ))}
          </ul>
        </section>
      )}
      {collections.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, collections.error)}
        </Alert>
      )}

      <section aria-labelledby="library-filters" className="filters">
        <h3 id="library-filters" className="ds-sr-only">
          {t('filters.title')}
        </h3>
        <Field>
          <Label>{t('filters.kind')}</Label>
          <Select value={filters.kind ?? ''} onChange={(e) => setFilter('kind', e.target.value)}>
            <Select.Option value="">{t('filters.allKinds')}</Select.Option>
            {RESOURCE_KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`kind.${k}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('filters.topic')}</Label>
          <Select value={filters.topic ?? ''} onChange={(e) => setFilter('topic', e.target.value)}>
            <Select.Option value="">{t('filters.allTopics')}</Select.Option>
            {TOPICS.map((topic) => (
              <Select.Option key={topic} value={topic}>
                {tc(`topics.${topic}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('filters.org')}</Label>
          <Select value={filters.org ?? ''} onChange={(e) => setFilter('org', e.target.value)}>
            <Select.Option value="">{t('filters.allOrgs')}</Select.Option>
            {orgChoices.map(([id, name]) => (
              <Select.Option key={id} value={id}>
                {id === user?.org.id ? t('filters.myOrg', { name }) : name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('filters.county')}</Label>
          <Select value={filters.county ?? ''} onChange={(e) => setFilter('county', e.target.value)}>
            <Select.Option value="">{t('filters.allCounties')}</Select.Option>
            {(counties.data ?? []).map((c) => (
              <Select.Option key={c.id} value={c.number ?? c.countyNumber ?? ''}>
                {c.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('filters.year')}</Label>
          <Select value={filters.year ? String(filters.year) : ''} onChange={(e) => setFilter('year', e.target.value)}>
            <Select.Option value="">{t('filters.allYears')}</Select.Option>
            {yearChoices().map((y) => (
              <Select.Option key={y} value={String(y)}>
                {String(y)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('filters.sort')}</Label>
          <Select
            value={filters.sort ?? 'newest'}
            onChange={(e) => {
              if (isResourceSort(e.target.value)) setFilter('sort', e.target.value);
            }}
          >
            {RESOURCE_SORTS.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`filters.sorts.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </section>
      {filtered && (
        <div className="actions">
          <Button variant="tertiary" data-size="sm" onClick={clearFilters}>
            {t('filters.clear')}
          </Button>
        </div>
      )}

      <p role="status" className="results__status">
        {status}
      </p>
      {resources.isPending && <Loading />}
      {resources.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, resources.error)}
        </Alert>
      )}
      {items.length > 0 && (
        <section aria-labelledby="library-resources">
          <Heading level={3} data-size="xs" id="library-resources">
            {t('list.resources')}
          </Heading>
          <ul className="plain-list resource-list" ref={listRef}>
            {items.map((r) => (
              <li key={r.id}>
                <ResourceRow resource={r} slug={network.slug} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <LoadMore
        hasNextPage={resources.hasNextPage}
        isFetchingNextPage={resources.isFetchingNextPage}
        fetchNextPage={() => resources.fetchNextPage()}
        count={items.length}
        listRef={listRef}
      />
    </div>
  );
}
