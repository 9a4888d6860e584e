import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ingrid, json, kari, loggedIn, networkView, problem, renderApp } from '../../../test-utils';
import type { Category, FlagItem, ThreadItem } from '../../../lib/api-types';
import { SLUG, THREAD_ID, THREAD_PATH, member, post } from '../forum-test-data';

const FORUM = `/nettverk/${SLUG}/forum`;
const categories: Category[] = [
  { id: 'c1', name: 'Spørsmål og svar', description: 'Spør kollegene.', position: 0, threadCount: 2, createdAt: '2026-01-01T00:00:00Z', watch: 'normal' },
  { id: 'c2', name: 'Samlinger', description: '', position: 1, threadCount: 0, createdAt: '2026-01-01T00:00:00Z', watch: 'normal' },
];

function item(id: string, title: string, over: Partial<ThreadItem> = {}): ThreadItem {
  return {
    id,
    networkId: 'n1',
    categoryId: 'c1',
    kind: 'discussion',
    title,
    slug: title.toLowerCase().replace(/[^a-z]+/g, '-'),
    authorId: 'u9',
    authorName: 'Ola Berg',
    createdAt: '2026-11-20T09:00:00Z',
    lastActivityAt: '2026-11-21T09:00:00Z',
    lastPosterName: 'Jon Håkonsen',
    postCount: 3,
    reactionCount: 0,
    pinned: false,
    locked: false,
    excerpt: 'Kort om tråden.',
    unread: 0,
    new: false,
    ...over,
  };
}

