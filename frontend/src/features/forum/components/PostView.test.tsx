import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, problem, renderApp } from '../../../test-utils';
import { THREAD_ID, THREAD_PATH, post, thread, threadServer } from '../forum-test-data';

describe('Reactions', () => {
  it('toggles a reaction: on with POST, off with DELETE, the count and "mine" following at once', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer([post(1), post(2, { reactions: { helpful: 2 } })], {
          'POST /api/v1/posts/p2/reactions': () => new Response(null, { status: 204 }),
          'DELETE /api/v1/posts/p2/reactions/helpful': () => new Response(null, { status: 204 }),
        }),
      ),
    );
    const user = userEvent.setup();
    const helpful = await screen.findByRole('button', { name: 'Nyttig 2 på innlegg 2 fra Jon Håkonsen' });
    expect(helpful).toHaveAttribute('aria-pressed', 'false');
    await user.click(helpful);
    expect(screen.getByRole('button', { name: 'Nyttig 3 på innlegg 2 fra Jon Håkonsen' })).toHaveAttribute('aria-pressed', 'true');
    const on = requests.find((r) => r.method === 'POST' && r.url.endsWith('/reactions'))!;
    expect(await on.json()).toEqual({ reaction: 'helpful' });

    await user.click(screen.getByRole('button', { name: 'Nyttig 3 på innlegg 2 fra Jon Håkonsen' }));
    expect(screen.getByRole('button', { name: 'Nyttig 2 på innlegg 2 fra Jon Håkonsen' })).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE' && r.url.endsWith('/reactions/helpful'))).toBe(true));
  });

  it('puts the reaction back and says so when the server refuses', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(kari, threadServer([post(1), post(2)], { 'POST /api/v1/posts/p2/reactions': () => problem(409, 'forum.post_unavailable') })),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Takk på innlegg 2 fra Jon Håkonsen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Innlegget er slettet eller skjult');
    expect(screen.getByRole('button', { name: 'Takk på innlegg 2 fra Jon Håkonsen' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('"already reacted" means the server agrees: the reaction stays on', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(kari, threadServer([post(1), post(2)], { 'POST /api/v1/posts/p2/reactions': () => problem(409, 'forum.already_reacted') })),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Enig på innlegg 2 fra Jon Håkonsen' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('button', { name: 'Enig 1 på innlegg 2 fra Jon Håkonsen' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('Editing a post', () => {
  const mine = () => post(2, { authorId: kari.id, authorName: kari.name, body: 'Første utgave', canEdit: true, canDelete: true, revision: 2 });

  it('on an edit conflict keeps my text, and shows the current text beside it to choose from', async () => {
    let patches = 0;
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer([post(1), mine()], {
          'PATCH /api/v1/posts/p2': async (r) => {
            patches++;
            const body = (await r.json()) as { body: string; revision: number };
            if (body.revision !== 3) return problem(409, 'forum.edit_conflict');
            return json(200, { ...mine(), body: body.body, bodyHtml: `<p>${body.body}</p>`, revision: 4, editedAt: '2026-11-25T13:00:00Z' });
          },
          [`GET /api/v1/threads/${THREAD_ID}/posts`]: (r) =>
            new URL(r.url).searchParams.get('limit') === '1'
              ? json(200, { items: [{ ...mine(), body: 'Endret i en annen fane', bodyHtml: '<p>Endret i en annen fane</p>', revision: 3, editedAt: '2026-11-25T12:00:00Z' }] })
              : json(200, { items: [post(1), mine()] }),
        }),
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rediger innlegg 2' }));
    const box = screen.getByLabelText('Rediger innlegg 2');
    expect(box).toHaveValue('Første utgave');
    await user.clear(box);
    await user.type(box, 'Min nye tekst');
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Innlegget er endret et annet sted mens du skrev. Teksten din er tatt vare på.');
    expect(screen.getByLabelText('Rediger innlegg 2')).toHaveValue('Min nye tekst');
    const first = requests.find((r) => r.method === 'PATCH')!;
    expect(await first.json()).toEqual({ body: 'Min nye tekst', revision: 2 });

    await user.click(within(alert).getByRole('button', { name: 'Vis teksten som er lagret nå' }));
    const current = await screen.findByRole('region', { name: 'Teksten som er lagret nå' });
    expect(current).toHaveTextContent('Endret i en annen fane');
    expect(screen.getByLabelText('Din tekst')).toHaveValue('Min nye tekst');
    expect(screen.getByText('Lagrer du nå, erstatter teksten din den som er lagret.')).toBeInTheDocument();

    // Saving now is made from the current revision, and goes through.
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));
    const article = await screen.findByRole('article', { name: /Innlegg 2 av Kari Nordmann/ });
    await waitFor(() => expect(article).toHaveTextContent('Min nye tekst'));
    expect(patches).toBe(2);
    const second = requests.filter((r) => r.method === 'PATCH')[1]!;
    expect(await second.json()).toEqual({ body: 'Min nye tekst', revision: 3 });
    expect(within(article).getByRole('button', { name: /Redigert: se tidligere versjoner/ })).toBeInTheDocument();
  });

  it('"Bruk denne teksten i stedet" puts the current text in the field', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer([post(1), mine()], {
          'PATCH /api/v1/posts/p2': () => problem(409, 'forum.edit_conflict'),
          [`GET /api/v1/threads/${THREAD_ID}/posts`]: (r) =>
            new URL(r.url).searchParams.get('limit') === '1'
              ? json(200, { items: [{ ...mine(), body: 'Den lagrede teksten', bodyHtml: '<p>Den lagrede teksten</p>', revision: 3 }] })
              : json(200, { items: [post(1), mine()] }),
        }),
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rediger innlegg 2' }));
    await user.type(screen.getByLabelText('Rediger innlegg 2'), ' og mer');
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));
    await user.click(await screen.findByRole('button', { name: 'Vis teksten som er lagret nå' }));
    await user.click(await screen.findByRole('button', { name: 'Bruk denne teksten i stedet' }));
    expect(screen.getByLabelText('Din tekst')).toHaveValue('Den lagrede teksten');
  });
});

