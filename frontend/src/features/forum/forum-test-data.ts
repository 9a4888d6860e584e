// Made-up forum data for the forum's component tests (not part of the app).
import { json, networkView, problem, type Handler } from '../../test-utils';
import type { NetworkView, PostItem, ThreadView } from '../../lib/api-types';

export const SLUG = 'kulturskoleledere-i-vestland';
export const THREAD_ID = '6b06f602a4353d9159289469';
export const OLA_ID = '6b06f601a4353d915928943d';
export const THREAD_PATH = `/nettverk/${SLUG}/forum/${THREAD_ID}-ventelister`;

export const member: NetworkView = networkView({
  myRole: 'member',
  permissions: { join: false, request: false, leave: true, viewMembers: true, moderate: false, manage: false },
});

export function thread(over: Partial<ThreadView> = {}): ThreadView {
  return {
    id: THREAD_ID,
    networkId: 'n1',
    networkSlug: SLUG,
    categoryId: 'c1',
    categoryName: 'Spørsmål og svar',
    kind: 'question',
    title: 'Ventelister i kulturskolen',
    slug: 'ventelister',
    authorId: OLA_ID,
    authorName: 'Ola Berg',
    createdAt: '2026-11-20T09:00:00Z',
    lastActivityAt: '2026-11-21T09:00:00Z',
    lastPosterName: 'Jon Håkonsen',
    postCount: 2,
    reactionCount: 0,
    pinned: false,
    locked: false,
    excerpt: 'Hvordan prioriterer dere?',
    lastRead: 2,
    watch: 'normal',
    permissions: { reply: true, moderate: false, accept: false, react: true, flag: true },
    ...over,
  };
}

export function post(number: number, over: Partial<PostItem> = {}): PostItem {
  return {
    id: `p${number}`,
    threadId: THREAD_ID,
    number,
    authorId: number === 1 ? OLA_ID : 'u-jon',
    authorName: number === 1 ? 'Ola Berg' : 'Jon Håkonsen',
    authorOrg: number === 1 ? 'Voss' : 'Bergen',
    body: '',
    bodyHtml: number === 1 ? '<p>Hvordan prioriterer dere?</p>' : '<p>Vi bruker loddtrekning.</p>',
    createdAt: '2026-11-20T10:00:00Z',
    hidden: false,
    mentions: [],
    reactions: {},
    myReactions: [],
    revision: 1,
    attachments: [],
    canEdit: false,
    canDelete: false,
    ...over,
  };
}

/** The thread page's requests; `over` replaces any of them ("METHOD path"). */
export function threadServer(posts: PostItem[], over: Record<string, Handler> = {}, view: ThreadView = thread()) {
  return {
    [`GET /api/v1/networks/${SLUG}`]: () => json(200, member),
    [`GET /api/v1/threads/${THREAD_ID}`]: () => json(200, view),
    [`GET /api/v1/threads/${THREAD_ID}/posts`]: (r: Request) => {
      const q = new URL(r.url).searchParams;
      const from = Number(q.get('from') ?? '1');
      const limit = Number(q.get('limit') ?? '20');
      return json(200, { items: posts.filter((p) => p.number >= from).slice(0, limit) });
    },
    [`GET /api/v1/drafts/thread:${THREAD_ID}`]: () => problem(404, 'forum.draft_not_found'),
    [`PUT /api/v1/drafts/thread:${THREAD_ID}`]: async (r: Request) =>
      json(200, { key: `thread:${THREAD_ID}`, ...((await r.json()) as object), updatedAt: '2026-11-25T13:03:00Z' }),
    [`DELETE /api/v1/drafts/thread:${THREAD_ID}`]: () => new Response(null, { status: 204 }),
    ...over,
  } satisfies Record<string, Handler>;
}
