import { Alert, Link } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TabHeading } from '../../networks/context';
import { FORUM_NS } from '../i18n';

/**
 * In place of a forum (or one of its threads) the reader may not read: it is for
 * the network's members, and the network's page says how to join.
 */
export function MembersOnly({ networkSlug }: { networkSlug: string }) {
  const { t } = useTranslation(FORUM_NS);
  return (
    <>
      <TabHeading title={t('forum.noAccessTitle')} />
      <Alert data-color="info">
        {t('forum.membersOnly')}{' '}
        <Link asChild>
          <RouterLink to={`/nettverk/${networkSlug}`}>{t('forum.joinLink')}</RouterLink>
        </Link>
      </Alert>
    </>
  );
}