describe('ForumTab', () => {
  it('lists pinned threads first, then the rest, with new and unread said in words', async () => {
    const { requests } = renderApp(
      FORUM,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, member),
        [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => json(200, categories),
        [`GET /api/v1/networks/${SLUG}/forum/threads`]: () =>
          json(200, {
            pinned: [item('t0', 'Velkommen', { pinned: true, new: true, unread: 1, postCount: 1 })],
            items: [
              item('t1', 'Ventelister', { kind: 'question', acceptedPostId: 'p2', unread: 2 }),
              item('t2', 'Korpssamarbeid', { kind: 'question' }),
            ],
          }),
      }),
    );
    const pinned = await screen.findByRole('region', { name: 'Festede tråder' });
    expect(within(pinned).getByRole('link', { name: 'Velkommen' })).toHaveAttribute('href', `${FORUM}/t0-velkommen`);
    expect(within(pinned).getByText('Ny')).toBeInTheDocument();
    expect(within(pinned).getByText('Festet')).toBeInTheDocument();
    const list = screen.getByRole('region', { name: 'Tråder' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('2 uleste innlegg');
    expect(rows[0]).toHaveTextContent('Besvart');
    expect(rows[1]).toHaveTextContent('Ikke besvart');
    expect(rows[1]).toHaveTextContent('Startet av Ola Berg · 2 svar · siste innlegg av Jon Håkonsen');
    expect(screen.getByText('Viser 3 tråder.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ny tråd' })).toHaveAttribute('href', `${FORUM}/ny`);
    expect(screen.queryByRole('link', { name: 'Rapporterte innlegg' })).not.toBeInTheDocument();
    const query = requests.find((r) => r.url.includes('/forum/threads'))!;
    expect(new URL(query.url).search).toBe('?limit=20');
  });

  it('puts the category and the order in the address, and asks for them', async () => {
    const { requests } = renderApp(
      FORUM,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, member),
        [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => json(200, categories),
        [`GET /api/v1/networks/${SLUG}/forum/threads`]: () => json(200, { pinned: [], items: [] }),
      }),
    );
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'Spørsmål og svar (2)' });
    await user.selectOptions(screen.getByLabelText('Kategori'), 'c1');
    await user.selectOptions(screen.getByLabelText('Sorter etter'), 'unanswered');
    expect(screen.getByTestId('location')).toHaveTextContent(`${FORUM}?kategori=c1&sorter=unanswered`);
    await waitFor(() => {
      const last = requests.filter((r) => r.url.includes('/forum/threads')).at(-1)!;
      expect(Object.fromEntries(new URL(last.url).searchParams)).toEqual({ category: 'c1', sort: 'unanswered', limit: '20' });
    });
    expect(await screen.findByText('Alle spørsmålene har fått et godkjent svar.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Spørsmål og svar' })).toHaveTextContent('Spør kollegene.');
    expect(screen.getByRole('link', { name: 'Ny tråd' })).toHaveAttribute('href', `${FORUM}/ny?kategori=c1`);
  });

  it('is for members only in a network that is not open, without asking the server', async () => {
    const { requests } = renderApp(
      FORUM,
      loggedIn(kari, { [`GET /api/v1/networks/${SLUG}`]: () => json(200, networkView({ visibility: 'on_request' })) }),
    );
    expect(await screen.findByText(/Bare medlemmer kan lese forumet i dette nettverket/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Slik blir du med i nettverket' })).toHaveAttribute('href', `/nettverk/${SLUG}`);
    expect(requests.some((r) => r.url.includes('/forum/'))).toBe(false);
  });

  it('says the forum is for members, with the way to join, when the server refuses to show it', async () => {
    renderApp(
      FORUM,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, networkView({ visibility: 'open' })),
        [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => problem(403, 'forum.members_only'),
        [`GET /api/v1/networks/${SLUG}/forum/threads`]: () => problem(403, 'forum.members_only'),
      }),
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Bare for medlemmer' })).toBeInTheDocument();
    expect(screen.getByText(/Bare medlemmer kan lese forumet i dette nettverket/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Slik blir du med i nettverket' })).toHaveAttribute('href', `/nettverk/${SLUG}`);
  });

  it('says the same on a thread the server will not show', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, networkView({ visibility: 'open' })),
        [`GET /api/v1/threads/${THREAD_ID}`]: () => problem(403, 'forum.members_only'),
      }),
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Bare for medlemmer' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Slik blir du med i nettverket' })).toHaveAttribute('href', `/nettverk/${SLUG}`);
  });

  it('shows each category\'s notifications and follows or mutes it', async () => {
    const { requests } = renderApp(
      FORUM,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, member),
        [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => json(200, [categories[0], { ...categories[1], watch: 'muted' }]),
        [`GET /api/v1/networks/${SLUG}/forum/threads`]: () => json(200, { pinned: [], items: [] }),
        [`PUT /api/v1/networks/${SLUG}/forum/categories/c1/watch`]: () => new Response(null, { status: 204 }),
      }),
    );
    const user = userEvent.setup();
    const list = await screen.findByRole('region', { name: 'Følg kategorier' });
    const first = within(list).getByLabelText('Varsler for kategorien Spørsmål og svar');
    expect(first).toHaveValue('normal');
    expect(within(list).getByLabelText('Varsler for kategorien Samlinger')).toHaveValue('muted');
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('2 tråder');

    await user.selectOptions(first, 'watching');
    expect(await within(list).findByText('Du følger nå Spørsmål og svar.')).toBeInTheDocument();
    expect(first).toHaveValue('watching');
    const put = requests.find((r) => r.method === 'PUT' && r.url.endsWith('/watch'))!;
    expect(new URL(put.url).pathname).toBe(`/api/v1/networks/${SLUG}/forum/categories/c1/watch`);
    expect(await put.json()).toEqual({ level: 'watching' });

    // The chosen category's own panel has the choice instead, at the level just saved.
    await user.selectOptions(screen.getByLabelText('Kategori'), 'c1');
    const panel = screen.getByRole('region', { name: 'Spørsmål og svar' });
    expect(within(panel).getByLabelText('Varsler for kategorien Spørsmål og svar')).toHaveValue('watching');
    expect(screen.queryByRole('region', { name: 'Følg kategorier' })).not.toBeInTheDocument();
  });

  it('shows moderators how many reports wait, on the link to the queue, "100+" at the count\'s cap', async () => {
    const moderator = networkView({
      myRole: 'moderator',
      permissions: { join: false, request: false, leave: true, viewMembers: true, moderate: true, manage: false },
    });
    let waiting = 3;
    const server = loggedIn(ingrid, {
      [`GET /api/v1/networks/${SLUG}`]: () => json(200, moderator),
      [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => json(200, categories),
      [`GET /api/v1/networks/${SLUG}/forum/threads`]: () => json(200, { openFlags: waiting, pinned: [], items: [] }),
    });
    const { unmount } = renderApp(FORUM, server);
    const link = await screen.findByRole('link', { name: 'Rapporterte innlegg (3 rapporter venter)' });
    expect(link).toHaveAttribute('href', `${FORUM}/moderering`);
    expect(link.querySelector('.ds-badge')).toHaveAttribute('data-count', '3');
    expect(link.querySelector('.ds-badge')).toHaveAttribute('aria-hidden', 'true');
    unmount();

    waiting = 100;
    renderApp(FORUM, server);
    const many = await screen.findByRole('link', { name: 'Rapporterte innlegg (100 eller flere rapporter venter)' });
    expect(many.querySelector('.ds-badge')).toHaveAttribute('data-count', '100+');
  });

  it('lets anyone read an open network\'s forum, and says that writing needs membership', async () => {
    renderApp(
      FORUM,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, networkView({ visibility: 'open', permissions: { join: true, request: false, leave: false, viewMembers: true, moderate: false, manage: false } })),
        [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => json(200, categories),
        [`GET /api/v1/networks/${SLUG}/forum/threads`]: () => json(200, { pinned: [], items: [item('t1', 'Ventelister')] }),
      }),
    );
    expect(await screen.findByRole('link', { name: 'Ventelister' })).toBeInTheDocument();
    expect(screen.getByText('Du kan lese forumet. For å skrive må du være medlem av nettverket.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Ny tråd' })).not.toBeInTheDocument();
  });

  it('lets moderators add, move and delete categories', async () => {
    const moderator = networkView({
      myRole: 'owner',
      permissions: { join: false, request: false, leave: true, viewMembers: true, moderate: true, manage: true },
    });
    const { requests } = renderApp(
      FORUM,
      loggedIn(ingrid, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, moderator),
        [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => json(200, categories),
        [`GET /api/v1/networks/${SLUG}/forum/threads`]: () => json(200, { pinned: [], items: [] }),
        [`PUT /api/v1/networks/${SLUG}/forum/categories/c1`]: async (r) => json(200, { ...categories[0], ...((await r.json()) as object) }),
        [`PUT /api/v1/networks/${SLUG}/forum/categories/c2`]: async (r) => json(200, { ...categories[1], ...((await r.json()) as object) }),
        [`POST /api/v1/networks/${SLUG}/forum/categories`]: () => problem(409, 'forum.too_many_categories'),
        [`DELETE /api/v1/networks/${SLUG}/forum/categories/c2`]: () => new Response(null, { status: 204 }),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByRole('link', { name: 'Rapporterte innlegg' })).toHaveAttribute('href', `${FORUM}/moderering`);
    await user.click(await screen.findByText('Kategorier', { exact: true }));
    // Only an empty category can be deleted.
    expect(screen.queryByRole('button', { name: 'Slett kategorien Spørsmål og svar' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Flytt opp Samlinger' }));
    expect(await screen.findByText('Samlinger er nå nummer 1 i lista.')).toBeInTheDocument();
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(await Promise.all(puts.map((r) => r.clone().json()))).toEqual([
      { name: 'Samlinger', description: '', position: 0 },
      { name: 'Spørsmål og svar', description: 'Spør kollegene.', position: 1 },
    ]);

    await user.type(screen.getByLabelText('Navn på kategorien'), 'Nye ideer');
    await user.click(screen.getByRole('button', { name: 'Legg til kategorien' }));
    expect(await screen.findByText(/Et forum kan ha opptil 50 kategorier/)).toBeInTheDocument();
    expect(screen.getByLabelText('Navn på kategorien')).toHaveValue('Nye ideer');

    await user.click(screen.getByRole('button', { name: 'Slett kategorien Samlinger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vil du slette kategorien Samlinger?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ja, slett kategorien' }));
    expect(await screen.findByText('Kategorien Samlinger er slettet.')).toBeInTheDocument();
  });
});

describe('NewThreadPage', () => {
  const server = (over = {}) =>
    loggedIn(kari, {
      [`GET /api/v1/networks/${SLUG}`]: () => json(200, member),
      [`GET /api/v1/networks/${SLUG}/forum/categories`]: () => json(200, categories),
      [`GET /api/v1/drafts/new:${SLUG}`]: () => problem(404, 'forum.draft_not_found'),
      [`PUT /api/v1/drafts/new:${SLUG}`]: async (r) => json(200, { key: `new:${SLUG}`, ...((await r.json()) as object), updatedAt: '2026-11-25T13:03:00Z' }),
      ...over,
    });

  it('lists what is missing, then posts the question and opens it', async () => {
    const { requests } = renderApp(
      `${FORUM}/ny?kategori=c1`,
      server({
        [`POST /api/v1/networks/${SLUG}/forum/threads`]: () =>
          json(201, { ...item(THREAD_ID, 'Korps'), slug: 'korps', networkSlug: SLUG, categoryName: 'Spørsmål og svar', lastRead: 1, watch: 'normal', permissions: { reply: true, moderate: false, accept: true, react: true, flag: true } }),
        [`GET /api/v1/threads/${THREAD_ID}/posts`]: () => json(200, { items: [post(1)] }),
        [`GET /api/v1/drafts/thread:${THREAD_ID}`]: () => problem(404, 'forum.draft_not_found'),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start diskusjonen' }));
    const summary = await screen.findByRole('link', { name: 'Velg om du vil stille et spørsmål eller starte en diskusjon.' });
    expect(summary).toHaveAttribute('href', '#thread-kind');
    expect(screen.getByRole('link', { name: 'Skriv en tittel.' })).toHaveAttribute('href', '#thread-title');
    expect(screen.getByRole('link', { name: 'Skriv innlegget ditt.' })).toHaveAttribute('href', '#thread-body');
    // The category came from the address.
    expect(screen.queryByRole('link', { name: 'Velg en kategori.' })).not.toBeInTheDocument();

    await user.click(screen.getByLabelText(/^Spørsmål/));
    await user.type(screen.getByLabelText('Spørsmålet ditt, kort'), 'Korps');
    await user.type(screen.getByLabelText('Beskriv spørsmålet'), 'Hvordan samarbeider dere?');
    await user.click(screen.getByRole('button', { name: 'Still spørsmålet' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`${FORUM}/${THREAD_ID}-korps`));
    const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/forum/threads'))!;
    expect(await sent.json()).toEqual({ title: 'Korps', kind: 'question', categoryId: 'c1', body: 'Hvordan samarbeider dere?' });
  });

  it('brings back a saved draft of a new thread, title, kind and category too', async () => {
    renderApp(
      `${FORUM}/ny`,
      server({
        [`GET /api/v1/drafts/new:${SLUG}`]: () =>
          json(200, { key: `new:${SLUG}`, title: 'Halvferdig', kind: 'discussion', categoryId: 'c2', body: 'Tekst', updatedAt: '2026-11-25T12:00:00Z' }),
      }),
    );
    expect(await screen.findByDisplayValue('Halvferdig')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Diskusjon/)).toBeChecked();
    expect(screen.getByLabelText('Kategori')).toHaveValue('c2');
    expect(screen.getByLabelText('Innlegget ditt')).toHaveValue('Tekst');
    expect(screen.getByText('Vi hentet fram utkastet du skrev sist.')).toBeInTheDocument();
  });
});

describe('ModerationPage', () => {
  const flag: FlagItem = {
    id: 'f1',
    postId: 'p2',
    threadId: THREAD_ID,
    threadTitle: 'Ventelister',
    threadSlug: 'ventelister',
    reason: 'inappropriate',
    note: 'Navn på en elev.',
    reporterId: 'u1',
    reporterName: 'Kari Nordmann',
    status: 'open',
    createdAt: '2026-11-24T10:00:00Z',
    post: { ...post(2), body: 'Eleven heter …', bodyHtml: '<p>Eleven heter …</p>' },
  };
  const moderator = networkView({
    myRole: 'moderator',
    permissions: { join: false, request: false, leave: true, viewMembers: true, moderate: true, manage: false },
  });

  it('hides the reported post with a reason and resolves the report', async () => {
    let open = [flag];
    const { requests } = renderApp(
      `${FORUM}/moderering`,
      loggedIn(ingrid, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, moderator),
        [`GET /api/v1/networks/${SLUG}/forum/flags`]: () => json(200, { items: open }),
        'PUT /api/v1/posts/p2/hidden': async (r) => {
          const body = (await r.json()) as { reason: string };
          open = [{ ...flag, post: { ...flag.post, hidden: true, hiddenReason: body.reason } }];
          return json(200, { ...post(2), hidden: true, hiddenReason: body.reason });
        },
        [`POST /api/v1/networks/${SLUG}/forum/flags/f1/close`]: () => {
          open = [];
          return json(200, { ...flag, status: 'resolved' });
        },
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('1 rapport venter.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Innlegg 2 fra Jon Håkonsen i «Ventelister»' })).toHaveAttribute(
      'href',
      `${FORUM}/${THREAD_ID}-ventelister#innlegg-2`,
    );
    expect(screen.getByText('Upassende eller krenkende')).toBeInTheDocument();
    expect(screen.getByText('Navn på en elev.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Skjul innlegg 2 fra Jon Håkonsen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Skjul innlegg 2 fra Jon Håkonsen' });
    await user.click(within(dialog).getByRole('button', { name: 'Skjul innlegget' }));
    expect(within(dialog).getByText('Skriv hvorfor innlegget skjules.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Begrunnelse'), 'Personopplysninger om en elev');
    await user.click(within(dialog).getByRole('button', { name: 'Skjul innlegget' }));
    expect(await screen.findByText('Skjult av moderator: Personopplysninger om en elev')).toBeInTheDocument();
    // The answer is the post as it is now: it takes its place in the queue, with nothing fetched again.
    expect(requests.filter((r) => r.url.includes('/forum/flags') && r.method === 'GET')).toHaveLength(1);
    const hide = requests.find((r) => r.url.endsWith('/hidden'))!;
    expect(await hide.json()).toEqual({ hidden: true, reason: 'Personopplysninger om en elev' });

    await user.click(screen.getByRole('button', { name: 'Merk som behandlet: rapporten fra Kari Nordmann' }));
    expect(await screen.findByText('Rapporten fra Kari Nordmann er behandlet.')).toBeInTheDocument();
    expect(await screen.findByText('Ingen rapporter venter. Bra!')).toBeInTheDocument();
    const close = requests.find((r) => r.url.endsWith('/close'))!;
    expect(await close.json()).toEqual({ status: 'resolved' });
  });

  it('says who handled a closed report, and when', async () => {
    renderApp(
      `${FORUM}/moderering`,
      loggedIn(ingrid, {
        [`GET /api/v1/networks/${SLUG}`]: () => json(200, moderator),
        [`GET /api/v1/networks/${SLUG}/forum/flags`]: (r) =>
          json(200, {
            items:
              new URL(r.url).searchParams.get('status') === 'dismissed'
                ? [{ ...flag, status: 'dismissed', resolvedBy: 'u-ingrid', resolvedByName: 'Ingrid Haugen', resolvedAt: '2026-11-25T13:03:00Z' }]
                : [],
          }),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('Ingen rapporter venter. Bra!')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Vis'), 'dismissed');
    expect(await screen.findByText('Viser 1 avvist rapport.')).toBeInTheDocument();
    const label = screen.getByText('Avvist av');
    expect(label.tagName).toBe('DT');
    expect(label.nextElementSibling).toHaveTextContent('Ingrid Haugen, 25. november 2026 kl. 14:03');
    expect(screen.queryByRole('button', { name: /Avvis rapporten/ })).not.toBeInTheDocument();
  });
});
