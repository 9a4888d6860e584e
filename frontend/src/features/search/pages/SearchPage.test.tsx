import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { errorMessage } from '../../../i18n/errors';
import { ApiError } from '../../../lib/api-error';
import type { SearchPage, SearchResult } from '../../../lib/api-types';
import { ingrid, json, kari, loggedIn, problem, renderApp } from '../../../test-utils';
import { readSearch, searchHref, toQuery } from '../params';

const NORD = 'n2';
const BODO = 'o-bodo';

function result(over: Partial<SearchResult> = {}): SearchResult {
  return {
    id: 'thread:t1',
    type: 'thread',
    title: 'Meråpent bibliotek – erfaringer med selvbetjening?',
    snippet: 'Vi vurderer meråpent <mark>bibliotek</mark> i Bodø.',
    link: '/nettverk/bibliotekutvikling-nord/forum/t1-merapent-bibliotek',
    networkId: NORD,
    networkName: 'Bibliotekutvikling Nord',
    kind: 'question',
    year: 2026,
    date: '2026-03-05T10:00:00Z',
    ...over,
  };
}

function page(over: Partial<SearchPage> = {}): SearchPage {
  return {
    items: [
      result(),
      result({ id: 'network:n2', type: 'network', title: 'Bibliotekutvikling Nord', link: '/nettverk/bibliotekutvikling-nord', snippet: 'Åpent nettverk for <mark>bibliotek</mark>ene.', kind: 'open' }),
      result({ id: 'person:u5', type: 'person', title: 'Bita Berg', link: '/personer/u5', snippet: '', networkId: undefined, networkName: undefined, orgName: 'Bodø kommune' }),
    ],
    total: 3,
    facets: {
      type: [
        { value: 'person', count: 1 },
        { value: 'network', count: 1 },
        { value: 'thread', count: 1 },
      ],
      networkId: [{ value: NORD, count: 2, label: 'Bibliotekutvikling Nord' }],
      county: [{ value: '46', count: 1 }],
      orgId: [
        { value: BODO, count: 1, label: 'Bodø kommune' },
        { value: 'o-x', count: 2 },
      ],
      kind: [
        { value: 'question', count: 1 },
        { value: 'culture_head', count: 1 },
      ],
      topics: [{ value: 'library', count: 2 }],
      year: [
        { value: '2025', count: 1 },
        { value: '2026', count: 2 },
      ],
    },
    ...over,
  };
}

const searches = (requests: Request[]) =>
  requests.filter((r) => new URL(r.url).pathname === '/api/v1/search').map((r) => new URL(r.url));

const location = () => screen.getByTestId('location').textContent;

describe('search address', () => {
  it('reads filters as comma-separated values, leaving out ones the server would refuse', () => {
    const state = readSearch(new URLSearchParams('q=+bibliotek+&type=thread,bad,post&type=thread&county=46,4&year=2026,26&sort=date&x=1'));
    expect(state.q).toBe('bibliotek');
    expect(state.filters.type).toEqual(['thread', 'post']);
    expect(state.filters.county).toEqual(['46']);
    expect(state.filters.year).toEqual(['2026']);
    expect(state.sort).toBe('date');
    expect(toQuery(state)).toEqual({ q: 'bibliotek', type: ['thread', 'post'], county: ['46'], year: [2026], sort: 'date' });
    expect(searchHref(state)).toBe('/sok?q=bibliotek&type=thread,post&county=46&year=2026&sort=date');
    expect(toQuery(readSearch(new URLSearchParams('type=thread')))).toBeNull();
  });
});

