import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, loggedOut, networkView, problem, renderApp, session } from '../../../test-utils';
import type { InvitationPreview, Me } from '../../../lib/api-types';

const TOKEN = 'abc123';
const PATH = `/invitasjon/${TOKEN}`;
const API = `/api/v1/invitations/${TOKEN}`;

const preview = (over: Partial<InvitationPreview> = {}): InvitationPreview => ({
  networkName: 'Kulturskoleledere i Vestland',
  networkSlug: 'kulturskoleledere-i-vestland',
  email: 'nina@stord.kommune.no',
  invitedBy: 'Ingrid Haugen',
  expiresAt: '2026-12-09T10:00:00Z',
  hasAccount: false,
  alreadyMember: false,
  visibility: 'on_request',
  ...over,
});

describe('InvitationPage', () => {
  it.each([
    ['network.invitation_invalid', 404, 'Invitasjonslenken er ikke gyldig'],
    ['network.invitation_used', 409, 'Invitasjonen er allerede brukt'],
    ['network.invitation_revoked', 409, 'Invitasjonen er trukket tilbake'],
    ['network.invitation_expired', 409, 'Invitasjonen har gått ut'],
  ])('explains a link that cannot be used (%s)', async (code, status, text) => {
    renderApp(PATH, loggedOut({ [`GET ${API}`]: () => problem(status, code) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Invitasjonen kan ikke brukes' })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(text))).toBeInTheDocument();
  });

  it('logged out with an account: log in first, then come back here', async () => {
    renderApp(PATH, loggedOut({ [`GET ${API}`]: () => json(200, preview({ hasAccount: true })) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Du er invitert til Kulturskoleledere i Vestland' })).toBeInTheDocument();
    expect(screen.getByText(/Ingrid Haugen har invitert nina@stord.kommune.no/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Logg inn' })).toHaveAttribute('href', `/logg-inn?neste=%2Finvitasjon%2F${TOKEN}`);
  });

  it('logged in: accepts and goes to the network', async () => {
    const me: Me = { ...kari, email: 'nina@stord.kommune.no' };
    renderApp(
      PATH,
      loggedIn(me, {
        [`GET ${API}`]: () => json(200, preview({ hasAccount: true })),
        [`POST ${API}/accept`]: () => json(200, networkView({ myRole: 'member' })),
        'GET /api/v1/networks/kulturskoleledere-i-vestland': () => json(200, networkView({ myRole: 'member' })),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Bli med i nettverket' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/nettverk/kulturskoleledere-i-vestland'));
  });

  it('logged in and already a member: says so and links to the network instead of "Bli med"', async () => {
    const me: Me = { ...kari, email: 'nina@stord.kommune.no' };
    renderApp(PATH, loggedIn(me, { [`GET ${API}`]: () => json(200, preview({ hasAccount: true, alreadyMember: true })) }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Du er allerede med' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Gå til nettverket' })).toHaveAttribute('href', '/nettverk/kulturskoleledere-i-vestland');
    expect(screen.queryByRole('button', { name: 'Bli med i nettverket' })).not.toBeInTheDocument();
  });

  it('logged in as someone else: says so and offers to log out instead of joining', async () => {
    renderApp(PATH, loggedIn(kari, { [`GET ${API}`]: () => json(200, preview({ hasAccount: true })) }));
    expect(await screen.findByText(/men du er logget inn som kari.nordmann@demo.samspill.no/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Bli med i nettverket' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Logg ut' })).toBeInTheDocument();
  });

  it('without an account: registers with an organisation from the picker, logs in and opens the network', async () => {
    const nina: Me = { ...kari, id: 'u9', name: 'Nina Nyansatt', email: 'nina@stord.kommune.no' };
    let loggedInNow = false;
    const { requests } = renderApp(PATH, (request) => {
      const url = new URL(request.url);
      const key = `${request.method} ${url.pathname}`;
      if (key === `GET ${API}`) return json(200, preview());
      if (key === 'GET /api/v1/orgs' && url.searchParams.get('q'))
        return json(200, {
          items: [{ id: 'o-stord', name: 'Stord', kind: 'municipality', number: '4614', countyNumber: '46', countyName: 'Vestland' }],
        });
      if (key === `POST ${API}/register`) return json(201, networkView({ myRole: 'member' }));
      if (key === 'POST /api/v1/auth/login') {
        loggedInNow = true;
        return json(200, session(nina));
      }
      if (loggedInNow) return loggedIn(nina, {
        'GET /api/v1/networks/kulturskoleledere-i-vestland': () => json(200, networkView({ myRole: 'member' })),
      })(request);
      return loggedOut()(request);
    });
    const user = userEvent.setup();
    const submit = await screen.findByRole('button', { name: 'Lag konto og bli med' });
    expect(screen.getByLabelText('E-postadresse')).toHaveValue('nina@stord.kommune.no');

    // Nothing filled in: every problem at once, and nothing sent.
    await user.click(submit);
    expect(screen.getByRole('link', { name: 'Skriv navnet ditt.' })).toHaveAttribute('href', '#register-name');
    expect(screen.getByRole('link', { name: 'Passordet må ha minst 10 tegn.' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Søk etter og velg organisasjonen du jobber i.' })).toHaveAttribute('href', '#register-orgId');
    expect(screen.getByRole('link', { name: 'Velg fagområdet ditt.' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Navn'), 'Nina Nyansatt');
    await user.type(screen.getByLabelText('Passord'), 'et langt passord');
    await user.type(screen.getByLabelText('Organisasjon'), 'Sto');
    const group = await screen.findByRole('group', { name: 'Velg organisasjon' });
    await user.click(within(group).getByRole('radio', { name: /Stord/ }));
    await user.selectOptions(screen.getByLabelText('Fagområde'), 'culture_school_leader');
    await user.click(screen.getByRole('button', { name: 'Lag konto og bli med' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/nettverk/kulturskoleledere-i-vestland'));
    const register = requests.find((r) => r.url.endsWith('/register'))!;
    expect(await register.json()).toEqual({
      name: 'Nina Nyansatt',
      password: 'et langt passord',
      orgId: 'o-stord',
      jobField: 'culture_school_leader',
      language: 'nb',
    });
    const login = requests.find((r) => r.url.endsWith('/auth/login'))!;
    expect(await login.json()).toEqual({ email: 'nina@stord.kommune.no', password: 'et langt passord' });
  });

  it('keeps what was typed when the email already has an account, and links to login', async () => {
    renderApp(
      PATH,
      loggedOut({
        [`GET ${API}`]: () => json(200, preview()),
        'GET /api/v1/orgs': () =>
          json(200, { items: [{ id: 'o-stord', name: 'Stord', kind: 'municipality', countyName: 'Vestland' }] }),
        [`POST ${API}/register`]: () => problem(409, 'network.invitation_login'),
      }),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Navn'), 'Nina');
    await user.type(screen.getByLabelText('Passord'), 'et langt passord');
    await user.type(screen.getByLabelText('Organisasjon'), 'Stord');
    await user.click(await screen.findByRole('radio', { name: /Stord/ }));
    await user.selectOptions(screen.getByLabelText('Fagområde'), 'other');
    await user.click(screen.getByRole('button', { name: 'Lag konto og bli med' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Det finnes allerede en konto med denne e-postadressen');
    expect(within(alert).getByRole('link', { name: 'Logg inn' })).toBeInTheDocument();
    expect(screen.getByLabelText('Navn')).toHaveValue('Nina');
    expect(screen.getByRole('radio', { name: /Stord/ })).toBeChecked();
  });
});
