import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import { NetworkCard } from '../../networks/components/NetworkCard';
import { jobFieldLabel, orgKindLabel } from '../../networks/labels';
import { usePerson } from '../api';

export default function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useAuth();
  const person = usePerson(id);

  if (person.isPending) return <Loading />;
  if (person.isError) {
    const notFound = isApiError(person.error) && person.error.status === 404;
    return (
      <div className="page page--narrow">
        <PageHeading title={notFound ? t('person.notFoundTitle') : t('errorPage.title')} />
        <Alert data-color={notFound ? 'info' : 'danger'}>{errorMessage(t, person.error)}</Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/nettverk">{t('person.toNetworks')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }

  const p = person.data;
  const isMe = p.id === user?.id;
  return (
    <div className="page">
      <PageHeading title={p.name} />
      <section aria-labelledby="person-about" className="panel person__about">
        <Heading level={2} data-size="xs" id="person-about">
          {t('person.aboutTitle')}
        </Heading>
        <dl className="facts">
          <dt>{t('person.jobTitle')}</dt>
          <dd>{p.jobTitle || t('minSide.notSet')}</dd>
          <dt>{t('person.jobField')}</dt>
          <dd>{jobFieldLabel(t, p.jobField)}</dd>
          <dt>{t('person.org')}</dt>
          <dd>
            {p.org.name} ({orgKindLabel(t, p.org.kind)})
          </dd>
          {p.org.countyName && p.org.kind !== 'county' && (
            <>
              <dt>{t('person.county')}</dt>
              <dd>{p.org.countyName}</dd>
            </>
          )}
        </dl>
        {isMe && (
          <Paragraph data-size="sm">
            <Link asChild>
              <RouterLink to="/min-side">{t('person.editMine')}</RouterLink>
            </Link>
          </Paragraph>
        )}
      </section>
      <section aria-labelledby="person-shared">
        <Heading level={2} data-size="sm" id="person-shared">
          {isMe ? t('person.myNetworks') : t('person.shared')}
        </Heading>
        {p.sharedNetworks.length === 0 ? (
          <Paragraph>{t('person.noShared')}</Paragraph>
        ) : (
          <ul className="card-list">
            {p.sharedNetworks.map((n) => (
              <li key={n.id}>
                <NetworkCard network={n} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
