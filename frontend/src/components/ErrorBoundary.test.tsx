import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorPage } from '../features/errors/pages/ErrorPage';
import { ApiError } from '../lib/api-error';
import '../i18n';

function Boom(): never {
  throw new ApiError({ status: 500, code: 'internal', requestId: 'req-42' });
}

describe('ErrorBoundary', () => {
  it('shows the error page with the request id instead of a crashed page', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <ErrorBoundary fallback={(error) => <ErrorPage error={error} standalone />}>
        <Boom />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Noe gikk galt' })).toBeInTheDocument();
    expect(screen.getByText('Referanse: req-42')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Last inn siden på nytt' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    spy.mockRestore();
  });
});
