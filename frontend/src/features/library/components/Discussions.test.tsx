import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, kari, loggedIn, problem, renderApp, type Handler } from '../../../test-utils';
import type { DiscussionItem } from '../../../lib/api-types';
import { LIBRARY, RESOURCE_ID, SLUG, member, resourceView, version } from '../library-test-data';

const discussion = (n: number, over: Partial<DiscussionItem> = {}): DiscussionItem => ({
  threadId: `t${n}`,
  threadSlug: `trad-${n}`,
  threadTitle: `Tråd ${n}`,
  postId: `p${n}`,
  postNumber: n + 1,
  authorName: 'Jon Håkonsen',
  createdAt: '2026-11-20T09:00:00Z',
  ...over,
});

function server(discussions: Handler, view = resourceView()): Handler {
  return loggedIn(kari, {
    [`GET /api/v1/networks/${SLUG}`]: () => json(200, member),
    [`GET /api/v1/library/resources/${RESOURCE_ID}`]: () => json(200, view),
    [`GET /api/v1/library/resources/${RESOURCE_ID}/versions`]: () => json(200, [version(1)]),
    [`GET /api/v1/library/resources/${RESOURCE_ID}/discussions`]: discussions,
  });
}

describe('ResourcePage: «Diskutert i»', () => {
  it('lists the posts that attach the resource, each linking to the post in its thread, and pages with "Vis flere"', async () => {
    const { requests } = renderApp(
      `${LIBRARY}/${RESOURCE_ID}`,
      server((r) => {
        const cursor = new URL(r.url).searchParams.get('cursor');
        return cursor
          ? json(200, { items: [discussion(3, { threadTitle: 'Samarbeid med SFO', authorName: 'Ola Berg' })] })
          : json(200, {
              items: [discussion(1, { threadTitle: 'Ventelister i kulturskolen', threadSlug: 'ventelister', postNumber: 4 }), discussion(2)],
              nextCursor: 'c2',
            });
      }),
    );
    const section = await screen.findByRole('region', { name: 'Diskutert i' });
    const first = await within(section).findByRole('link', { name: 'Ventelister i kulturskolen' });
    expect(first).toHaveAttribute('href', `/nettverk/${SLUG}/forum/t1-ventelister#innlegg-4`);
    expect(first.closest('li')).toHaveTextContent('Innlegg 4 fra Jon Håkonsen, 20. november 2026 kl. 10:00');
    expect(within(section).getByText('Viser 2 innlegg. Det finnes flere.')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(within(section).getByRole('button', { name: 'Vis flere' }));
    const added = await within(section).findByRole('link', { name: 'Samarbeid med SFO' });
    expect(added).toHaveAttribute('href', `/nettverk/${SLUG}/forum/t3-trad-3#innlegg-4`);
    // Focus moves to the first new one, and the count says all are shown.
    await waitFor(() => expect(added).toHaveFocus());
    expect(within(section).getByText('Viser 3 innlegg.')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Vis flere' })).not.toBeInTheDocument();
    const asked = requests.filter((r) => r.url.includes('/discussions')).map((r) => new URL(r.url).search);
    expect(asked).toEqual(['?limit=10', '?limit=10&cursor=c2']);

    // Following a link opens the thread at the post.
    await user.click(first);
    expect(screen.getByTestId('location')).toHaveTextContent(`/nettverk/${SLUG}/forum/t1-ventelister`);
  });

  it('says so when no post attaches the resource', async () => {
    renderApp(`${LIBRARY}/${RESOURCE_ID}`, server(() => json(200, { items: [] })));
    const section = await screen.findByRole('region', { name: 'Diskutert i' });
    expect(
      await within(section).findByText(
        'Ingen innlegg i forumet har denne ressursen som vedlegg ennå. Du kan legge den ved når du skriver i forumet.',
      ),
    ).toBeInTheDocument();
    expect(within(section).queryByRole('list')).not.toBeInTheDocument();
  });

  it('says what went wrong when the list cannot be fetched', async () => {
    renderApp(`${LIBRARY}/${RESOURCE_ID}`, server(() => problem(500, 'internal')));
    const section = await screen.findByRole('region', { name: 'Diskutert i' });
    expect(await within(section).findByRole('alert')).toBeInTheDocument();
  });

  it('shows the collections the resource is in, linking to each', async () => {
    renderApp(
      `${LIBRARY}/${RESOURCE_ID}`,
      server(
        () => json(200, { items: [] }),
        resourceView({ collections: [{ id: 'c1', name: 'Maler for søknader' }, { id: 'c2', name: 'Plandokumenter' }] }),
      ),
    );
    await screen.findByRole('heading', { level: 2, name: 'Kulturplan 2025–2030 (mal)' });
    expect(screen.getByText('I mappene')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Maler for søknader' })).toHaveAttribute('href', `${LIBRARY}/mapper/c1`);
    expect(screen.getByRole('link', { name: 'Plandokumenter' })).toHaveAttribute('href', `${LIBRARY}/mapper/c2`);
  });
});
