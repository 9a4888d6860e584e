import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ingrid, json, loggedIn, networkView, problem, renderApp } from '../../../test-utils';
import type { Invitation, InviteResult } from '../../../lib/api-types';
import { InviteResultView } from '../components/InviteResultView';
import { invalidLines } from './InvitationsTab';

const SLUG = 'kulturskoleledere-i-vestland';
const owner = networkView({
  myRole: 'owner',
  permissions: { join: false, request: false, leave: true, viewMembers: true, moderate: true, manage: true },
});

function invitation(email: string, over: Partial<Invitation> = {}): Invitation {
  return {
    id: `i-${email}`,
    email,
    invitedBy: 'u2',
    invitedByName: 'Ingrid Haugen',
    createdAt: '2026-11-25T10:00:00Z',
    expiresAt: '2026-12-09T10:00:00Z',
    link: `http://127.0.0.1/invitasjon/token-${email}`,
    status: 'pending',
    ...over,
  };
}

const result: InviteResult = {
  invited: [invitation('ny@kommune.no'), invitation('to@kommune.no')],
  problems: [
    { input: 'ikke-en-epost', line: 2, code: 'invalid_email' },
    { input: 'kari.nordmann@demo.samspill.no', line: 3, code: 'already_member' },
    { input: 'ny@kommune.no', line: 4, code: 'duplicate' },
    { input: 'per@kommune.no', line: 5, code: 'already_invited' },
  ],
};

describe('InviteResultView', () => {
  it('lists who was invited, each with the link in a read-only field and a copy button', () => {
    render(<InviteResultView result={result} invalidKept />);
    expect(screen.getByText('2 personer er invitert. Du kan også sende lenkene selv:')).toBeInTheDocument();
    const field = screen.getByLabelText('Invitasjonslenke til ny@kommune.no');
    expect(field).toHaveValue('http://127.0.0.1/invitasjon/token-ny@kommune.no');
    expect(field).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: 'Kopier lenke til to@kommune.no' })).toBeInTheDocument();
  });

  it('says line by line why the rest were not invited', () => {
    render(<InviteResultView result={result} invalidKept />);
    expect(screen.getByText('4 linjer ble ikke invitert:')).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: '4 linjer ble ikke invitert:' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'ikke-en-epost (linje 2): ikke en gyldig e-postadresse',
      'kari.nordmann@demo.samspill.no (linje 3): er allerede medlem',
      'ny@kommune.no (linje 4): står flere ganger i lista',
      'per@kommune.no (linje 5): er allerede invitert, og invitasjonen gjelder fortsatt',
    ]);
    expect(screen.getByText(/står igjen i feltet/)).toBeInTheDocument();
  });

  it('leaves only the lines that were not addresses for the user to fix', () => {
    expect(invalidLines(result)).toBe('ikke-en-epost');
    expect(invalidLines({ invited: [], problems: [] })).toBe('');
  });
});

describe('InvitationsTab', () => {
  it('sends the pasted list as it is, shows the result, and keeps the bad lines in the field', async () => {
    const { requests } = renderApp(
      `/nettverk/${SLUG}/invitasjoner`,
      loggedIn(ingrid, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, owner),
        [`GET /api/v1/networks/${SLUG}/invitations`]: () => json(200, { items: [] }),
        [`POST /api/v1/networks/${SLUG}/invitations`]: () => json(200, result),
      }),
    );
    const user = userEvent.setup();
    const field = await screen.findByLabelText('E-postadresser');
    await user.type(field, 'ny@kommune.no{Enter}ikke-en-epost{Enter}to@kommune.no');
    await user.click(screen.getByRole('button', { name: 'Send invitasjoner' }));
    expect(await screen.findByRole('heading', { name: 'Resultat' })).toBeInTheDocument();
    expect(field).toHaveValue('ikke-en-epost');
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/invitations'))!;
    expect(await post.json()).toEqual({ emails: 'ny@kommune.no\nikke-en-epost\nto@kommune.no' });
  });

  it('shows the server\'s field error and keeps the text when no line is an address', async () => {
    renderApp(
      `/nettverk/${SLUG}/invitasjoner`,
      loggedIn(ingrid, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, owner),
        [`GET /api/v1/networks/${SLUG}/invitations`]: () => json(200, { items: [] }),
        [`POST /api/v1/networks/${SLUG}/invitations`]: () =>
          problem(422, 'validation.failed', { errors: [{ field: 'emails', code: 'invalid', message: 'x' }] }),
      }),
    );
    const user = userEvent.setup();
    const field = await screen.findByLabelText('E-postadresser');
    await user.type(field, 'tull');
    await user.click(screen.getByRole('button', { name: 'Send invitasjoner' }));
    expect(await screen.findByText(/Ingen av linjene er en gyldig e-postadresse/)).toBeInTheDocument();
    expect(field).toHaveValue('tull');
    expect(field).toHaveAttribute('aria-invalid', 'true');
  });

  it('lists earlier invitations with their status; only pending ones have a link and can be withdrawn', async () => {
    renderApp(
      `/nettverk/${SLUG}/invitasjoner`,
      loggedIn(ingrid, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, owner),
        [`GET /api/v1/networks/${SLUG}/invitations`]: () =>
          json(200, {
            items: [
              invitation('venter@kommune.no'),
              invitation('brukt@kommune.no', {
                status: 'used',
                link: '',
                usedAt: '2026-11-26T10:00:00Z',
                usedBy: 'u9',
                usedByName: 'Nora Ny',
              }),
            ],
          }),
      }),
    );
    expect(await screen.findByText('venter@kommune.no')).toBeInTheDocument();
    expect(screen.getByText('Venter')).toBeInTheDocument();
    expect(screen.getByText('Brukt')).toBeInTheDocument();
    // Who invited and who used it, by name.
    expect(screen.getByText(/Sendt 25\. november 2026 kl\. 11:00 av Ingrid Haugen · brukt 26\. november 2026 kl\. 11:00 av Nora Ny/)).toBeInTheDocument();
    expect(screen.getByLabelText('Invitasjonslenke til venter@kommune.no')).toBeInTheDocument();
    expect(screen.queryByLabelText('Invitasjonslenke til brukt@kommune.no')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Trekk tilbake invitasjonen til venter@kommune.no' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Trekk tilbake invitasjonen til brukt@kommune.no' })).not.toBeInTheDocument();
  });
});
