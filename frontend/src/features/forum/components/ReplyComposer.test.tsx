import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, problem, renderApp } from '../../../test-utils';
import { OLA_ID, SLUG, THREAD_ID, THREAD_PATH, post, threadServer } from '../forum-test-data';

const posts = [post(1), post(2)];
const drafts = (requests: Request[]) => requests.filter((r) => r.url.includes('/drafts/') && r.method === 'PUT');

describe('ReplyComposer: drafts', () => {
  it('saves one draft a second after typing stops, with the last text', async () => {
    const { requests } = renderApp(THREAD_PATH, loggedIn(kari, threadServer(posts)));
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Svaret ditt');
    await user.type(box, 'Hei du');
    // Typing goes on for less than a second between keys: nothing saved yet.
    expect(drafts(requests)).toHaveLength(0);
    await waitFor(() => expect(drafts(requests)).toHaveLength(1), { timeout: 3000 });
    expect(await drafts(requests)[0]!.json()).toEqual({ body: 'Hei du' });
    expect(new URL(drafts(requests)[0]!.url).pathname).toBe(`/api/v1/drafts/thread:${THREAD_ID}`);
    expect(await screen.findByText('Utkastet er lagret kl. 14:03.')).toBeInTheDocument();
    // No more saves without more typing.
    await new Promise((r) => setTimeout(r, 1200));
    expect(drafts(requests)).toHaveLength(1);
  });

  it('brings back the saved draft when the thread opens', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(posts, {
          [`GET /api/v1/drafts/thread:${THREAD_ID}`]: () =>
            json(200, { key: `thread:${THREAD_ID}`, body: 'Et halvskrevet svar', updatedAt: '2026-11-25T12:00:00Z' }),
        }),
      ),
    );
    expect(await screen.findByDisplayValue('Et halvskrevet svar')).toBeInTheDocument();
    expect(screen.getByText('Vi hentet fram utkastet du skrev sist.')).toBeInTheDocument();
  });

  it('keeps the text after a failed post (in the field and the draft), and saves nothing while posting', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(kari, threadServer(posts, { [`POST /api/v1/threads/${THREAD_ID}/posts`]: () => problem(409, 'forum.thread_locked') })),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Svaret ditt'), 'Mitt svar');
    await user.click(screen.getByRole('button', { name: 'Publiser svaret' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tråden er låst');
    expect(screen.getByRole('alert')).toHaveTextContent('Teksten din er tatt vare på');
    expect(screen.getByLabelText('Svaret ditt')).toHaveValue('Mitt svar');
    // The waiting save was dropped before posting; after the failure the draft gets the text.
    const posted = requests.findIndex((r) => r.method === 'POST' && r.url.endsWith('/posts'));
    expect(requests.slice(0, posted).some((r) => r.url.includes('/drafts/') && r.method === 'PUT')).toBe(false);
    await waitFor(() => expect(drafts(requests)).toHaveLength(1), { timeout: 3000 });
    expect(await drafts(requests)[0]!.json()).toEqual({ body: 'Mitt svar' });
  });

  it('posts the reply with the quoted post, and shows it at the end of the thread', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(posts, {
          [`POST /api/v1/threads/${THREAD_ID}/posts`]: async (r) => {
            const body = (await r.json()) as { body: string };
            return json(201, post(3, { authorId: kari.id, authorName: kari.name, bodyHtml: `<p>${body.body.split('\n').at(-1)}</p>`, canEdit: true }));
          },
        }),
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Siter innlegg 2 fra Jon Håkonsen' }));
    const box = screen.getByLabelText('Svaret ditt');
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveValue('> **Jon Håkonsen** skrev:\n>\n> Vi bruker loddtrekning.\n\n');
    expect(screen.getByText('Du siterer innlegg 2 fra Jon Håkonsen.')).toBeInTheDocument();
    await user.type(box, 'Det gjør vi også.');
    await user.click(screen.getByRole('button', { name: 'Publiser svaret' }));
    const mine = await screen.findByRole('article', { name: /Innlegg 3 av Kari Nordmann/ });
    expect(mine).toHaveTextContent('Det gjør vi også.');
    expect(within(mine).getByText('Svaret ditt er publisert.')).toBeInTheDocument();
    expect(screen.getByLabelText('Svaret ditt')).toHaveValue('');
    const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/posts'))!;
    expect(await sent.json()).toEqual({
      body: '> **Jon Håkonsen** skrev:\n>\n> Vi bruker loddtrekning.\n\nDet gjør vi også.',
      quotedPostId: 'p2',
    });
  });
});