describe('SearchPage', () => {
  it('shows results with type, linked title, highlighted snippet, network and date, and announces the count', async () => {
    const { requests } = renderApp('/sok?q=bibliotek', loggedIn(kari, { 'GET /api/v1/search': () => json(200, page()) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Treff for «bibliotek»' })).toBeInTheDocument();
    const status = await screen.findByText('Fant 3 treff for «bibliotek».');
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toHaveAttribute('aria-live', 'polite');

    const link = screen.getByRole('link', { name: 'Meråpent bibliotek – erfaringer med selvbetjening?' });
    expect(link).toHaveAttribute('href', '/nettverk/bibliotekutvikling-nord/forum/t1-merapent-bibliotek');
    const item = link.closest('li')!;
    expect(within(item).getByText('Tråd')).toBeInTheDocument();
    expect(item.querySelector('mark')).toHaveTextContent('bibliotek');
    expect(within(item).getByText('Bibliotekutvikling Nord')).toBeInTheDocument();
    expect(within(item).getByText('5. mars 2026')).toBeInTheDocument();
    const person = screen.getByRole('link', { name: 'Bita Berg' }).closest('li')!;
    expect(within(person).getByText('Person')).toBeInTheDocument();
    expect(within(person).getByText('Bodø kommune')).toBeInTheDocument();
    expect(person.querySelector('time')).toBeNull();

    expect(Object.fromEntries(searches(requests)[0]!.searchParams)).toEqual({ q: 'bibliotek', limit: '20' });
  });

  it('offers the counted values as checkboxes, and ticking one goes into the address and the API query', async () => {
    const { requests } = renderApp('/sok?q=bibliotek', loggedIn(kari, { 'GET /api/v1/search': () => json(200, page()) }));
    const user = userEvent.setup();
    const types = await screen.findByRole('group', { name: 'Type' });
    // Types in their fixed order, whatever the counts.
    expect(within(types).getAllByRole('checkbox').map((c) => c.getAttribute('value'))).toEqual(['thread', 'network', 'person']);
    expect(within(screen.getByRole('group', { name: 'Nettverk' })).getByRole('checkbox', { name: 'Bibliotekutvikling Nord (2)' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Vestland (1)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Spørsmål (1)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Kultursjef/kulturleder (1)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Bibliotek (2)' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'År' })).getAllByRole('checkbox').map((c) => c.getAttribute('value'))).toEqual(['2026', '2025']);

    await user.click(screen.getByRole('checkbox', { name: 'Tråder (1)' }));
    await waitFor(() => expect(location()).toBe('/sok?q=bibliotek&type=thread'));
    await user.click(screen.getByRole('checkbox', { name: 'Nettverk (1)' }));
    await waitFor(() => expect(location()).toBe('/sok?q=bibliotek&type=thread,network'));
    await waitFor(() => expect(searches(requests).at(-1)!.search).toBe('?q=bibliotek&type=thread,network&limit=20'));
    expect(screen.getByRole('checkbox', { name: 'Tråder (1)' })).toBeChecked();

    await user.click(screen.getByRole('checkbox', { name: 'Tråder (1)' }));
    await waitFor(() => expect(location()).toBe('/sok?q=bibliotek&type=network'));
    await user.selectOptions(screen.getByLabelText('Sorter etter'), 'date');
    await waitFor(() => expect(location()).toBe('/sok?q=bibliotek&type=network&sort=date'));
    await waitFor(() => expect(searches(requests).at(-1)!.searchParams.get('sort')).toBe('date'));
  });

  it('offers the organisations counted, by their names, and ticking one narrows the results', async () => {
    const { requests } = renderApp(
      '/sok?q=bibliotek',
      loggedIn(kari, {
        'GET /api/v1/search': (r) =>
          new URL(r.url).searchParams.get('org') === BODO
            ? json(
                200,
                page({
                  items: [page().items[2]!],
                  total: 1,
                  facets: { ...page().facets, type: [{ value: 'person', count: 1 }], networkId: [] },
                }),
              )
            : json(200, page()),
      }),
    );
    const user = userEvent.setup();
    const orgs = await screen.findByRole('group', { name: 'Organisasjon' });
    // Named by the response; one it could not name says so.
    expect(within(orgs).getAllByRole('checkbox').map((c) => c.parentElement!.textContent)).toEqual([
      'Bodø kommune (1)',
      'Organisasjon uten navn (2)',
    ]);
    expect(await screen.findByText('Fant 3 treff for «bibliotek».')).toBeInTheDocument();

    await user.click(within(orgs).getByRole('checkbox', { name: 'Bodø kommune (1)' }));
    await waitFor(() => expect(location()).toBe(`/sok?q=bibliotek&org=${BODO}`));
    expect(await screen.findByText('Fant 1 treff for «bibliotek».')).toBeInTheDocument();
    expect(searches(requests).at(-1)!.search).toBe(`?q=bibliotek&org=${BODO}&limit=20`);
    expect(screen.getByRole('link', { name: 'Bita Berg' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Meråpent bibliotek – erfaringer med selvbetjening?' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Bodø kommune (1)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Personer (1)' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Tråder (1)' })).not.toBeInTheDocument();
    // The response names them all: nothing is looked up.
    expect(requests.some((r) => new URL(r.url).pathname.startsWith('/api/v1/orgs/'))).toBe(false);

    await user.click(screen.getByRole('checkbox', { name: 'Bodø kommune (1)' }));
    await waitFor(() => expect(location()).toBe('/sok?q=bibliotek'));
    expect(await screen.findByText('Fant 3 treff for «bibliotek».')).toBeInTheDocument();
  });

  it('keeps chosen organisations the response does not count, named by looking them up', async () => {
    const { requests } = renderApp(
      `/sok?q=bibliotek&org=${kari.org.id},o-gone,${BODO}`,
      loggedIn(kari, {
        'GET /api/v1/search': () => json(200, page()),
        [`GET /api/v1/orgs/${kari.org.id}`]: () => json(200, kari.org),
      }),
    );
    const user = userEvent.setup();
    const orgs = await screen.findByRole('group', { name: 'Organisasjon' });
    expect(await within(orgs).findByRole('checkbox', { name: 'Fyresdal kommune (0)' })).toBeChecked();
    expect(await within(orgs).findByRole('checkbox', { name: 'Organisasjon uten navn (0)' })).toBeChecked();
    expect(within(orgs).getByRole('checkbox', { name: 'Bodø kommune (1)' })).toBeChecked();
    expect(within(orgs).getByRole('checkbox', { name: 'Organisasjon uten navn (2)' })).not.toBeChecked();
    const looked = requests.filter((r) => new URL(r.url).pathname.startsWith('/api/v1/orgs/')).map((r) => new URL(r.url).pathname);
    expect(looked.sort()).toEqual(['/api/v1/orgs/o-gone', `/api/v1/orgs/${kari.org.id}`]);

    await user.click(within(orgs).getByRole('checkbox', { name: 'Fyresdal kommune (0)' }));
    await waitFor(() => expect(location()).toBe(`/sok?q=bibliotek&org=o-gone,${BODO}`));
    expect(within(screen.getByRole('group', { name: 'Organisasjon' })).queryByRole('checkbox', { name: /^Fyresdal kommune/ })).not.toBeInTheDocument();
  });

  it('pages on with "Vis flere", counts only from the first page', async () => {
    const { requests } = renderApp(
      '/sok?q=bibliotek',
      loggedIn(kari, {
        'GET /api/v1/search': (r) =>
          new URL(r.url).searchParams.get('cursor') === 'c1'
            ? json(200, { items: [result({ id: 'post:p9', type: 'post', title: 'Svar om selvbetjening' })], total: 0, facets: {} })
            : json(200, page({ total: 4, nextCursor: 'c1' })),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('Fant 4 treff for «bibliotek». Viser 3 av dem.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Vis flere' }));
    expect(await screen.findByRole('link', { name: 'Svar om selvbetjening' })).toHaveFocus();
    expect(screen.getByText('Fant 4 treff for «bibliotek».')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Tråder (1)' })).toBeInTheDocument();
    expect(searches(requests).at(-1)!.searchParams.get('cursor')).toBe('c1');
    expect(screen.queryByRole('button', { name: 'Vis flere' })).not.toBeInTheDocument();
  });

  it('when nothing is found, offers the correction and removing the filters', async () => {
    const { requests } = renderApp(
      '/sok?q=mer%C3%A5pnet&type=person&year=2024',
      loggedIn(kari, {
        'GET /api/v1/search': (r) =>
          new URL(r.url).searchParams.has('type')
            ? json(200, { items: [], total: 0, facets: { type: [{ value: 'thread', count: 2 }] }, hint: 'remove_filters', correction: 'meråpent' })
            : json(200, page()),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('Fant ingen treff for «meråpnet».')).toHaveAttribute('role', 'status');
    const mente = screen.getByText(/^Mente du/);
    expect(mente).toHaveTextContent('Mente du meråpent?');
    expect(within(mente).getByRole('link', { name: 'meråpent' })).toHaveAttribute('href', '/sok?q=mer%C3%A5pent');
    // The chosen values stay on offer (with no results) so they can be unticked.
    expect(screen.getByRole('checkbox', { name: 'Personer (0)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: '2024 (0)' })).toBeChecked();
    expect(screen.getByText(/^Du har valgt filtre/)).toBeInTheDocument();

    const buttons = screen.getAllByRole('button', { name: 'Fjern alle filtrene' });
    await user.click(buttons.at(-1)!);
    await waitFor(() => expect(location()).toBe('/sok?q=mer%C3%A5pnet'));
    expect(screen.getByRole('heading', { level: 2, name: 'Treff' })).toHaveFocus();
    expect(await screen.findByText('Fant 3 treff for «meråpnet».')).toBeInTheDocument();
    expect(Object.fromEntries(searches(requests).at(-1)!.searchParams)).toEqual({ q: 'meråpnet', limit: '20' });
  });

  it('suggests checking the spelling when nothing is found without filters', async () => {
    renderApp('/sok?q=xyzzy', loggedIn(kari, { 'GET /api/v1/search': () => json(200, { items: [], total: 0, facets: {}, hint: 'check_spelling' }) }));
    expect(await screen.findByText('Fant ingen treff for «xyzzy».')).toBeInTheDocument();
    expect(screen.getByText('Sjekk stavemåten, eller prøv andre eller færre ord.')).toBeInTheDocument();
    expect(screen.queryByText(/Mente du/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fjern alle filtrene' })).not.toBeInTheDocument();
  });

  it('does not search without a query, and shows what went wrong on an error', async () => {
    const { requests } = renderApp('/sok', loggedIn(kari));
    expect(await screen.findByText(/^Skriv det du leter etter i søkefeltet/)).toBeInTheDocument();
    expect(searches(requests)).toEqual([]);
  });

  it('shows the error when the search fails', async () => {
    renderApp('/sok?q=x', loggedIn(kari, { 'GET /api/v1/search': () => problem(503, 'unavailable') }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Samspill er ikke tilgjengelig akkurat nå.');
  });

  it('never follows a result link that is not a path in the app', async () => {
    renderApp(
      '/sok?q=x',
      loggedIn(kari, {
        'GET /api/v1/search': () =>
          json(200, page({ items: [result({ title: 'Lenke ut', link: 'javascript:alert(1)' }), result({ id: 'x2', title: 'Lenke bort', link: '//evil.example/x' })], total: 2 })),
      }),
    );
    expect(await screen.findByText('Lenke ut')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Lenke ut' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Lenke bort' })).not.toBeInTheDocument();
  });
});

describe('InsightPage', () => {
  const insight = {
    top: [
      { query: 'kulturplan', count: 12, empty: 0 },
      { query: 'meråpnet', count: 3, empty: 3 },
    ],
    empty: [{ query: 'meråpnet', count: 3, empty: 3 }],
  };

  it('shows advisers the most frequent searches and those that found nothing, overall or per network', async () => {
    const { requests } = renderApp(
      '/sok/innsikt',
      loggedIn(ingrid, {
        'GET /api/v1/search/insight': (r) =>
          json(200, new URL(r.url).searchParams.has('network') ? { top: [], empty: [] } : insight),
        'GET /api/v1/networks': () =>
          json(200, { items: [{ id: NORD, slug: 'bibliotekutvikling-nord', name: 'Bibliotekutvikling Nord', excerpt: '', topics: [], national: false, counties: [], visibility: 'open', memberCount: 3 }] }),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Søkeinnsikt' })).toBeInTheDocument();
    const top = await screen.findByRole('table', { name: 'Mest brukte søk' });
    expect(within(top).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'SøkAntall gangerUten treff',
      'kulturplan120',
      'meråpnet33',
    ]);
    expect(within(top).getByRole('link', { name: 'Søk etter «kulturplan»' })).toHaveAttribute('href', '/sok?q=kulturplan');
    const empty = screen.getByRole('table', { name: 'Søk som ikke fant noe' });
    expect(within(empty).getAllByRole('row')).toHaveLength(2);

    await user.selectOptions(await screen.findByLabelText('Nettverk'), 'Bibliotekutvikling Nord');
    expect(await screen.findByText('Ingen har søkt i denne perioden.')).toBeInTheDocument();
    expect(screen.getByText('Alle søkene i denne perioden fant noe.')).toBeInTheDocument();
    const asked = requests.filter((r) => new URL(r.url).pathname === '/api/v1/search/insight').map((r) => new URL(r.url).search);
    expect(asked).toEqual(['?days=90', `?network=${NORD}&days=90`]);
  });

  it('tells others the page is for KS advisers and administrators, and asks nothing', async () => {
    const { requests } = renderApp('/sok/innsikt', loggedIn(kari));
    expect(await screen.findByText('Bare KS-rådgivere og administratorer kan se søkeinnsikt.')).toBeInTheDocument();
    expect(requests.some((r) => new URL(r.url).pathname === '/api/v1/search/insight')).toBe(false);
  });

  it('is in the user menu for advisers only', async () => {
    const user = userEvent.setup();
    const first = renderApp('/', loggedIn(ingrid));
    await user.click(await screen.findByRole('button', { name: /Ingrid Haugen/ }));
    // jsdom does not show popovers; the e2e test opens the menu in a real browser.
    expect(await screen.findByRole('link', { name: 'Søkeinnsikt', hidden: true })).toHaveAttribute('href', '/sok/innsikt');
    first.unmount();
    renderApp('/', loggedIn(kari));
    await user.click(await screen.findByRole('button', { name: /Kari Nordmann/ }));
    expect(await screen.findByRole('button', { name: 'Logg ut', hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Søkeinnsikt', hidden: true })).not.toBeInTheDocument();
  });

  it('has the search error code in every language', () => {
    const e = new ApiError({ status: 403, code: 'search.advisers_only' });
    expect(errorMessage(i18n.getFixedT('nb'), e)).toBe('Bare KS-rådgivere og administratorer kan se søkeinnsikt.');
    expect(errorMessage(i18n.getFixedT('nn'), e)).toBe('Berre KS-rådgjevarar og administratorar kan sjå søkeinnsikt.');
    expect(errorMessage(i18n.getFixedT('en'), e)).toBe('Only KS advisers and administrators can see search insight.');
  });
});
