import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AppShell } from './AppShell';
import { RequireAuth } from './RequireAuth';

// Each page is its own chunk: the first load carries only the shell and one page.
const LoginPage = lazy(() => import('../features/auth/pages/LoginPage'));
const HomePage = lazy(() => import('../features/home/pages/HomePage'));
const MinSidePage = lazy(() => import('../features/me/pages/MinSidePage'));
const NotFoundPage = lazy(() => import('../features/errors/pages/NotFoundPage'));
const CataloguePage = lazy(() => import('../features/networks/pages/CataloguePage'));
const CreateNetworkPage = lazy(() => import('../features/networks/pages/CreateNetworkPage'));
const NetworkPage = lazy(() => import('../features/networks/pages/NetworkPage'));
const AboutTab = lazy(() => import('../features/networks/pages/AboutTab'));
const MembersTab = lazy(() => import('../features/networks/pages/MembersTab'));
const RequestsTab = lazy(() => import('../features/networks/pages/RequestsTab'));
const InvitationsTab = lazy(() => import('../features/networks/pages/InvitationsTab'));
const AuditTab = lazy(() => import('../features/networks/pages/AuditTab'));
const SettingsTab = lazy(() => import('../features/networks/pages/SettingsTab'));
// The forum is a chunk of its own (with its texts), loaded when it is opened.
const ForumTab = lazy(() => import('../features/forum/pages/ForumTab'));
const NewThreadPage = lazy(() => import('../features/forum/pages/NewThreadPage'));
const ThreadPage = lazy(() => import('../features/forum/pages/ThreadPage'));
const ModerationPage = lazy(() => import('../features/forum/pages/ModerationPage'));
// The library likewise.
const LibraryTab = lazy(() => import('../features/library/pages/LibraryTab'));
const NewResourcePage = lazy(() => import('../features/library/pages/NewResourcePage'));
const ResourcePage = lazy(() => import('../features/library/pages/ResourcePage'));
const EditResourcePage = lazy(() => import('../features/library/pages/EditResourcePage'));
const CollectionPage = lazy(() => import('../features/library/pages/CollectionPage'));
const NewCollectionPage = lazy(() => import('../features/library/pages/NewCollectionPage'));
const InvitationPage = lazy(() => import('../features/invitations/pages/InvitationPage'));
const PersonPage = lazy(() => import('../features/people/pages/PersonPage'));
const OutboxPage = lazy(() => import('../features/admin/pages/OutboxPage'));
const SearchPage = lazy(() => import('../features/search/pages/SearchPage'));
const SearchInsightPage = lazy(() => import('../features/search/pages/InsightPage'));

// Addresses are Norwegian and readable; the API behind them is English.
export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route path="/logg-inn" element={<LoginPage />} />
        {/* Public: an invitation link works logged out (register) and logged in (accept). */}
        <Route path="/invitasjon/:token" element={<InvitationPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="/min-side" element={<MinSidePage />} />
          <Route path="/nettverk" element={<CataloguePage />} />
          <Route path="/nettverk/ny" element={<CreateNetworkPage />} />
          <Route path="/nettverk/:slug" element={<NetworkPage />}>
            <Route index element={<AboutTab />} />
            <Route path="forum" element={<ForumTab />} />
            <Route path="forum/ny" element={<NewThreadPage />} />
            <Route path="forum/moderering" element={<ModerationPage />} />
            {/* <thread id>-<slug>, or the id alone */}
            <Route path="forum/:thread" element={<ThreadPage />} />
            <Route path="bibliotek" element={<LibraryTab />} />
            <Route path="bibliotek/ny" element={<NewResourcePage />} />
            <Route path="bibliotek/mapper/ny" element={<NewCollectionPage />} />
            <Route path="bibliotek/mapper/:collectionId" element={<CollectionPage />} />
            <Route path="bibliotek/:resourceId" element={<ResourcePage />} />
            <Route path="bibliotek/:resourceId/endre" element={<EditResourcePage />} />
            <Route path="medlemmer" element={<MembersTab />} />
            <Route path="foresporsler" element={<RequestsTab />} />
            <Route path="invitasjoner" element={<InvitationsTab />} />
            <Route path="endringslogg" element={<AuditTab />} />
            <Route path="innstillinger" element={<SettingsTab />} />
          </Route>
          <Route path="/personer/:id" element={<PersonPage />} />
          <Route path="/administrasjon/utboks" element={<OutboxPage />} />
          <Route path="/sok" element={<SearchPage />} />
          <Route path="/sok/innsikt" element={<SearchInsightPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
