import { Suspense } from 'react';
import { Link, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import { NavLink, Outlet, Link as RouterLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { MyNetworksMenu } from './MyNetworksMenu';
import { HeaderSearch } from '../features/search/components/HeaderSearch';
import { Loading } from '../components/Loading';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorPage } from '../features/errors/pages/ErrorPage';

export function AppShell() {
  const { t } = useTranslation();
  const { state, user } = useAuth();
  const { pathname } = useLocation();
  const loggedIn = state.status === 'authenticated' && user !== undefined;

  return (
    <div className="app">
      <SkipLink href="#main">{t('app.skipLink')}</SkipLink>
      <header className="app-header">
        <div className="container app-header__inner">
          <Link asChild className="app-header__brand">
            <RouterLink to="/">{t('app.name')}</RouterLink>
          </Link>
          {loggedIn && (
            <nav aria-label={t('nav.main')} className="app-nav">
              <ul>
                <li>
                  <Link asChild>
                    <NavLink to="/" end>
                      {t('nav.home')}
                    </NavLink>
                  </Link>
                </li>
                <li>
                  <Link asChild>
                    <NavLink to="/nettverk">{t('nav.networks')}</NavLink>
                  </Link>
                </li>
                <li>
                  <MyNetworksMenu />
                </li>
                <li>
                  <Link asChild>
                    <NavLink to="/min-side">{t('nav.minSide')}</NavLink>
                  </Link>
                </li>
                {user.siteRole === 'admin' && (
                  <li>
                    <Link asChild>
                      <NavLink to="/administrasjon/utboks">{t('nav.admin')}</NavLink>
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
          {loggedIn && <HeaderSearch />}
          <div className="app-header__tools">
            <LanguageSwitch />
            {loggedIn && <UserMenu user={user} />}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {/* A new page gets a fresh boundary, so an error on one page does not stick.
            Pages with tabs (/nettverk/:slug/…) count as one page: switching tabs
            must not remount the page around them (they have their own boundary). */}
        <div className="container">
          <ErrorBoundary key={pageKey(pathname)} fallback={(error) => <ErrorPage error={error} />}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </div>
      </main>
      <footer className="app-footer">
        <div className="container">
          <Paragraph data-size="sm">{t('app.footer')}</Paragraph>
        </div>
      </footer>
    </div>
  );
}

/** The part of the path that names the page: /nettverk/<slug> for every tab of a network. */
function pageKey(pathname: string): string {
  return pathname.split('/').slice(0, 3).join('/');
}
