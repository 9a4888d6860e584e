import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, problem, renderApp } from '../../../test-utils';
import { FakeXhr, LIBRARY, RESOURCE_ID, SLUG, member, resourceItem, resourceView, version } from '../library-test-data';

const network = { [`GET /api/v1/networks/${SLUG}`]: () => json(200, member) };
const noCollections = { [`GET /api/v1/networks/${SLUG}/library/collections`]: () => json(200, []) };

beforeEach(() => {
  FakeXhr.reset();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

describe('LibraryTab', () => {
  it('lists resources with their kind, owner, year, licence, file and downloads, and the collections', async () => {
    renderApp(
      LIBRARY,
      loggedIn(kari, {
        ...network,
        [`GET /api/v1/networks/${SLUG}/library/collections`]: () =>
          json(200, [{ id: 'c1', name: 'Maler for søknader', description: 'Maler andre har delt.', resourceCount: 2 }]),
        [`GET /api/v1/networks/${SLUG}/library/resources`]: () =>
          json(200, {
            items: [
              resourceItem(),
              resourceItem({
                id: 'r2',
                title: 'Rammeplan for kulturskolen',
                kind: 'guide',
                file: undefined,
                year: undefined,
                link: 'https://www.kulturskoleradet.no/rammeplan',
                licence: 'all_rights_reserved',
              }),
            ],
            nextCursor: 'next',
          }),
      }),
    );
    const list = await screen.findByRole('region', { name: 'Ressurser' });
    const rows = within(list).getAllByRole('listitem');
    expect(within(rows[0]!).getByRole('link', { name: 'Kulturplan 2025–2030 (mal)' })).toHaveAttribute(
      'href',
      `${LIBRARY}/${RESOURCE_ID}`,
    );
    expect(rows[0]).toHaveTextContent('Mal');
    expect(rows[0]).toHaveTextContent('OrganisasjonVoss herad');
    expect(rows[0]).toHaveTextContent('År2025');
    expect(rows[0]).toHaveTextContent('LisensCC BY 4.0');
    expect(rows[0]).toHaveTextContent('FilPDF, 1,5 MB');
    expect(rows[0]).toHaveTextContent('Nedlastinger1 234');
    expect(rows[1]).toHaveTextContent('Nettlenke');
    expect(rows[1]).toHaveTextContent('Lenke tilwww.kulturskoleradet.no');
    expect(rows[1]).not.toHaveTextContent('Nedlastinger');
    expect(screen.getByText('Viser 2 ressurser. Det finnes flere.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Vis flere' })).toBeInTheDocument();
    const collections = screen.getByRole('region', { name: 'Mapper' });
    expect(within(collections).getByRole('link', { name: 'Maler for søknader' })).toHaveAttribute('href', `${LIBRARY}/mapper/c1`);
    expect(collections).toHaveTextContent('Maler andre har delt. · 2 ressurser');
    expect(screen.getByRole('link', { name: 'Last opp' })).toHaveAttribute('href', `${LIBRARY}/ny`);
    expect(screen.queryByRole('link', { name: 'Ny mappe' })).not.toBeInTheDocument();
  });

  it('reads the filters from the address, asks for them, and puts new ones in the address', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp(
      `${LIBRARY}?type=plan&ar=2025&sorter=downloads`,
      loggedIn(kari, {
        ...network,
        ...noCollections,
        [`GET /api/v1/networks/${SLUG}/library/resources`]: () => json(200, { items: [] }),
      }),
    );
    expect(await screen.findByText('Ingen ressurser passer med filtrene. Prøv å ta bort et filter.')).toBeInTheDocument();
    const asked = () => requests.filter((r) => r.url.includes('/library/resources')).map((r) => new URL(r.url).search);
    expect(asked()).toEqual(['?kind=plan&year=2025&sort=downloads&limit=20']);
    expect(screen.getByLabelText('Type')).toHaveValue('plan');
    expect(screen.getByLabelText('Sorter etter')).toHaveValue('downloads');

    await user.selectOptions(screen.getByLabelText('Tema'), 'Kulturplanlegging');
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(`${LIBRARY}?type=plan&ar=2025&sorter=downloads&tema=culture_planning`),
    );
    await waitFor(() => expect(asked().at(-1)).toBe('?kind=plan&topic=culture_planning&year=2025&sort=downloads&limit=20'));

    await user.click(screen.getByRole('button', { name: 'Fjern filtrene' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`${LIBRARY}?sorter=downloads`));
  });
});

