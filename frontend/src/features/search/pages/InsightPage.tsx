import '../i18n';
import '../search.css';
import { useState } from 'react';
import { Alert, Field, Heading, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { errorMessage } from '../../../i18n/errors';
import type { QueryCount } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useAllNetworks, useSearchInsight } from '../api';
import { searchHref } from '../params';

const PERIODS = [30, 90, 365] as const;

/** Search statistics for KS advisers and administrators: what people look for, and what they do not find. */
export default function InsightPage() {
  const { t } = useTranslation('search');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  if (user?.siteRole !== 'adviser' && user?.siteRole !== 'admin') {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('insight.title')} />
        <Alert data-color="info">{tc('errors.search.advisers_only')}</Alert>
      </div>
    );
  }
  return <Insight />;
}

function Insight() {
  const { t } = useTranslation('search');
  const { t: tc } = useTranslation();
  const [network, setNetwork] = useState('');
  const [days, setDays] = useState<number>(90);
  const networks = useAllNetworks();
  const insight = useSearchInsight(network, days);

  return (
    <div className="page">
      <PageHeading title={t('insight.title')} />
      <Paragraph>{t('insight.intro')}</Paragraph>
      <div className="search-insight__filters">
        <Field>
          <Label>{t('insight.network')}</Label>
          <Field.Description>{t('insight.networkHint')}</Field.Description>
          <Select value={network} onChange={(e) => setNetwork(e.target.value)}>
            <Select.Option value="">{t('insight.allNetworks')}</Select.Option>
            {(networks.data ?? []).map((n) => (
              <Select.Option key={n.id} value={n.id}>
                {n.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('insight.period')}</Label>
          <Select value={String(days)} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((d) => (
              <Select.Option key={d} value={String(d)}>
                {t('insight.days', { count: d })}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      {insight.isPending && <Loading />}
      {insight.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, insight.error)}
        </Alert>
      )}
      {insight.data && (
        <div className="search-insight__tables" aria-busy={insight.isFetching || undefined}>
          <QueryTable id="insight-top" title={t('insight.top')} rows={insight.data.top} none={t('insight.noSearches')} showEmpty />
          <QueryTable id="insight-empty" title={t('insight.empty')} rows={insight.data.empty} none={t('insight.noEmpty')} />
        </div>
      )}
    </div>
  );
}

function QueryTable({
  id,
  title,
  rows,
  none,
  showEmpty = false,
}: {
  id: string;
  title: string;
  rows: QueryCount[];
  none: string;
  showEmpty?: boolean;
}) {
  const { t } = useTranslation('search');
  return (
    <section aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {rows.length === 0 ? (
        <Paragraph>{none}</Paragraph>
      ) : (
        <div className="table-scroll">
          <Table data-size="sm" aria-labelledby={id}>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('insight.query')}</Table.HeaderCell>
                <Table.HeaderCell className="num">{t('insight.count')}</Table.HeaderCell>
                {showEmpty && <Table.HeaderCell className="num">{t('insight.emptyCount')}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((r) => (
                <Table.Row key={r.query}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={searchHref({ q: r.query })} aria-label={t('insight.searchFor', { q: r.query })}>
                        {r.query}
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell className="num">{formatNumber(r.count)}</Table.Cell>
                  {showEmpty && <Table.Cell className="num">{formatNumber(r.empty)}</Table.Cell>}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
