import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ingrid, json, kari, loggedIn, networkView, problem, renderApp } from '../../../test-utils';
import type { MemberItem, Permissions } from '../../../lib/api-types';

const SLUG = 'kulturskoleledere-i-vestland';
const base: Permissions = { join: false, request: false, leave: true, viewMembers: true, moderate: false, manage: false };

function member(name: string, over: Partial<MemberItem> = {}): MemberItem {
  return {
    canRemove: false,
    canChangeRole: false,
    userId: `u-${name.split(' ')[0]!.toLowerCase()}`,
    name,
    role: 'member',
    joinedAt: '2026-01-01T00:00:00Z',
    jobTitle: 'Kulturskolerektor',
    jobField: 'culture_school_leader',
    orgId: 'o-stord',
    orgName: 'Stord',
    orgKind: 'municipality',
    countyNumber: '46',
    countyName: 'Vestland',
    ...over,
  };
}

const people = [
  member('Ingrid Haugen', { userId: 'u2', role: 'owner', orgName: 'KS', orgKind: 'ks', countyName: '', countyNumber: '' }),
  member('Marit Lie'),
  member('Ola Berg', { role: 'moderator' }),
];

/** What the server says each may do: a moderator removes plain members; an owner removes others and sets roles. */
const asModerator = people.map((m) => ({ ...m, canRemove: m.role === 'member' }));
const asOwner = people.map((m) => ({ ...m, canRemove: m.userId !== 'u2', canChangeRole: true }));

function open(user = kari, permissions: Permissions = base, overrides = {}, items: MemberItem[] = people) {
  return renderApp(
    `/nettverk/${SLUG}/medlemmer`,
    loggedIn(user, {
      [`GET /api/v1/networks/${SLUG}`]: () => json(200, networkView({ permissions })),
      [`GET /api/v1/networks/${SLUG}/members`]: () => json(200, { items }),
      ...overrides,
    }),
  );
}

describe('MembersTab', () => {
  it('lists members with a link to each person; a plain member sees no controls', async () => {
    open();
    const link = await screen.findByRole('link', { name: 'Marit Lie' });
    expect(link).toHaveAttribute('href', '/personer/u-marit');
    const row = link.closest('tr')!;
    expect(within(row).getByText('Stord')).toBeInTheDocument();
    expect(within(row).getByText('Kulturskoleleder')).toBeInTheDocument();
    expect(within(row).getByText('Medlem')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /Rollen til/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Fjern/ })).not.toBeInTheDocument();
  });

  it('puts the filters in the query', async () => {
    const { requests } = open();
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Marit Lie' });
    await user.selectOptions(screen.getByLabelText('Type organisasjon'), 'municipality');
    await user.selectOptions(screen.getByLabelText('Fagområde'), 'librarian');
    await user.type(screen.getByLabelText('Søk etter navn'), 'mar{Enter}');
    await waitFor(() => {
      const last = requests.filter((r) => r.url.includes('/members')).at(-1)!;
      expect(Object.fromEntries(new URL(last.url).searchParams)).toEqual({
        orgKind: 'municipality',
        jobField: 'librarian',
        q: 'mar',
        limit: '20',
      });
    });
    expect(screen.getByTestId('location')).toHaveTextContent('?type=municipality&fag=librarian&sok=mar');
  });

  it('offers "Fjern" where the server says I may remove (canRemove)', async () => {
    open(kari, { ...base, moderate: true }, {}, asModerator);
    await screen.findByRole('link', { name: 'Marit Lie' });
    expect(screen.getByRole('button', { name: 'Fjern Marit Lie fra nettverket' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fjern Ola Berg fra nettverket' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fjern Ingrid Haugen fra nettverket' })).not.toBeInTheDocument();
  });

  it('owners change roles with the select and a save button, and see why the last owner stays', async () => {
    const { requests } = open(
      ingrid,
      { ...base, moderate: true, manage: true },
      { [`PUT /api/v1/networks/${SLUG}/members/u2/role`]: () => problem(409, 'network.last_owner') },
      asOwner,
    );
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Marit Lie' });
    // Not for myself: I leave on the About tab.
    expect(screen.queryByRole('button', { name: 'Fjern Ingrid Haugen fra nettverket' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Fjern Ola Berg fra nettverket' })).toBeInTheDocument();

    const mine = screen.getByRole('combobox', { name: 'Rollen til Ingrid Haugen' });
    expect(screen.queryByRole('button', { name: 'Lagre rollen til Ingrid Haugen' })).not.toBeInTheDocument();
    await user.selectOptions(mine, 'member');
    await user.click(screen.getByRole('button', { name: 'Lagre rollen til Ingrid Haugen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nettverket må ha minst én eier');
    expect(screen.getByRole('combobox', { name: 'Rollen til Ingrid Haugen' })).toHaveValue('owner');
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(await put.json()).toEqual({ role: 'member' });
  });

  it('removes a member after asking', async () => {
    const { requests } = open(
      ingrid,
      { ...base, moderate: true, manage: true },
      { [`DELETE /api/v1/networks/${SLUG}/members/u-marit`]: () => new Response(null, { status: 204 }) },
      asOwner,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Fjern Marit Lie fra nettverket' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vil du fjerne Marit Lie fra nettverket?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ja, fjern' }));
    expect(await screen.findByText('Marit Lie er fjernet fra nettverket.')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('shows which municipalities in my county take part, starting with my own county', async () => {
    const { requests } = open(kari, base, {
      [`GET /api/v1/networks/${SLUG}/coverage`]: (r: Request) => {
        const county = new URL(r.url).searchParams.get('county');
        return json(200, {
          county: { id: 'c', name: county === '40' ? 'Telemark' : 'Vestland', kind: 'county', number: county },
          municipalities: [
            { org: { id: 'm1', name: 'Fyresdal', kind: 'municipality' }, members: 2 },
            { org: { id: 'm2', name: 'Seljord', kind: 'municipality' }, members: 0 },
          ],
          present: 1,
          countyMembers: 1,
        });
      },
    });
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Kommuner i fylket ditt' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(await screen.findByText(/1 av 2 kommuner i Telemark er med i nettverket\./)).toBeInTheDocument();
    expect(screen.getByText(/1 person fra Telemark fylkeskommune/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Medlemmer per kommune i Telemark' });
    expect(within(table).getByRole('rowheader', { name: 'Seljord' }).closest('tr')).toHaveTextContent('Ingen ennå');
    expect(requests.some((r) => r.url.includes('/coverage?county=40'))).toBe(true);
    expect(screen.getByRole('button', { name: 'Skjul kommunene' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('opens the coverage at once from the About tab\'s link (?kommuner)', async () => {
    renderApp(
      `/nettverk/${SLUG}`,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, networkView({ permissions: base })),
        [`GET /api/v1/networks/${SLUG}/members`]: () => json(200, { items: people }),
        [`GET /api/v1/networks/${SLUG}/coverage`]: () =>
          json(200, { county: { id: 'c', name: 'Telemark', kind: 'county' }, municipalities: [], present: 0, countyMembers: 0 }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Hvilke kommuner i fylket ditt er med?' }));
    expect(await screen.findByText('0 av 0 kommuner i Telemark er med i nettverket.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Skjul kommunene' })).toHaveAttribute('aria-expanded', 'true');
  });
});
