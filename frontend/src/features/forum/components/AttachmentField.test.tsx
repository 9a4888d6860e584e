import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, problem, renderApp, type Handler } from '../../../test-utils';
import type { ResourceItem } from '../../../lib/api-types';
import { resourceItem, resourceView } from '../../library/library-test-data';
import { SLUG, THREAD_ID, THREAD_PATH, post, thread, threadServer } from '../forum-test-data';

const posts = [post(1), post(2)];
const drafts = (requests: Request[]) => requests.filter((r) => r.url.includes('/drafts/') && r.method === 'PUT');
const LIBRARY = `/nettverk/${SLUG}/bibliotek`;

const plan = resourceItem({ id: 'r1', title: 'Kulturplan 2025–2030 (mal)' });
const avtale = resourceItem({
  id: 'r2',
  title: 'Avtalemal for kulturskoletime i SFO',
  file: { ...resourceItem().file!, fileName: 'avtalemal.txt', format: 'txt' },
});
const rammeplan = resourceItem({ id: 'r3', title: 'Rammeplan for kulturskolen', kind: 'guide', file: undefined, link: 'https://example.org' });

/** The library, by title, one page of `items` (and a cursor for more when `next` is given). */
function library(pages: ResourceItem[][]): Record<string, Handler> {
  return {
    [`GET /api/v1/networks/${SLUG}/library/resources`]: (r) => {
      const cursor = new URL(r.url).searchParams.get('cursor');
      const n = cursor ? Number(cursor) : 0;
      return json(200, { items: pages[n] ?? [], ...(n + 1 < pages.length ? { nextCursor: String(n + 1) } : {}) });
    },
  };
}

async function openPicker(user: ReturnType<typeof userEvent.setup>) {
  const open = await screen.findByRole('button', { name: 'Legg ved fra biblioteket' });
  open.focus();
  await user.keyboard('{Enter}');
  return screen.findByRole('dialog', { name: 'Legg ved fra biblioteket' });
}

