import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../i18n';
import { kari, loggedIn, loggedOut, problem, renderApp } from '../test-utils';

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

describe('app shell', () => {
  it('sends logged-out users to the login page and keeps where they were going', async () => {
    renderApp('/min-side', loggedOut());
    expect(await screen.findByRole('heading', { level: 1, name: 'Logg inn' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/logg-inn?neste=%2Fmin-side');
  });

  it('restores the session from the refresh cookie and greets the user', async () => {
    renderApp('/', loggedIn());
    expect(await screen.findByRole('heading', { level: 1, name: 'Hei, Kari!' })).toBeInTheDocument();
    expect(screen.getByText('Du er med i Samspill for Fyresdal kommune.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(within(nav).getByRole('link', { name: 'Hjem' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Min side' })).toBeInTheDocument();
  });

  it('has a skip link as the first Tab stop, and landmarks', async () => {
    renderApp('/logg-inn', loggedOut());
    await screen.findByRole('heading', { level: 1, name: 'Logg inn' });
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toHaveTextContent('Hopp til hovedinnholdet');
    expect(document.activeElement).toHaveAttribute('href', '#main');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
  });

  it('follows the user\'s language setting and sets <html lang>', async () => {
    renderApp('/', loggedIn({ ...kari, language: 'nn' }));
    expect(await screen.findByRole('link', { name: 'Heim' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nn');
  });

  it('switches language in the header and saves it for a logged-in user', async () => {
    const { requests } = renderApp('/', loggedIn(kari, {
      'PATCH /api/v1/me': async (r) => new Response(JSON.stringify({ ...kari, ...(await r.json()) }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    }));
    await screen.findByRole('heading', { level: 1, name: 'Hei, Kari!' });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Språk'), 'en');
    expect(await screen.findByRole('link', { name: 'Home' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toEqual({ language: 'en' });
  });

  it('shows the not-found page for unknown paths', async () => {
    renderApp('/finnes-ikke', loggedOut());
    expect(await screen.findByRole('heading', { level: 1, name: 'Vi fant ikke siden' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Gå til forsiden' })).toHaveAttribute('href', '/');
  });

  it('logs out from the user menu', async () => {
    const { requests } = renderApp('/', loggedIn());
    await screen.findByRole('heading', { level: 1, name: 'Hei, Kari!' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Kari Nordmann/ }));
    // jsdom does not show popovers; the e2e test opens the menu in a real browser.
    await user.click(screen.getByRole('button', { name: 'Logg ut', hidden: true }));
    expect(await screen.findByText('Du er logget ut.')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/logg-inn$/);
    expect(requests.some((r) => r.url.endsWith('/api/v1/auth/logout'))).toBe(true);
  });
});

describe('when GET /me fails', () => {
  it('shows the error page inside the shell, with the request id', async () => {
    renderApp('/', loggedIn(kari, { 'GET /api/v1/me': () => problem(503, 'unavailable') }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Noe gikk galt' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Referanse: req-1')).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
  });
});
