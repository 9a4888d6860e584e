import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AppShell } from './AppShell';
import { RequireAuth } from './RequireAuth';

// Each page is its own chunk: the first load carries only the shell and one page.
const LoginPage = lazy(() => import('../features/auth/pages/LoginPage'));
const HomePage = lazy(() => import('../features/home/pages/HomePage'));
const MinSidePage = lazy(() => import('../features/me/pages/MinSidePage'));
const NotFoundPage = lazy(() => import('../features/errors/pages/NotFoundPage'));

export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route path="/logg-inn" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="/min-side" element={<MinSidePage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
