import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, networkView, problem, renderApp } from '../../../test-utils';
import type { NetworkView, Permissions } from '../../../lib/api-types';

const none: Permissions = { join: false, request: false, leave: false, viewMembers: false, moderate: false, manage: false };
const SLUG = 'kulturskoleledere-i-vestland';

function openNetwork(view: NetworkView, overrides = {}) {
  return renderApp(`/nettverk/${SLUG}`, loggedIn(kari, { [`GET /api/v1/networks/${SLUG}`]: () => json(200, view), ...overrides }));
}

const membership = () => screen.getByRole('region', { name: 'Ditt medlemskap' });
const tabs = () =>
  within(screen.getByRole('navigation', { name: 'Nettverket' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('NetworkPage: buttons and tabs follow the permissions', () => {
  it('an open network I may join: "Bli med", and only the tabs I may see', async () => {
    openNetwork(networkView({ visibility: 'open', permissions: { ...none, join: true, viewMembers: true } }));
    await screen.findByRole('region', { name: 'Ditt medlemskap' });
    expect(within(membership()).getByRole('button', { name: 'Bli med' })).toBeInTheDocument();
    expect(within(membership()).queryByRole('button', { name: 'Be om å bli med' })).not.toBeInTheDocument();
    expect(within(membership()).queryByRole('button', { name: 'Forlat nettverket' })).not.toBeInTheDocument();
    expect(tabs()).toEqual(['Forum', 'Bibliotek', 'Medlemmer', 'Om nettverket']);
  });

  it('an on-request network: "Be om å bli med"; with a pending request: the waiting message and no button', async () => {
    const { unmount } = openNetwork(networkView({ permissions: { ...none, request: true } }));
    expect(await within(await screen.findByRole('region', { name: 'Ditt medlemskap' })).findByRole('button', { name: 'Be om å bli med' })).toBeInTheDocument();
    // Not a member of an on-request network: its forum is for members.
    expect(tabs()).toEqual(['Om nettverket']);
    unmount();

    openNetwork(networkView({ myRequest: 'pending', permissions: { ...none } }));
    expect(await screen.findByText(/Du har bedt om å bli med/)).toBeInTheDocument();
    expect(within(membership()).queryAllByRole('button')).toHaveLength(0);
  });

  it('a member may leave; an owner also gets the moderator and owner tabs', async () => {
    openNetwork(
      networkView({
        myRole: 'owner',
        permissions: { ...none, leave: true, viewMembers: true, moderate: true, manage: true },
      }),
    );
    expect(await screen.findByText('Du er eier av nettverket.')).toBeInTheDocument();
    expect(within(membership()).getByRole('button', { name: 'Forlat nettverket' })).toBeInTheDocument();
    expect(tabs()).toEqual(['Forum', 'Bibliotek', 'Medlemmer', 'Om nettverket', 'Forespørsler', 'Invitasjoner', 'Endringslogg', 'Innstillinger']);
    expect(screen.getByText('Din rolle: Eier')).toBeInTheDocument();
  });

  it('moderators see how many requests wait, in the tab\'s text', async () => {
    openNetwork(networkView({ myRole: 'moderator', pendingRequests: 3, permissions: { ...none, leave: true, viewMembers: true, moderate: true } }));
    const tab = await screen.findByRole('link', { name: 'Forespørsler (3 venter på svar)' });
    expect(tab).toHaveAttribute('href', `/nettverk/${SLUG}/foresporsler`);
  });

  it('the person who asked sees why the request was declined', async () => {
    openNetwork(
      networkView({ myRequest: 'declined', myRequestReason: 'Nettverket er for kulturskoleledere.', permissions: { ...none, request: true } }),
    );
    expect(await screen.findByText('Forespørselen din ble ikke godkjent. Du kan be om å bli med på nytt.')).toBeInTheDocument();
    expect(screen.getByText('Nettverket er for kulturskoleledere.')).toBeInTheDocument();
  });

  it('a closed network I am not in (as admin): no way to join', async () => {
    openNetwork(networkView({ visibility: 'closed', permissions: { ...none, viewMembers: true, moderate: true, manage: true } }));
    expect(await screen.findByText(/Du kan bare bli med hvis du blir invitert/)).toBeInTheDocument();
    expect(within(membership()).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows the sanitised description', async () => {
    openNetwork(networkView({ permissions: { ...none, request: true } }));
    expect(await screen.findByText('rektorer', { selector: 'strong' })).toBeInTheDocument();
  });

  it('a tab I may not open says so instead of asking the server', async () => {
    const { requests } = renderApp(
      `/nettverk/${SLUG}/invitasjoner`,
      loggedIn(kari, { [`GET /api/v1/networks/${SLUG}`]: () => json(200, networkView({ permissions: { ...none, request: true } })) }),
    );
    expect(await screen.findByText('Du har ikke tilgang til denne delen av nettverket.')).toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('/invitations'))).toBe(false);
  });

  it('an unknown or hidden network: the not-found message', async () => {
    renderApp(`/nettverk/finnes-ikke`, loggedIn(kari, { 'GET /api/v1/networks/finnes-ikke': () => problem(404, 'network.not_found') }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Vi fant ikke nettverket' })).toBeInTheDocument();
    expect(screen.getByText(/Det kan være lukket/)).toBeInTheDocument();
  });
});

describe('NetworkPage: asking to join', () => {
  it('sends the message, then shows that the request is pending', async () => {
    let view = networkView({ permissions: { ...none, request: true } });
    const { requests } = openNetwork(view, {
      [`GET /api/v1/networks/${SLUG}`]: () => json(200, view),
      [`POST /api/v1/networks/${SLUG}/requests`]: () => {
        view = networkView({ myRequest: 'pending', permissions: { ...none } });
        return json(201, { id: 'r1', status: 'pending' });
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Be om å bli med' }));
    const dialog = await screen.findByRole('dialog', { name: 'Be om å bli med i Kulturskoleledere i Vestland' });
    await user.type(within(dialog).getByLabelText('Melding til moderatorene (valgfritt)'), 'Hei, jeg er kultursjef.');
    await user.click(within(dialog).getByRole('button', { name: 'Send forespørselen' }));
    expect(await screen.findByText(/Forespørselen er sendt/)).toBeInTheDocument();
    expect(await screen.findByText(/Du har bedt om å bli med/)).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/requests'))!;
    expect(await post.json()).toEqual({ message: 'Hei, jeg er kultursjef.' });
  });

  it('keeps the message when sending fails', async () => {
    openNetwork(networkView({ permissions: { ...none, request: true } }), {
      [`POST /api/v1/networks/${SLUG}/requests`]: () => problem(503, 'unavailable'),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Be om å bli med' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Melding til moderatorene (valgfritt)'), 'Hei!');
    await user.click(within(dialog).getByRole('button', { name: 'Send forespørselen' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Samspill er ikke tilgjengelig akkurat nå');
    expect(within(dialog).getByLabelText('Melding til moderatorene (valgfritt)')).toHaveValue('Hei!');
  });

  it('joins an open network at once', async () => {
    let view = networkView({ visibility: 'open', permissions: { ...none, join: true, viewMembers: true } });
    openNetwork(view, {
      [`GET /api/v1/networks/${SLUG}`]: () => json(200, view),
      [`POST /api/v1/networks/${SLUG}/join`]: () => {
        view = networkView({ visibility: 'open', myRole: 'member', permissions: { ...none, leave: true, viewMembers: true } });
        return json(200, view);
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Bli med' }));
    expect(await screen.findByText('Velkommen! Du er nå medlem av nettverket.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Du er medlem av nettverket.')).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Forlat nettverket' })).toBeInTheDocument();
  });
});