describe('ReplyComposer: a quote in the draft', () => {
  it('saves the quoted post with the draft, and forgets it when the reply is unlinked from the quote', async () => {
    const { requests } = renderApp(THREAD_PATH, loggedIn(kari, threadServer(posts)));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Siter innlegg 2 fra Jon Håkonsen' }));
    await user.type(screen.getByLabelText('Svaret ditt'), 'Enig.');
    await waitFor(() => expect(drafts(requests)).toHaveLength(1), { timeout: 3000 });
    expect(await drafts(requests)[0]!.json()).toEqual({
      body: '> **Jon Håkonsen** skrev:\n>\n> Vi bruker loddtrekning.\n\nEnig.',
      quotedPostId: 'p2',
    });

    await user.click(screen.getByRole('button', { name: 'Ikke knytt svaret til sitatet' }));
    expect(screen.queryByText('Du siterer innlegg 2 fra Jon Håkonsen.')).not.toBeInTheDocument();
    await waitFor(() => expect(drafts(requests)).toHaveLength(2), { timeout: 3000 });
    expect(await drafts(requests)[1]!.json()).toEqual({ body: '> **Jon Håkonsen** skrev:\n>\n> Vi bruker loddtrekning.\n\nEnig.' });
  });

  it('brings back the quote with a restored draft, and posts the reply with it', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(posts, {
          [`GET /api/v1/drafts/thread:${THREAD_ID}`]: () =>
            json(200, {
              key: `thread:${THREAD_ID}`,
              body: '> **Jon Håkonsen** skrev:\n>\n> Vi bruker loddtrekning.\n\nGod idé',
              quotedPostId: 'p2',
              updatedAt: '2026-11-25T12:00:00Z',
            }),
          [`POST /api/v1/threads/${THREAD_ID}/posts`]: () =>
            json(201, post(3, { authorId: kari.id, authorName: kari.name, bodyHtml: '<p>God idé</p>', quotedPostId: 'p2' })),
        }),
      ),
    );
    expect(await screen.findByText('Du siterer innlegg 2 fra Jon Håkonsen.')).toBeInTheDocument();
    expect(screen.getByText('Vi hentet fram utkastet du skrev sist.')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Publiser svaret' }));
    await screen.findByRole('article', { name: /Innlegg 3 av Kari Nordmann/ });
    const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/posts'))!;
    expect(await sent.json()).toEqual({
      body: '> **Jon Håkonsen** skrev:\n>\n> Vi bruker loddtrekning.\n\nGod idé',
      quotedPostId: 'p2',
    });
  });

  it('says a quote is kept when the quoted post is not on the page', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(posts, {
          [`GET /api/v1/drafts/thread:${THREAD_ID}`]: () =>
            json(200, { key: `thread:${THREAD_ID}`, body: '> Et sitat\n\nSvar', quotedPostId: 'p-far-away', updatedAt: '2026-11-25T12:00:00Z' }),
        }),
      ),
    );
    expect(await screen.findByText('Du siterer et tidligere innlegg i tråden.')).toBeInTheDocument();
    expect(screen.getByLabelText('Svaret ditt')).toHaveValue('> Et sitat\n\nSvar');
  });
});

