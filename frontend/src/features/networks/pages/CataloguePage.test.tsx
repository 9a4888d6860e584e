import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { formatNumber } from '../../../lib/format';
import { ingrid, json, kari, loggedIn, renderApp, summary } from '../../../test-utils';

const catalogueRequests = (requests: Request[]) =>
  requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/v1/networks').map((r) => new URL(r.url));

describe('CataloguePage', () => {
  it('shows the networks as cards with topics, region, visibility, member count and my role', async () => {
    renderApp(
      '/nettverk',
      loggedIn(kari, {
        'GET /api/v1/networks': () =>
          json(200, { items: [summary({ myRole: 'member' }), summary({ id: 'n2', slug: 'b', name: 'Bibliotekutvikling Nord', visibility: 'open', counties: [], national: true, topics: ['library'], memberCount: 1234 })] }),
      }),
    );
    const card = (await screen.findByRole('link', { name: 'Kulturskoleledere i Vestland' })).closest('li')!;
    expect(card.querySelector('a')).toHaveAttribute('href', '/nettverk/kulturskoleledere-i-vestland');
    expect(within(card).getByText('Kulturskole')).toBeInTheDocument();
    expect(within(card).getByText('Vestland')).toBeInTheDocument();
    expect(within(card).getByText('Etter forespørsel')).toBeInTheDocument();
    expect(within(card).getByText('Din rolle: Medlem')).toBeInTheDocument();
    const other = screen.getByRole('link', { name: 'Bibliotekutvikling Nord' }).closest('li')!;
    expect(within(other).getByText('Hele landet')).toBeInTheDocument();
    expect(other.querySelector('dl')?.textContent).toContain(`Medlemmer${formatNumber(1234)}`);
    expect(screen.getByText('Viser 2 nettverk.')).toBeInTheDocument();
    // Kari is not an adviser: no "Opprett nettverk".
    expect(screen.queryByRole('link', { name: 'Opprett nettverk' })).not.toBeInTheDocument();
  });

  it('puts the filters in the address and in the API query', async () => {
    const { requests } = renderApp(
      '/nettverk',
      loggedIn(kari, { 'GET /api/v1/networks': () => json(200, { items: [summary()] }) }),
    );
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Kulturskoleledere i Vestland' });

    await user.selectOptions(screen.getByLabelText('Tema'), 'culture_school');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/nettverk?tema=culture_school'));
    await user.selectOptions(screen.getByLabelText('Fylke'), '46');
    await user.type(screen.getByLabelText('Søk i navnet på nettverket'), 'kultur');
    await user.click(screen.getByRole('button', { name: 'Søk' }));

    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('/nettverk?tema=culture_school&fylke=46&sok=kultur'),
    );
    await waitFor(() => {
      const last = catalogueRequests(requests).at(-1)!;
      expect(Object.fromEntries(last.searchParams)).toEqual({ topic: 'culture_school', county: '46', q: 'kultur', limit: '20' });
    });
  });

  it('reads the filters from the address, and ignores ones it does not know', async () => {
    const { requests } = renderApp(
      '/nettverk?tema=library&fylke=46&sok=nord&x=1&tema2=bad',
      loggedIn(kari, { 'GET /api/v1/networks': () => json(200, { items: [] }) }),
    );
    expect(await screen.findByText(/Ingen nettverk passer med søket/)).toBeInTheDocument();
    expect(screen.getByLabelText('Tema')).toHaveValue('library');
    expect(screen.getByLabelText('Søk i navnet på nettverket')).toHaveValue('nord');
    const url = catalogueRequests(requests)[0]!;
    expect(Object.fromEntries(url.searchParams)).toEqual({ topic: 'library', county: '46', q: 'nord', limit: '20' });
  });

  it('"Vis flere" asks for the next page with the cursor and moves focus to the first new network', async () => {
    const { requests } = renderApp(
      '/nettverk',
      loggedIn(kari, {
        'GET /api/v1/networks': (r) =>
          new URL(r.url).searchParams.get('cursor') === 'c2'
            ? json(200, { items: [summary({ id: 'n3', slug: 'tredje', name: 'Tredje nettverk' })] })
            : json(200, { items: [summary(), summary({ id: 'n2', slug: 'andre', name: 'Andre nettverk' })], nextCursor: 'c2' }),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('Viser 2 nettverk. Det finnes flere.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Vis flere' }));
    const third = await screen.findByRole('link', { name: 'Tredje nettverk' });
    await waitFor(() => expect(third).toHaveFocus());
    expect(screen.getByText('Viser 3 nettverk.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Vis flere' })).not.toBeInTheDocument();
    expect(catalogueRequests(requests).at(-1)!.searchParams.get('cursor')).toBe('c2');
  });

  it('offers "Opprett nettverk" to KS advisers', async () => {
    renderApp('/nettverk', loggedIn(ingrid, { 'GET /api/v1/networks': () => json(200, { items: [] }) }));
    expect(await screen.findByRole('link', { name: 'Opprett nettverk' })).toHaveAttribute('href', '/nettverk/ny');
  });
});
