import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { formatNumber } from '../../../lib/format';
import { useMyNetworks } from '../api';
import { roleLabel } from '../labels';

/** Hjem's "Mine nettverk": one link per network, or where to find one. */
export function MyNetworksList() {
  const { t } = useTranslation();
  const mine = useMyNetworks();
  if (mine.isPending) return <Loading />;
  if (mine.isError)
    return (
      <Alert data-color="danger" role="alert">
        {errorMessage(t, mine.error)}
      </Alert>
    );
  const items = mine.data.items;
  if (items.length === 0) {
    return (
      <>
        <Paragraph>{t('home.myNetworksEmpty')}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/nettverk">{t('home.findNetworks')}</RouterLink>
          </Link>
        </Paragraph>
      </>
    );
  }
  return (
    <>
      <ul className="my-networks">
        {items.map((n) => (
          <li key={n.id}>
            <Link asChild>
              <RouterLink to={`/nettverk/${n.slug}`}>{n.name}</RouterLink>
            </Link>
            <span className="muted small">
              {' '}
              {[n.myRole ? roleLabel(t, n.myRole) : '', t('networkCard.memberCount', { count: n.memberCount, formatted: formatNumber(n.memberCount) })]
                .filter(Boolean)
                .join(' · ')}
            </span>{' '}
            <span className="small">
              ·{' '}
              <Link asChild>
                <RouterLink to={`/nettverk/${n.slug}/forum`} aria-label={t('home.forumOf', { name: n.name })}>
                  {t('home.forum')}
                </RouterLink>
              </Link>
            </span>
          </li>
        ))}
      </ul>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/nettverk">{t('home.allNetworks')}</RouterLink>
        </Link>
      </Paragraph>
    </>
  );
}