describe('NewResourcePage', () => {
  async function fillIn(user: ReturnType<typeof userEvent.setup>) {
    const file = new File(['%PDF-1.4 plan'], 'kulturplan.pdf', { type: 'application/pdf' });
    await user.upload(await screen.findByLabelText('Fil'), file);
    expect(screen.getByText(/^Valgt fil: kulturplan\.pdf/)).toBeInTheDocument();
    expect(screen.getByLabelText('Tittel')).toHaveValue('kulturplan');
    await user.clear(screen.getByLabelText('Tittel'));
    await user.type(screen.getByLabelText('Tittel'), 'Kulturplan for Voss');
    await user.click(screen.getByLabelText('Plan'));
    await user.click(screen.getByLabelText('Kulturplanlegging'));
    await user.type(screen.getByLabelText('År (valgfritt)'), '2025');
    await user.click(screen.getByLabelText('CC BY 4.0'));
  }

  it('uploads with a progress bar, then opens the new resource', async () => {
    const user = userEvent.setup();
    renderApp(
      `${LIBRARY}/ny`,
      loggedIn(kari, {
        ...network,
        [`GET /api/v1/library/resources/${RESOURCE_ID}`]: () => json(200, resourceView({ title: 'Kulturplan for Voss' })),
        [`GET /api/v1/library/resources/${RESOURCE_ID}/versions`]: () => json(200, [version(1)]),
      }),
    );
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Last opp' }));

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.url).toBe(`http://localhost/api/v1/networks/${SLUG}/library/files`);
    const metadata = JSON.parse(await ((xhr.body as FormData).get('metadata') as Blob).text()) as unknown;
    expect(metadata).toEqual({
      title: 'Kulturplan for Voss',
      description: '',
      kind: 'plan',
      topics: ['culture_planning'],
      licence: 'cc_by_4',
      year: 2025,
    });
    xhr.progress(40, 100);
    const bar = await screen.findByRole('progressbar', { name: 'Laster opp kulturplan.pdf' });
    expect(bar).toHaveAttribute('value', '40');
    expect(bar).toHaveAttribute('aria-valuetext', '40 %');
    xhr.progress(100, 100);
    expect(await screen.findByText('Fila er sendt. Vi sjekker den nå …')).toBeInTheDocument();
    xhr.finish(201, resourceView({ title: 'Kulturplan for Voss' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Kulturplan for Voss' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`${LIBRARY}/${RESOURCE_ID}`);
  });

  it('shows a refused file at the file field and keeps everything typed', async () => {
    const user = userEvent.setup();
    renderApp(`${LIBRARY}/ny`, loggedIn(kari, network));
    await fillIn(user);
    FakeXhr.auto = (xhr) =>
      xhr.finish(422, { status: 422, code: 'library.type_not_allowed', errors: [{ field: 'file', code: 'invalid' }] });
    await user.click(screen.getByRole('button', { name: 'Last opp' }));

    const message = 'Denne filtypen kan ikke lastes opp. Du kan dele PDF, Word, Excel, PowerPoint, OpenDocument, tekst, CSV, PNG og JPEG.';
    const summary = await screen.findByRole('link', { name: message });
    expect(summary).toHaveAttribute('href', '#resource-file');
    expect(screen.getByLabelText('Fil')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Tittel')).toHaveValue('Kulturplan for Voss');
    expect(screen.getByLabelText('Plan')).toBeChecked();
    expect(screen.getByLabelText('År (valgfritt)')).toHaveValue('2025');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('checks the form before sending anything', async () => {
    const user = userEvent.setup();
    renderApp(`${LIBRARY}/ny`, loggedIn(kari, network));
    await user.click(await screen.findByRole('button', { name: 'Last opp' }));
    for (const text of ['Velg en fil.', 'Skriv en tittel.', 'Velg hvilken type ressurs dette er.', 'Velg hvordan andre kan bruke ressursen.']) {
      expect(screen.getByRole('link', { name: text })).toBeInTheDocument();
    }
    expect(FakeXhr.sent).toHaveLength(0);
  });
});

describe('ResourcePage', () => {
  it('shows the resource, its versions with a download for each, and downloads through a download link', async () => {
    const user = userEvent.setup();
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.href);
    });
    const { requests } = renderApp(
      `${LIBRARY}/${RESOURCE_ID}`,
      loggedIn(kari, {
        ...network,
        [`GET /api/v1/library/resources/${RESOURCE_ID}`]: () =>
          json(200, resourceView({ permissions: { edit: true, delete: true, collection: false } })),
        [`GET /api/v1/library/resources/${RESOURCE_ID}/versions`]: () =>
          json(200, [version(2, { note: 'Nye tall for 2026' }), version(1, { uploaderName: 'Ingrid Haugen' })]),
        [`GET /api/v1/library/resources/${RESOURCE_ID}/link`]: (request) => {
          const v = new URL(request.url).searchParams.get('version');
          return json(200, {
            url: `/api/v1/library/resources/${RESOURCE_ID}/download?token=abc${v ? `&v=${v}` : ''}`,
            expiresAt: '2030-01-01T00:00:00Z',
          });
        },
      }),
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Kulturplan 2025–2030 (mal)' })).toBeInTheDocument();
    expect(document.querySelector('.prose strong')).toHaveTextContent('kommunal kulturplan');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Versjon 2');
    expect(rows[1]).toHaveTextContent('Nye tall for 2026');
    expect(rows[2]).toHaveTextContent('av Ingrid Haugen');
    expect(screen.getByRole('link', { name: 'Endre' })).toHaveAttribute('href', `${LIBRARY}/${RESOURCE_ID}/endre`);
    expect(screen.getByRole('heading', { name: 'Last opp ny versjon' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Last ned (PDF, 1,5\u00a0MB)' }));
    await waitFor(() => expect(clicked).toEqual([`http://localhost/api/v1/library/resources/${RESOURCE_ID}/download?token=abc`]));
    await user.click(screen.getByRole('button', { name: 'Last ned versjon 1 (kulturplan-v1.pdf)' }));
    await waitFor(() => expect(clicked).toHaveLength(2));
    expect(clicked[1]).toContain('&v=1');
    const links = requests.filter((r) => r.url.includes('/link')).map((r) => new URL(r.url).search);
    expect(links).toEqual(['', '?version=1']);
    click.mockRestore();
  });

  it('says so when the resource is gone', async () => {
    renderApp(
      `${LIBRARY}/${RESOURCE_ID}`,
      loggedIn(kari, {
        ...network,
        [`GET /api/v1/library/resources/${RESOURCE_ID}`]: () => problem(404, 'library.resource_not_found'),
      }),
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Vi fant ikke ressursen' })).toBeInTheDocument();
    expect(screen.getByText('Ressursen finnes ikke, eller den er slettet.')).toBeInTheDocument();
  });
});