describe('MarkdownEditor in the composer', () => {
  it('shows the server\'s preview of the text on the "Forhåndsvis" tab', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(posts, {
          'POST /api/v1/markdown/preview': () => json(200, { html: '<p>Det er <strong>viktig</strong>.</p>' }),
        }),
      ),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Svaret ditt'), 'Det er **viktig**.');
    await user.click(screen.getByRole('tab', { name: 'Forhåndsvis' }));
    const preview = await screen.findByRole('region', { name: 'Forhåndsvisning' });
    expect(within(preview).getByText('viktig', { selector: 'strong' })).toBeInTheDocument();
    const sent = requests.find((r) => r.url.endsWith('/markdown/preview'))!;
    // With the network, so that @mentions of its members show as links, as they will once posted.
    expect(await sent.json()).toEqual({ body: 'Det er **viktig**.', network: SLUG });
    await user.click(screen.getByRole('tab', { name: 'Skriv' }));
    expect(screen.getByLabelText('Svaret ditt')).toHaveValue('Det er **viktig**.');
  });

  it('suggests members after @ and inserts the mention token with the arrow keys and Enter', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(posts, {
          [`GET /api/v1/networks/${SLUG}/members`]: () =>
            json(200, {
              items: [
                { userId: 'u-olav', name: 'Olav Dale', orgName: 'Førde', role: 'member' },
                { userId: OLA_ID, name: 'Ola Berg', orgName: 'Voss', role: 'member' },
              ],
            }),
        }),
      ),
    );
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Svaret ditt');
    await user.type(box, 'Takk, @Ol');
    const list = await screen.findByRole('listbox', { name: 'Medlemmer du kan nevne' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Olav Dale Førde', 'Ola Berg Voss']);
    expect(screen.getByText('2 medlemmer passer. Bruk pil opp og ned, og Enter for å velge.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-activedescendant', within(list).getAllByRole('option')[0]!.id);
    await user.keyboard('{ArrowDown}');
    expect(within(list).getByRole('option', { name: /Ola Berg/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(box).toHaveValue(`Takk, @[Ola Berg](${OLA_ID}) `);
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await user.keyboard('for svaret!');
    expect(box).toHaveValue(`Takk, @[Ola Berg](${OLA_ID}) for svaret!`);
    const search = requests.find((r) => r.url.includes('/members'))!;
    expect(new URL(search.url).searchParams.get('q')).toBe('Ol');
  });

  it('Escape closes the suggestions and leaves the text as typed', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(
        kari,
        threadServer(posts, {
          [`GET /api/v1/networks/${SLUG}/members`]: () =>
            json(200, { items: [{ userId: OLA_ID, name: 'Ola Berg', orgName: 'Voss', role: 'member' }] }),
        }),
      ),
    );
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Svaret ditt');
    await user.type(box, '@Ola');
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('@Ola\n');
  });

  it('counts characters near the 50 000 limit, and says how many are too many', async () => {
    renderApp(THREAD_PATH, loggedIn(kari, threadServer(posts)));
    const box = await screen.findByLabelText('Svaret ditt');
    fireEvent.change(box, { target: { value: 'a'.repeat(40_000) } });
    expect(screen.queryByText(/tegn igjen/)).not.toBeInTheDocument();
    fireEvent.change(box, { target: { value: 'a'.repeat(46_000) } });
    expect(screen.getByText('4 000 tegn igjen')).toBeInTheDocument();
    expect(box.getAttribute('aria-describedby')).toContain(screen.getByText('4 000 tegn igjen').id);
    // Characters, as the server counts them: an emoji is one.
    fireEvent.change(box, { target: { value: `${'a'.repeat(49_999)}😀😀` } });
    expect(screen.getByText('1 tegn for mye')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Publiser svaret' }));
    expect(await screen.findByText('Teksten er for lang. Et innlegg kan ha opptil 50 000 tegn.')).toBeInTheDocument();
  });
});
