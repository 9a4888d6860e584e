import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ingrid, json, loggedIn, networkView, renderApp } from '../../../test-utils';
import type { JoinRequest } from '../../../lib/api-types';

const SLUG = 'kulturskoleledere-i-vestland';
const moderator = networkView({
  myRole: 'moderator',
  permissions: { join: false, request: false, leave: true, viewMembers: true, moderate: true, manage: false },
});

const request = (id: string, name: string, over: Partial<JoinRequest> = {}): JoinRequest => ({
  id,
  userId: `u-${id}`,
  message: 'Hei! Jeg vil gjerne være med.',
  status: 'pending',
  createdAt: '2026-11-20T09:00:00Z',
  profile: {
    name,
    jobTitle: 'Kulturskolerektor',
    jobField: 'culture_school_leader',
    orgId: 'o',
    orgName: 'Stord',
    orgKind: 'municipality',
    countyNumber: '46',
    countyName: 'Vestland',
  },
  ...over,
});

describe('RequestsTab', () => {
  it('approves and declines with a reason; a filter shows earlier decisions', async () => {
    let pending = [request('r1', 'Marit Lie'), request('r2', 'Kari Nordmann', { message: '' })];
    const { requests } = renderApp(
      `/nettverk/${SLUG}/foresporsler`,
      loggedIn(ingrid, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, moderator),
        [`GET /api/v1/networks/${SLUG}/requests`]: (r) =>
          new URL(r.url).searchParams.get('status') === 'declined'
            ? json(200, { items: [request('r9', 'Per Olsen', { status: 'declined', reason: 'Bare for Vestland.', decidedAt: '2026-11-21T09:00:00Z', decidedBy: 'u2', decidedByName: 'Ingrid Haugen' })] })
            : json(200, { items: pending }),
        [`POST /api/v1/networks/${SLUG}/requests/r1/approve`]: () => {
          pending = pending.filter((p) => p.id !== 'r1');
          return json(200, request('r1', 'Marit Lie', { status: 'approved' }));
        },
        [`POST /api/v1/networks/${SLUG}/requests/r2/decline`]: () => {
          pending = [];
          return json(200, request('r2', 'Kari Nordmann', { status: 'declined' }));
        },
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('2 forespørsler venter på svar.')).toBeInTheDocument();
    expect(screen.getByText('Hei! Jeg vil gjerne være med.')).toBeInTheDocument();
    expect(screen.getByText('Ingen melding')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Godkjenn Marit Lie' }));
    expect(await screen.findByText('Marit Lie er nå medlem av nettverket.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Marit Lie' })).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Avslå Kari Nordmann' }));
    const dialog = await screen.findByRole('dialog', { name: 'Avslå forespørselen fra Kari Nordmann?' });
    await user.type(within(dialog).getByLabelText('Begrunnelse (valgfritt)'), 'Nettverket er for Vestland.');
    await user.click(within(dialog).getByRole('button', { name: 'Avslå forespørselen' }));
    expect(await screen.findByText('Forespørselen fra Kari Nordmann er avslått.')).toBeInTheDocument();
    const decline = requests.find((r) => r.url.endsWith('/decline'))!;
    expect(await decline.json()).toEqual({ reason: 'Nettverket er for Vestland.' });
    expect(await screen.findByText('Ingen venter på svar.')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Vis'), 'declined');
    expect(await screen.findByText('Bare for Vestland.')).toBeInTheDocument();
    // Who decided, by name.
    expect(screen.getByText('21. november 2026 kl. 10:00 av Ingrid Haugen')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Godkjenn/ })).not.toBeInTheDocument();
  });
});
