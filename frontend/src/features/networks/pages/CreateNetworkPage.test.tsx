import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ingrid, json, kari, loggedIn, networkView, problem, renderApp } from '../../../test-utils';

describe('CreateNetworkPage', () => {
  it('checks the form before sending and links each error from the summary', async () => {
    const { requests } = renderApp('/nettverk/ny', loggedIn(ingrid));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Opprett nettverket' }));
    expect(screen.getByLabelText('Navn på nettverket')).toHaveAccessibleDescription(
      expect.stringContaining('Skriv navnet på nettverket.'),
    );
    expect(screen.getByRole('link', { name: 'Skriv navnet på nettverket.' })).toHaveAttribute('href', '#network-name');
    // Counties are listed by name; the link goes to the first one (Innlandet).
    expect(screen.getByRole('link', { name: /Velg minst ett fylke/ })).toHaveAttribute('href', '#network-county-34');
    expect(screen.getByRole('link', { name: 'Velg hvem som kan bli med.' })).toHaveAttribute(
      'href',
      '#network-visibility-open',
    );
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/networks'))).toBe(false);
  });

  it('fills in the address from the name until the user edits it', async () => {
    renderApp('/nettverk/ny', loggedIn(ingrid));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Navn på nettverket'), 'Bibliotek på Sørlandet');
    expect(screen.getByLabelText('Adresse')).toHaveValue('bibliotek-pa-sorlandet');
    await user.clear(screen.getByLabelText('Adresse'));
    await user.type(screen.getByLabelText('Adresse'), 'sorlandsbibliotek');
    await user.type(screen.getByLabelText('Navn på nettverket'), ' og Agder');
    expect(screen.getByLabelText('Adresse')).toHaveValue('sorlandsbibliotek');
  });

  it('allows at most 6 topics', async () => {
    renderApp('/nettverk/ny', loggedIn(ingrid));
    const user = userEvent.setup();
    await screen.findByLabelText('Navn på nettverket');
    for (const topic of ['Kulturskole', 'Bibliotek', 'Frivillighet', 'Folkehelse', 'Digitalisering', 'Kulturplanlegging', 'Kunst og kunstnere']) {
      await user.click(screen.getByLabelText(topic));
    }
    expect(screen.getByText(/Du har valgt 7 av 6/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Opprett nettverket' }));
    expect(screen.getByRole('link', { name: 'Du kan velge høyst 6 temaer.' })).toBeInTheDocument();
  });

  it('sends the network, keeps the draft when the address is taken, and opens the new network', async () => {
    let attempt = 0;
    const { requests } = renderApp(
      '/nettverk/ny',
      loggedIn(ingrid, {
        'POST /api/v1/networks': () =>
          ++attempt === 1
            ? problem(409, 'network.slug_taken')
            : json(201, networkView({ slug: 'kultur-i-vest-2', name: 'Kultur i vest', myRole: 'owner' })),
        'GET /api/v1/networks/kultur-i-vest-2': () => json(200, networkView({ slug: 'kultur-i-vest-2', name: 'Kultur i vest' })),
      }),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Navn på nettverket'), 'Kultur i vest');
    await user.type(screen.getByLabelText('Beskrivelse'), 'Om **kultur**.');
    await user.click(screen.getByLabelText('Kulturplanlegging'));
    await user.click(screen.getByLabelText('Vestland'));
    await user.click(screen.getByLabelText('Etter forespørsel'));
    await user.click(screen.getByRole('button', { name: 'Opprett nettverket' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Adresse')).toHaveAccessibleDescription(expect.stringContaining('Et annet nettverk bruker allerede')),
    );
    expect(screen.getByLabelText('Navn på nettverket')).toHaveValue('Kultur i vest');
    expect(screen.getByLabelText('Beskrivelse')).toHaveValue('Om **kultur**.');
    expect(screen.getByLabelText('Vestland')).toBeChecked();

    await user.clear(screen.getByLabelText('Adresse'));
    await user.type(screen.getByLabelText('Adresse'), 'kultur-i-vest-2');
    await user.click(screen.getByRole('button', { name: 'Opprett nettverket' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Kultur i vest' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/nettverk/kultur-i-vest-2');

    const posts = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/networks'));
    expect(await posts[1]!.json()).toEqual({
      name: 'Kultur i vest',
      slug: 'kultur-i-vest-2',
      description: 'Om **kultur**.',
      topics: ['culture_planning'],
      national: false,
      counties: ['46'],
      visibility: 'on_request',
    });
  });

  it('tells members who are not advisers that they cannot create networks', async () => {
    renderApp('/nettverk/ny', loggedIn(kari));
    expect(await screen.findByText('Bare KS-rådgivere og administratorer kan opprette nettverk.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Opprett nettverket' })).not.toBeInTheDocument();
  });
});
