import { Suspense, useMemo, useState } from 'react';
import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { NavLink, Outlet, Link as RouterLink, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAuth } from '../../../app/auth';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { PageHeading } from '../../../components/PageHeading';
import { ErrorPage } from '../../errors/pages/ErrorPage';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import type { NetworkView } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { canReadForum } from '../access';
import { useNetwork } from '../api';
import { RoleTag, VisibilityTag } from '../components/NetworkBits';
import type { NetworkContext } from '../context';

type Tab = {
  path: string;
  label: string;
  /** Something waiting there (join requests), said in the tab's text. */
  count?: { value: number; text: string };
};

/**
 * The tabs this person may open, from the network's permissions (the server's
 * rules), in the product's order: Forum first, Om nettverket last of all but the
 * moderators' and owners' tabs.
 */
export function networkTabs(t: TFunction, n: NetworkView, readForum: boolean): Tab[] {
  const p = n.permissions;
  const waiting = n.pendingRequests;
  const tabs: (Tab | false)[] = [
    readForum && { path: 'forum', label: t('networkPage.tabs.forum') },
    // The library has the same readers as the forum.
    readForum && { path: 'bibliotek', label: t('networkPage.tabs.library') },
    p.viewMembers && { path: 'medlemmer', label: t('networkPage.tabs.members') },
    { path: '', label: t('networkPage.tabs.about') },
    p.moderate && {
      path: 'foresporsler',
      label: t('networkPage.tabs.requests'),
      count: waiting > 0 ? { value: waiting, text: t('networkPage.waiting', { count: waiting }) } : undefined,
    },
    p.moderate && { path: 'invitasjoner', label: t('networkPage.tabs.invitations') },
    p.manage && { path: 'endringslogg', label: t('networkPage.tabs.audit') },
    p.manage && { path: 'innstillinger', label: t('networkPage.tabs.settings') },
  ];
  return tabs.filter((tab): tab is Tab => tab !== false);
}

const TAB_PATHS = ['forum', 'bibliotek', 'medlemmer', 'foresporsler', 'invitasjoner', 'endringslogg', 'innstillinger'];

export default function NetworkPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { key, pathname } = useLocation();
  const { user } = useAuth();
  const [openedWith] = useState(key);
  // A page inside a tab (a forum thread) may name itself in the document title.
  const [subTitle, setSubTitle] = useState<string | null>(null);
  const network = useNetwork(slug);
  const base = `/nettverk/${slug}`;
  const context = useMemo<NetworkContext | null>(
    () => (network.data ? { network: network.data, openedWith, setSubTitle } : null),
    [network.data, openedWith],
  );

  if (network.isPending) return <Loading />;
  if (network.isError) {
    const notFound = isApiError(network.error) && network.error.status === 404;
    return (
      <div className="page page--narrow">
        <PageHeading title={notFound ? t('networkPage.notFoundTitle') : t('errorPage.title')} />
        <Alert data-color={notFound ? 'info' : 'danger'} role={notFound ? undefined : 'alert'}>
          {errorMessage(t, network.error)}
        </Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/nettverk">{t('networkPage.backToCatalogue')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }

  const n = network.data;
  const tabs = networkTabs(t, n, canReadForum(n, user?.siteRole));
  const segment = pathname.slice(base.length).replace(/^\/+/, '').split('/')[0] ?? '';
  const current = tabs.find((tab) => tab.path === segment);
  const tabTitle =
    (current && subTitle) || (current?.label ?? (TAB_PATHS.includes(segment) ? t('networkPage.noAccessTitle') : ''));

  return (
    <div className="page network-page">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to="/nettverk">{t('networkPage.backToCatalogue')}</RouterLink>
        </Link>
      </Paragraph>
      <div className="network-page__head">
        <PageHeading title={tabTitle ? `${tabTitle} – ${n.name}` : n.name} focusPath={base}>
          {n.name}
        </PageHeading>
        <div className="tag-row">
          <VisibilityTag visibility={n.visibility} />
          {n.myRole && <RoleTag role={n.myRole} />}
          <span className="network-page__count">{t('networkCard.memberCount', { count: n.memberCount, formatted: formatNumber(n.memberCount) })}</span>
        </div>
      </div>
      <nav aria-label={t('networkPage.tabsLabel')} className="tab-nav">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.path}>
              {/* The forum's and the library's links stay current on their pages and forms. */}
              <NavLink to={tab.path ? `${base}/${tab.path}` : base} end={tab.path !== 'forum' && tab.path !== 'bibliotek'} className="tab-nav__link">
                {tab.label}
                {tab.count && (
                  <>
                    {' '}
                    <span className="tab-nav__count" aria-hidden="true">
                      {formatNumber(tab.count.value)}
                    </span>
                    <span className="ds-sr-only">{` (${tab.count.text})`}</span>
                  </>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        <ErrorBoundary key={pathname} fallback={(error) => <ErrorPage error={error} />}>
          <Suspense fallback={<Loading />}>
            {context && <Outlet context={context} />}
          </Suspense>
        </ErrorBoundary>
      </div>
    </div>
  );
}
