import { Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ResourceItem } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { fileSummary, kindLabel, licenceLabel, linkHost } from '../format';
import { LIBRARY_NS } from '../i18n';
import { resourcePath } from '../paths';

type Props = {
  resource: ResourceItem;
  slug: string;
  /** The title's heading level: one below the list's own heading. */
  level?: 3 | 4;
};

/** A resource in a list: its title (a link), kind, excerpt and facts. */
export function ResourceRow({ resource: r, slug, level = 4 }: Props) {
  const { t } = useTranslation(LIBRARY_NS);
  return (
    <div className="resource-item">
      <Heading level={level} data-size="2xs" className="resource-item__title">
        <Link asChild>
          <RouterLink to={resourcePath(slug, r.id)}>{r.title}</RouterLink>
        </Link>
      </Heading>
      <div className="tag-row">
        <Tag data-color="neutral" data-size="sm">
          {kindLabel(t, r.kind)}
        </Tag>
        {r.link && (
          <Tag data-color="info" data-size="sm">
            {t('facts.webLink')}
          </Tag>
        )}
      </div>
      {r.excerpt && (
        <Paragraph data-size="sm" className="resource-item__excerpt">
          {r.excerpt}
        </Paragraph>
      )}
      <ResourceFacts resource={r} />
    </div>
  );
}

/** Organisation, year, licence, file (or where a link goes) and downloads, as a description list. */
export function ResourceFacts({ resource: r }: { resource: ResourceItem }) {
  const { t } = useTranslation(LIBRARY_NS);
  return (
    <dl className="resource-facts">
      <div>
        <dt>{t('facts.org')}</dt>
        <dd>{r.orgName}</dd>
      </div>
      {r.year ? (
        <div>
          <dt>{t('facts.year')}</dt>
          <dd>{String(r.year)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('facts.licence')}</dt>
        <dd>{licenceLabel(t, r.licence)}</dd>
      </div>
      {r.file && (
        <div>
          <dt>{t('facts.file')}</dt>
          <dd>{fileSummary(t, r.file)}</dd>
        </div>
      )}
      {r.link && (
        <div>
          <dt>{t('facts.linkTo')}</dt>
          <dd>{linkHost(r.link)}</dd>
        </div>
      )}
      {r.file && (
        <div>
          <dt>{t('facts.downloads')}</dt>
          <dd>{formatNumber(r.downloads)}</dd>
        </div>
      )}
    </dl>
  );
}
