import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-css/theme';
import './app.css';
import './i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App';
import { Providers } from './app/providers';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorPage } from './features/errors/pages/ErrorPage';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary fallback={(error) => <ErrorPage error={error} standalone />}>
      <Providers>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </Providers>
    </ErrorBoundary>
  </StrictMode>,
);
