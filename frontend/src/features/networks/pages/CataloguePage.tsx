import { useRef } from 'react';
import { Alert, Button, Field, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../components/PageHeading';
import { SearchForm } from '../../../components/SearchForm';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { errorMessage } from '../../../i18n/errors';
import { TOPICS, isTopic, type CatalogueQuery } from '../../../lib/api-types';
import { useCounties } from '../../orgs/api';
import { useCatalogue } from '../api';
import { NetworkCard } from '../components/NetworkCard';

/** The catalogue's filters live in the address (?sok=&tema=&fylke=), so they survive reloads and Back. */
export function catalogueFilters(params: URLSearchParams): CatalogueQuery {
  const filters: CatalogueQuery = {};
  const q = params.get('sok')?.trim();
  const topic = params.get('tema');
  const county = params.get('fylke');
  if (q) filters.q = q;
  if (topic && isTopic(topic)) filters.topic = topic;
  if (county && /^\d{2}$/.test(county)) filters.county = county;
  return filters;
}

export default function CataloguePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = catalogueFilters(params);
  const counties = useCounties();
  const catalogue = useCatalogue(filters);
  const listRef = useRef<HTMLUListElement>(null);

  const canCreate = user?.siteRole === 'adviser' || user?.siteRole === 'admin';
  const networks = catalogue.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.q || filters.topic || filters.county);

  function setFilter(name: 'sok' | 'tema' | 'fylke', value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  let status = '';
  if (catalogue.isSuccess) {
    status =
      networks.length === 0
        ? filtered
          ? t('catalogue.emptyFiltered')
          : t('catalogue.empty')
        : t('catalogue.shown', { count: networks.length }) + (catalogue.hasNextPage ? ` ${t('catalogue.more')}` : '');
  }

  return (
    <div className="page">
      <div className="page-title-row">
        <PageHeading title={t('catalogue.title')} />
        {canCreate && (
          <Button asChild variant="primary">
            <RouterLink to="/nettverk/ny">{t('catalogue.create')}</RouterLink>
          </Button>
        )}
      </div>
      <Paragraph>{t('catalogue.intro')}</Paragraph>

      <section aria-labelledby="catalogue-filters" className="filters">
        <h2 id="catalogue-filters" className="ds-sr-only">
          {t('catalogue.filtersTitle')}
        </h2>
        <SearchForm
          key={filters.q ?? ''}
          id="catalogue-q"
          label={t('catalogue.searchLabel')}
          buttonLabel={t('catalogue.searchButton')}
          clearLabel={t('catalogue.clear')}
          value={filters.q ?? ''}
          onSearch={(q) => setFilter('sok', q)}
        />
        <Field>
          <Label>{t('catalogue.topic')}</Label>
          <Select value={filters.topic ?? ''} onChange={(e) => setFilter('tema', e.target.value)}>
            <Select.Option value="">{t('catalogue.allTopics')}</Select.Option>
            {TOPICS.map((topic) => (
              <Select.Option key={topic} value={topic}>
                {t(`topics.${topic}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('catalogue.county')}</Label>
          <Select value={filters.county ?? ''} onChange={(e) => setFilter('fylke', e.target.value)}>
            <Select.Option value="">{t('catalogue.allCounties')}</Select.Option>
            {(counties.data ?? []).map((c) => (
              <Select.Option key={c.id} value={c.number ?? ''}>
                {c.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </section>

      <section aria-labelledby="catalogue-results" className="results">
        <h2 id="catalogue-results" className="ds-sr-only">
          {t('catalogue.resultsTitle')}
        </h2>
        <p role="status" className="results__status">
          {status}
        </p>
        {catalogue.isPending && <Loading />}
        {catalogue.isError && (
          <Alert data-color="danger" role="alert">
            {errorMessage(t, catalogue.error)}
          </Alert>
        )}
        {networks.length === 0 && catalogue.isSuccess && filtered && (
          <Paragraph>
            <Link asChild>
              <RouterLink to="/nettverk">{t('catalogue.showAll')}</RouterLink>
            </Link>
          </Paragraph>
        )}
        {networks.length > 0 && (
          <ul className="card-list" ref={listRef}>
            {networks.map((n) => (
              <li key={n.id}>
                <NetworkCard network={n} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
        <LoadMore
          hasNextPage={catalogue.hasNextPage}
          isFetchingNextPage={catalogue.isFetchingNextPage}
          fetchNextPage={() => catalogue.fetchNextPage()}
          count={networks.length}
          listRef={listRef}
        />
      </section>
    </div>
  );
}