describe('A post changed by its author or a moderator', () => {
  it('takes the post the server answers in its place after an edit and a hide, with nothing fetched again', async () => {
    const mine = post(2, { authorId: kari.id, authorName: kari.name, body: 'Første utgave', bodyHtml: '<p>Første utgave</p>', canEdit: true });
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(
          [post(1), mine],
          {
            'PATCH /api/v1/posts/p2': async (r) => {
              const { body } = (await r.json()) as { body: string };
              // Someone thanked the post meanwhile: the answer has it.
              return json(200, { ...mine, body, bodyHtml: `<p>${body}</p>`, revision: 2, editedAt: '2026-11-25T13:00:00Z', reactions: { thanks: 1 } });
            },
            'PUT /api/v1/posts/p2/hidden': async (r) => {
              const { reason } = (await r.json()) as { reason: string };
              return json(200, { ...mine, body: 'Andre utgave', bodyHtml: '<p>Andre utgave</p>', revision: 2, editedAt: '2026-11-25T13:00:00Z', reactions: { thanks: 1 }, hidden: true, hiddenReason: reason });
            },
          },
          thread({ permissions: { reply: true, moderate: true, accept: true, react: true, flag: true } }),
        ),
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rediger innlegg 2' }));
    const box = screen.getByLabelText('Rediger innlegg 2');
    await user.clear(box);
    await user.type(box, 'Andre utgave');
    await user.click(screen.getByRole('button', { name: 'Lagre endringene' }));
    const article = await screen.findByRole('article', { name: /Innlegg 2 av Kari Nordmann/ });
    await waitFor(() => expect(article).toHaveTextContent('Andre utgave'));
    expect(within(article).getByRole('button', { name: 'Takk 1 på innlegg 2 fra Kari Nordmann' })).toBeInTheDocument();

    await user.click(within(article).getByRole('button', { name: 'Skjul innlegg 2 fra Kari Nordmann' }));
    const dialog = await screen.findByRole('dialog', { name: 'Skjul innlegg 2 fra Kari Nordmann' });
    await user.type(within(dialog).getByLabelText('Begrunnelse'), 'Feil tråd');
    await user.click(within(dialog).getByRole('button', { name: 'Skjul innlegget' }));
    expect(await within(article).findByText(/Skjult av moderator: Feil tråd/)).toBeInTheDocument();
    expect(within(article).getByRole('button', { name: 'Vis igjen innlegg 2 fra Kari Nordmann' })).toBeInTheDocument();

    const gets = requests.filter((r) => r.method === 'GET' && r.url.includes(`/threads/${THREAD_ID}`));
    expect(gets.map((r) => new URL(r.url).pathname)).toEqual([`/api/v1/threads/${THREAD_ID}`, `/api/v1/threads/${THREAD_ID}/posts`]);
  });
});