describe('AttachmentField in the reply composer', () => {
  it('picks a resource with the keyboard, keeps it in the draft and posts it with the reply', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(kari, {
        ...threadServer(posts, {
          [`POST /api/v1/threads/${THREAD_ID}/posts`]: () =>
            json(201, post(3, { authorId: kari.id, authorName: kari.name, attachments: [{ id: 'r2', title: avtale.title, kind: 'template', fileName: 'avtalemal.txt' }] })),
        }),
        ...library([[plan, avtale, rammeplan]]),
      }),
    );
    const user = userEvent.setup();
    const dialog = await openPicker(user);
    // The filter has focus; it narrows the loaded titles.
    const filter = within(dialog).getByLabelText('Søk etter tittel');
    await waitFor(() => expect(filter).toHaveFocus());
    expect(await within(dialog).findByText('Viser 3 ressurser.')).toBeInTheDocument();
    await user.keyboard('avtale');
    expect(within(dialog).getByText('1 av 3 ressurser passer.')).toBeInTheDocument();
    expect(within(dialog).getAllByRole('checkbox')).toHaveLength(1);
    // Enter in the filter posts nothing.
    await user.keyboard('{Enter}');
    await user.tab();
    const box = within(dialog).getByRole('checkbox', { name: /Avtalemal for kulturskoletime i SFO/ });
    expect(box).toHaveFocus();
    expect(box).toHaveAccessibleDescription('Mal · avtalemal.txt');
    await user.keyboard(' ');
    expect(box).toBeChecked();
    expect(within(dialog).getByText('Du har valgt 1 av 10.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Ferdig' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const chosen = screen.getByRole('list', { name: 'Vedlegg fra biblioteket' });
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(1);
    expect(chosen).toHaveTextContent('Avtalemal for kulturskoletime i SFO');
    expect(chosen).toHaveTextContent('Mal · avtalemal.txt');
    expect(screen.getByText('Valgt: 1 av 10')).toBeInTheDocument();
    // Saved in the draft, with the text typed after.
    await waitFor(() => expect(drafts(requests)).toHaveLength(1), { timeout: 3000 });
    expect(await drafts(requests)[0]!.json()).toEqual({ body: '', attachments: ['r2'] });

    await user.type(screen.getByLabelText('Svaret ditt'), 'Se malen.');
    await user.click(screen.getByRole('button', { name: 'Publiser svaret' }));
    const mine = await screen.findByRole('article', { name: /Innlegg 3 av Kari Nordmann/ });
    const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/posts'))!;
    expect(await sent.json()).toEqual({ body: 'Se malen.', attachments: ['r2'] });
    // The post shows its attachment as a link to the resource page; the composer is empty again.
    expect(within(mine).getByRole('link', { name: 'Avtalemal for kulturskoletime i SFO' })).toHaveAttribute('href', `${LIBRARY}/r2`);
    expect(within(mine).getByRole('list', { name: 'Vedlegg fra biblioteket' })).toHaveTextContent('(Mal, avtalemal.txt)');
    expect(screen.queryByRole('button', { name: /^Fjern vedlegget/ })).not.toBeInTheDocument();
  });

  it('takes at most 10: the rest cannot be checked until one is taken away', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) => resourceItem({ id: `r${i + 1}`, title: `Ressurs ${String(i + 1).padStart(2, '0')}` }));
    renderApp(THREAD_PATH, loggedIn(kari, { ...threadServer(posts), ...library([twelve]) }));
    const user = userEvent.setup();
    const dialog = await openPicker(user);
    const boxes = await within(dialog).findAllByRole('checkbox');
    expect(boxes).toHaveLength(12);
    for (const box of boxes.slice(0, 10)) await user.click(box);
    expect(
      within(dialog).getByText('Du har valgt 10 ressurser, som er det meste et innlegg kan ha. Fjern en for å velge en annen.'),
    ).toBeInTheDocument();
    expect(boxes[10]).toBeDisabled();
    expect(boxes[11]).toBeDisabled();
    expect(boxes[0]).toBeEnabled();
    await user.click(boxes[0]!);
    expect(boxes[0]).not.toBeChecked();
    expect(boxes[10]).toBeEnabled();
    await user.click(boxes[10]!);
    expect(boxes[10]).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Ferdig' }));
    const chosen = screen.getByRole('list', { name: 'Vedlegg fra biblioteket' });
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(10);
    expect(chosen).not.toHaveTextContent('Ressurs 01');
    expect(chosen).toHaveTextContent('Ressurs 11');
  });

  it('loads more of the library with "Vis flere", and the filter covers the new page', async () => {
    renderApp(THREAD_PATH, loggedIn(kari, { ...threadServer(posts), ...library([[plan], [avtale, rammeplan]]) }));
    const user = userEvent.setup();
    const dialog = await openPicker(user);
    expect(await within(dialog).findByText('Viser 1 ressurs. Det finnes flere i biblioteket. Trykk «Vis flere» for å hente dem.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Søk etter tittel'), 'ramme');
    expect(within(dialog).queryAllByRole('checkbox')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Vis flere' }));
    const box = await within(dialog).findByRole('checkbox', { name: /Rammeplan for kulturskolen/ });
    expect(box).toHaveAccessibleDescription('Veileder · nettlenke');
    await waitFor(() => expect(box).toHaveFocus());
    expect(within(dialog).getByText('1 av 3 ressurser passer.')).toBeInTheDocument();
  });

  it('removes a chosen resource: the draft follows, and focus moves to the next one', async () => {
    const { requests } = renderApp(THREAD_PATH, loggedIn(kari, { ...threadServer(posts), ...library([[plan, avtale]]) }));
    const user = userEvent.setup();
    const dialog = await openPicker(user);
    await user.click(await within(dialog).findByRole('checkbox', { name: /Kulturplan/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Avtalemal/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Ferdig' }));
    await user.type(screen.getByLabelText('Svaret ditt'), 'To maler.');
    await waitFor(() => expect(drafts(requests)).toHaveLength(1), { timeout: 3000 });
    expect(await drafts(requests)[0]!.json()).toEqual({ body: 'To maler.', attachments: ['r1', 'r2'] });

    await user.click(screen.getByRole('button', { name: 'Fjern vedlegget «Kulturplan 2025–2030 (mal)»' }));
    const chosen = screen.getByRole('list', { name: 'Vedlegg fra biblioteket' });
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(1);
    expect(chosen).not.toHaveTextContent('Kulturplan');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Fjern vedlegget «Avtalemal for kulturskoletime i SFO»' })).toHaveFocus());
    expect(screen.getByText('«Kulturplan 2025–2030 (mal)» er fjernet fra vedleggene.')).toBeInTheDocument();
    await waitFor(() => expect(drafts(requests)).toHaveLength(2), { timeout: 3000 });
    expect(await drafts(requests)[1]!.json()).toEqual({ body: 'To maler.', attachments: ['r2'] });

    // The last one gone: focus goes to the picker's button, and the draft keeps no attachments.
    await user.click(screen.getByRole('button', { name: 'Fjern vedlegget «Avtalemal for kulturskoletime i SFO»' }));
    expect(screen.queryByRole('list', { name: 'Vedlegg fra biblioteket' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Legg ved fra biblioteket' })).toHaveFocus());
    await waitFor(() => expect(drafts(requests)).toHaveLength(3), { timeout: 3000 });
    expect(await drafts(requests)[2]!.json()).toEqual({ body: 'To maler.' });
  });

  it('brings back the attachments of a saved draft, names them, and shows which one the server refuses', async () => {
    const { requests } = renderApp(
      THREAD_PATH,
      loggedIn(kari, {
        ...threadServer(posts, {
          [`GET /api/v1/drafts/thread:${THREAD_ID}`]: () =>
            json(200, { key: `thread:${THREAD_ID}`, body: 'Se vedleggene.', attachments: ['r1', 'r-gone'], updatedAt: '2026-11-25T12:00:00Z' }),
          [`POST /api/v1/threads/${THREAD_ID}/posts`]: () =>
            problem(422, 'forum.attachment_not_found', { errors: [{ field: 'attachments[1]', code: 'invalid', message: 'x' }] }),
        }),
        'GET /api/v1/library/resources/r1': () => json(200, resourceView({ id: 'r1' })),
        'GET /api/v1/library/resources/r-gone': () => problem(404, 'library.resource_not_found'),
      }),
    );
    expect(await screen.findByDisplayValue('Se vedleggene.')).toBeInTheDocument();
    expect(screen.getByText('Vi hentet fram utkastet du skrev sist.')).toBeInTheDocument();
    const chosen = screen.getByRole('list', { name: 'Vedlegg fra biblioteket' });
    expect(await within(chosen).findByText('Kulturplan 2025–2030 (mal)')).toBeInTheDocument();
    expect(chosen).toHaveTextContent('Mal · kulturplan.pdf');
    expect(await within(chosen).findByText('Ressursen finnes ikke lenger')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Publiser svaret' }));
    const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/posts'))!;
    expect(await sent.json()).toEqual({ body: 'Se vedleggene.', attachments: ['r1', 'r-gone'] });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Noen av vedleggene finnes ikke lenger i biblioteket i nettverket');
    expect(alert).toHaveTextContent('Teksten din er tatt vare på');
    // The resource the server names is marked; the text and the attachments stay.
    const items = within(chosen).getAllByRole('listitem');
    expect(items[1]).toHaveTextContent('Finnes ikke lenger i biblioteket, eller du har ikke tilgang. Fjern den.');
    expect(items[0]).not.toHaveTextContent('Fjern den.');
    expect(screen.getByRole('button', { name: 'Legg ved fra biblioteket' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Svaret ditt')).toHaveValue('Se vedleggene.');
    // The failed post's text and attachments go to the draft too.
    await waitFor(() => expect(drafts(requests)).toHaveLength(1), { timeout: 3000 });
    expect(await drafts(requests)[0]!.json()).toEqual({ body: 'Se vedleggene.', attachments: ['r1', 'r-gone'] });

    // Taking the refused one away clears the errors.
    await user.click(screen.getByRole('button', { name: 'Fjern vedlegget' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Legg ved fra biblioteket' })).not.toHaveAttribute('aria-invalid');
  });

  it('says so at the field when the server finds too many attachments', async () => {
    renderApp(
      THREAD_PATH,
      loggedIn(kari, {
        ...threadServer(posts, {
          [`GET /api/v1/drafts/thread:${THREAD_ID}`]: () =>
            json(200, { key: `thread:${THREAD_ID}`, body: 'Mange.', attachments: ['r1'], updatedAt: '2026-11-25T12:00:00Z' }),
          [`POST /api/v1/threads/${THREAD_ID}/posts`]: () =>
            problem(422, 'validation.failed', { errors: [{ field: 'attachments', code: 'too_long', message: 'x' }] }),
        }),
        'GET /api/v1/library/resources/r1': () => json(200, resourceView({ id: 'r1' })),
      }),
    );
    await screen.findByDisplayValue('Mange.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Publiser svaret' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Du kan legge ved opptil 10 ressurser. Fjern noen av vedleggene.');
    const open = screen.getByRole('button', { name: 'Legg ved fra biblioteket' });
    expect(open).toHaveAccessibleDescription(/Du kan legge ved opptil 10 ressurser\. Fjern noen av vedleggene\./);
  });
});

describe('AttachmentField in a new thread', () => {
  it('brings back the draft\'s attachments, puts the server\'s error at the field and in the summary, and posts them', async () => {
    let fail = true;
    const { requests } = renderApp(
      `/nettverk/${SLUG}/forum/ny`,
      loggedIn(kari, {
        [`GET /api/v1/networks/${SLUG}/forum/categories`]: () =>
          json(200, [{ id: 'c1', name: 'Samlinger', description: '', position: 0, threadCount: 0, createdAt: '2026-01-01T00:00:00Z', watch: 'normal' }]),
        [`GET /api/v1/drafts/new:${SLUG}`]: () =>
          json(200, {
            key: `new:${SLUG}`,
            title: 'Maler for SFO',
            kind: 'discussion',
            categoryId: 'c1',
            body: 'Hvem har en avtale?',
            attachments: ['r2'],
            updatedAt: '2026-11-25T12:00:00Z',
          }),
        [`PUT /api/v1/drafts/new:${SLUG}`]: async (r) =>
          json(200, { key: `new:${SLUG}`, ...((await r.json()) as object), updatedAt: '2026-11-25T13:03:00Z' }),
        'GET /api/v1/library/resources/r2': () => json(200, resourceView({ id: 'r2', title: avtale.title })),
        [`POST /api/v1/networks/${SLUG}/forum/threads`]: () =>
          fail
            ? problem(422, 'forum.attachment_not_found', { errors: [{ field: 'attachments[0]', code: 'invalid' }] })
            : json(201, thread({ id: THREAD_ID, title: 'Maler for SFO', slug: 'maler-for-sfo' })),
        ...threadServer(posts),
      }),
    );
    const chosen = await screen.findByRole('list', { name: 'Vedlegg fra biblioteket' });
    expect(await within(chosen).findByText(avtale.title)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Start diskusjonen' }));
    const sent = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/forum/threads'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(await sent[0]!.json()).toEqual({
      title: 'Maler for SFO',
      kind: 'discussion',
      categoryId: 'c1',
      body: 'Hvem har en avtale?',
      attachments: ['r2'],
    });
    const message = 'Noen av vedleggene finnes ikke lenger i biblioteket i nettverket, eller du har ikke tilgang til dem. Fjern dem, og prøv igjen.';
    expect(await screen.findByRole('link', { name: message })).toHaveAttribute('href', '#thread-attachments');
    expect(within(chosen).getByRole('listitem')).toHaveTextContent('Finnes ikke lenger i biblioteket, eller du har ikke tilgang. Fjern den.');

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Start diskusjonen' }));
    await screen.findByRole('heading', { level: 2, name: 'Maler for SFO' });
  });
});

describe('Attachments of a post and its history', () => {
  it('shows an edited post\'s attachments in the history, now and in each version', async () => {
    const edited = post(2, {
      editedAt: '2026-11-21T10:00:00Z',
      revision: 2,
      attachments: [{ id: 'r1', title: 'Kulturplan 2025–2030 (mal)', kind: 'template', fileName: 'kulturplan.pdf' }],
    });
    renderApp(
      THREAD_PATH,
      loggedIn(kari, {
        ...threadServer([post(1), edited]),
        'GET /api/v1/posts/p2/revisions': () =>
          json(200, [
            {
              revision: 1,
              body: 'Før',
              bodyHtml: '<p>Før</p>',
              editorId: 'u-jon',
              savedAt: '2026-11-20T10:00:00Z',
              attachments: [{ id: 'r3', title: 'Rammeplan for kulturskolen', kind: 'guide' }],
            },
          ]),
      }),
    );
    const article = await screen.findByRole('article', { name: /Innlegg 2 av Jon Håkonsen/ });
    expect(within(article).getByRole('link', { name: 'Kulturplan 2025–2030 (mal)' })).toHaveAttribute('href', `${LIBRARY}/r1`);
    const user = userEvent.setup();
    await user.click(within(article).getByRole('button', { name: /^Redigert: se tidligere versjoner/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Versjoner av innlegg 2 fra Jon Håkonsen' });
    expect(within(dialog).getByRole('link', { name: 'Kulturplan 2025–2030 (mal)' })).toHaveAttribute('href', `${LIBRARY}/r1`);
    const old = await within(dialog).findByRole('link', { name: 'Rammeplan for kulturskolen' });
    expect(old).toHaveAttribute('href', `${LIBRARY}/r3`);
    expect(old.closest('li')).toHaveTextContent('(Veileder, nettlenke)');
  });
});
