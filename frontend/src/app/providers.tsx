import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import i18n from '../i18n';
import { api, type ApiClient } from '../lib/api';
import { AuthProvider } from './auth';
import { createQueryClient } from './query-client';

export function Providers({
  client = api,
  queryClient,
  children,
}: {
  client?: ApiClient;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [qc] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={qc}>
        <AuthProvider client={client}>{children}</AuthProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