describe('Posts as the reader may see them', () => {
  it('shows deleted and hidden posts as placeholders, and moderators the hidden text with a marker', async () => {
    const posts = [
      post(1),
      post(2, { deletedAt: '2026-11-22T10:00:00Z', bodyHtml: '' }),
      post(3, { hidden: true, hiddenReason: 'Personopplysninger', bodyHtml: '' }),
    ];
    const { unmount } = renderApp(THREAD_PATH, loggedIn(kari, threadServer(posts, {}, thread({ postCount: 3, lastRead: 3 }))));
    expect(await screen.findByText('Innlegget er slettet.')).toBeInTheDocument();
    expect(screen.getByText('Skjult av moderator: Personopplysninger')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Takk på innlegg 3/ })).not.toBeInTheDocument();
    unmount();

    const asModerator = [post(1), post(3, { number: 2, hidden: true, hiddenReason: 'Personopplysninger', bodyHtml: '<p>Eleven heter …</p>' })];
    renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(asModerator, {}, thread({ permissions: { reply: true, moderate: true, accept: true, react: true, flag: true } })),
      ),
    );
    expect(await screen.findByText('Eleven heter …')).toBeInTheDocument();
    expect(screen.getByText(/Skjult av moderator: Personopplysninger/)).toHaveTextContent('Du ser teksten fordi du er moderator');
    expect(screen.getByRole('button', { name: 'Vis igjen innlegg 2 fra Jon Håkonsen' })).toBeInTheDocument();
  });

  it('opens at the first unread post, with the question on top and a way to load the earlier ones', async () => {
    const all = [1, 2, 3, 4, 5].map((n) => post(n));
    const { requests } = renderApp(THREAD_PATH, loggedIn(kari, threadServer(all, {}, thread({ postCount: 5, lastRead: 3 }))));
    const unread = await screen.findByRole('article', { name: /Innlegg 4 av/ });
    await waitFor(() => expect(unread).toHaveFocus());
    expect(within(unread).getByText('Første uleste innlegg')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: /Innlegg 1 av Ola Berg/ })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: /Innlegg 2 av/ })).not.toBeInTheDocument();
    const postsQueries = requests.filter((r) => r.url.includes('/posts')).map((r) => new URL(r.url).search);
    expect(postsQueries).toEqual(expect.arrayContaining(['?from=4&limit=20', '?from=1&limit=1']));

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Vis tidligere innlegg (2)' }));
    const second = await screen.findByRole('article', { name: /Innlegg 2 av/ });
    await waitFor(() => expect(second).toHaveFocus());
    expect(screen.getByRole('article', { name: /Innlegg 3 av/ })).toBeInTheDocument();
    expect(requests.some((r) => new URL(r.url).search === '?from=2&limit=2')).toBe(true);
    expect(screen.queryByRole('button', { name: /Vis tidligere innlegg/ })).not.toBeInTheDocument();
  });
});

describe('Reading state', () => {
  it('remembers the furthest post read, throttled, and only forwards', async () => {
    const observers: { callback: IntersectionObserverCallback; targets: Element[] }[] = [];
    class FakeObserver {
      targets: Element[] = [];
      constructor(callback: IntersectionObserverCallback) {
        observers.push({ callback, targets: this.targets });
      }
      observe(el: Element) {
        this.targets.push(el);
      }
      unobserve() {}
      disconnect() {}
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    try {
      const all = [1, 2, 3, 4].map((n) => post(n));
      const { requests } = renderApp(
        THREAD_PATH,
        loggedIn(kari, threadServer(all, { [`PUT /api/v1/threads/${THREAD_ID}/read`]: () => new Response(null, { status: 204 }) }, thread({ postCount: 4, lastRead: 2 }))),
      );
      await screen.findByRole('article', { name: /Innlegg 4 av/ });
      const seen = (numbers: number[]) => {
        const o = observers.at(-1)!;
        const entries = o.targets
          .filter((el) => numbers.includes(Number((el as HTMLElement).dataset.number)))
          .map((target) => ({ target, isIntersecting: true }) as unknown as IntersectionObserverEntry);
        o.callback(entries, {} as IntersectionObserver);
      };
      seen([1, 2]); // read before: nothing to say
      seen([3]);
      seen([4]);
      const reads = () => requests.filter((r) => r.url.endsWith('/read'));
      expect(reads()).toHaveLength(0);
      await waitFor(() => expect(reads()).toHaveLength(1), { timeout: 3500 });
      expect(await reads()[0]!.json()).toEqual({ number: 4 });
      seen([3]);
      await new Promise((r) => setTimeout(r, 2200));
      expect(reads()).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
