import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedOut, problem, renderApp, session } from '../../../test-utils';
import i18n from '../../../i18n';

describe('LoginPage', () => {
  it('shows a field error next to each empty field and an error summary', async () => {
    await i18n.changeLanguage('nb');
    const { requests } = renderApp('/logg-inn', loggedOut());
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Logg inn' }));
    const email = screen.getByLabelText('E-postadresse');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('Skriv e-postadressen din.'));
    expect(screen.getByLabelText('Passord')).toHaveAccessibleDescription(expect.stringContaining('Skriv passordet ditt.'));
    expect(screen.getByRole('link', { name: 'Skriv e-postadressen din.' })).toHaveAttribute('href', '#login-email');
    expect(requests.filter((r) => r.url.endsWith('/auth/login'))).toHaveLength(0);
  });

  it('keeps what the user typed after a failed login and shows the error', async () => {
    renderApp('/logg-inn', loggedOut({ 'POST /api/v1/auth/login': () => problem(401, 'auth.invalid_credentials') }));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-postadresse'), 'kari.nordmann@demo.samspill.no');
    await user.type(screen.getByLabelText('Passord'), 'feil-passord');
    await user.click(screen.getByRole('button', { name: 'Logg inn' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('E-postadressen eller passordet er feil');
    expect(screen.getByLabelText('E-postadresse')).toHaveValue('kari.nordmann@demo.samspill.no');
    expect(screen.getByLabelText('Passord')).toHaveValue('feil-passord');
  });

  it('shows when the user can try again after too many attempts', async () => {
    renderApp(
      '/logg-inn',
      loggedOut({ 'POST /api/v1/auth/login': () => problem(429, 'auth.too_many_attempts', { retryAfter: 900 }) }),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-postadresse'), 'laas.test@demo.samspill.no');
    await user.type(screen.getByLabelText('Passord'), 'x');
    await user.click(screen.getByRole('button', { name: 'Logg inn' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Prøv igjen om 15 minutter.');
  });

  it('puts server field errors next to the fields', async () => {
    renderApp(
      '/logg-inn',
      loggedOut({
        'POST /api/v1/auth/login': () =>
          problem(422, 'validation.failed', { errors: [{ field: 'email', code: 'invalid', message: 'bad' }] }),
      }),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-postadresse'), 'kari@demo');
    await user.type(screen.getByLabelText('Passord'), 'x');
    await user.click(screen.getByRole('button', { name: 'Logg inn' }));
    await waitFor(() =>
      expect(screen.getByLabelText('E-postadresse')).toHaveAccessibleDescription(
        expect.stringContaining('Skriv en gyldig e-postadresse'),
      ),
    );
  });

  it('logs in and goes to the page in ?neste', async () => {
    renderApp(
      '/logg-inn?neste=%2Fmin-side',
      loggedOut({ 'POST /api/v1/auth/login': () => json(200, session()), 'GET /api/v1/me': () => json(200, kari) }),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-postadresse'), 'kari.nordmann@demo.samspill.no');
    await user.type(screen.getByLabelText('Passord'), 'samspill-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Logg inn' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Min side' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/min-side');
  });

  it('never follows ?neste to another site', async () => {
    renderApp('/logg-inn?neste=%2F%2Fevil.example', loggedOut({ 'POST /api/v1/auth/login': () => json(200, session()) }));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-postadresse'), 'kari.nordmann@demo.samspill.no');
    await user.type(screen.getByLabelText('Passord'), 'samspill-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Logg inn' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
  });
});
