import { Suspense, useState } from 'react';
import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { NavLink, Outlet, Link as RouterLink, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { PageHeading } from '../../../components/PageHeading';
import { ErrorPage } from '../../errors/pages/ErrorPage';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import type { NetworkView } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useNetwork } from '../api';
import { RoleTag, VisibilityTag } from '../components/NetworkBits';
import type { NetworkContext } from '../context';

type Tab = { path: string; label: string };

/** The tabs this person may open, from the network's permissions (the server's rules). */
export function networkTabs(t: TFunction, n: NetworkView): Tab[] {
  const p = n.permissions;
  const tabs: (Tab | false)[] = [
    { path: '', label: t('networkPage.tabs.about') },
    p.viewMembers && { path: 'medlemmer', label: t('networkPage.tabs.members') },
    p.moderate && { path: 'foresporsler', label: t('networkPage.tabs.requests') },
    p.moderate && { path: 'invitasjoner', label: t('networkPage.tabs.invitations') },
    p.manage && { path: 'endringslogg', label: t('networkPage.tabs.audit') },
    p.manage && { path: 'innstillinger', label: t('networkPage.tabs.settings') },
  ];
  return tabs.filter((tab): tab is Tab => tab !== false);
}

const TAB_PATHS = ['medlemmer', 'foresporsler', 'invitasjoner', 'endringslogg', 'innstillinger'];

export default function NetworkPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { key, pathname } = useLocation();
  const [openedWith] = useState(key);
  const network = useNetwork(slug);
  const base = `/nettverk/${slug}`;

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
  const tabs = networkTabs(t, n);
  const segment = pathname.slice(base.length).replace(/^\/+/, '').split('/')[0] ?? '';
  const current = tabs.find((tab) => tab.path === segment);
  const tabTitle = current?.label ?? (TAB_PATHS.includes(segment) ? t('networkPage.noAccessTitle') : '');
  const context: NetworkContext = { network: n, openedWith };

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
              <NavLink to={tab.path ? `${base}/${tab.path}` : base} end className="tab-nav__link">
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        <ErrorBoundary key={pathname} fallback={(error) => <ErrorPage error={error} />}>
          <Suspense fallback={<Loading />}>
            <Outlet context={context} />
          </Suspense>
        </ErrorBoundary>
      </div>
    </div>
  );
}
