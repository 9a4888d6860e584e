import { useId, useState } from 'react';
import { Alert, Field, Heading, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { formatNumber } from '../../../lib/format';
import { useCounties } from '../../orgs/api';
import { useCoverage } from '../api';

/**
 * "Which municipalities in my county are in this network": every municipality of
 * the county with its member count. Starts with the viewer's own county.
 */
export function CoveragePanel({ slug, id, defaultCounty }: { slug: string; id: string; defaultCounty?: string }) {
  const { t } = useTranslation();
  const counties = useCounties();
  const [county, setCounty] = useState(defaultCounty ?? '');
  const coverage = useCoverage(slug, county || undefined);
  const headingId = useId();
  const c = coverage.data;
  const countyLabel = c?.county.name ?? counties.data?.find((x) => x.number === county)?.name ?? '';

  return (
    <section id={id} aria-labelledby={headingId} className="panel coverage">
      <Heading level={3} data-size="xs" id={headingId}>
        {countyLabel ? t('coverage.title', { county: countyLabel }) : t('coverage.titleNoCounty')}
      </Heading>
      <Field className="coverage__county">
        <Label>{t('coverage.chooseCounty')}</Label>
        <Select value={county} onChange={(e) => setCounty(e.target.value)}>
          <Select.Option value="">{t('coverage.pickCounty')}</Select.Option>
          {(counties.data ?? []).map((x) => (
            <Select.Option key={x.id} value={x.number ?? ''}>
              {x.name}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {!county && <Paragraph>{t('coverage.noCounty')}</Paragraph>}
      {county && coverage.isPending && <Loading />}
      {coverage.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, coverage.error)}
        </Alert>
      )}
      {c && (
        <>
          <p role="status" className="coverage__summary">
            {t('coverage.summary', {
              present: formatNumber(c.present),
              total: formatNumber(c.municipalities.length),
              county: c.county.name,
            })}
            {c.countyMembers > 0 && ` ${t('coverage.countyMembers', { count: c.countyMembers, county: c.county.name })}`}
          </p>
          <Table data-size="sm" zebra className="coverage__table">
            <caption className="ds-sr-only">{t('coverage.caption', { county: c.county.name })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('coverage.municipality')}</Table.HeaderCell>
                <Table.HeaderCell className="num">{t('coverage.members')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {c.municipalities.map((m) => (
                <Table.Row key={m.org.id} className={m.members > 0 ? 'coverage__present' : undefined}>
                  <Table.HeaderCell scope="row">{m.org.name}</Table.HeaderCell>
                  <Table.Cell className="num">
                    {m.members > 0 ? formatNumber(m.members) : <span className="muted">{t('coverage.none')}</span>}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </section>
  );
}
