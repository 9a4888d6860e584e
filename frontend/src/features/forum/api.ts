import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import { isApiError } from '../../lib/api-error';
import type {
  Category,
  CategoryInput,
  FlagInput,
  FlagItem,
  FlagStatus,
  ModerateInput,
  NewThread,
  Page,
  PostItem,
  Reaction,
  ResourceItem,
  ThreadList,
  ThreadSort,
  ThreadView,
  WatchLevel,
} from '../../lib/api-types';

export const THREADS_PAGE = 20;
export const POSTS_PAGE = 20;

export type ThreadFilters = { category?: string; sort?: ThreadSort };

/** Where a page of posts starts: a post number (the first page, or earlier posts) or the cursor after the last page. */
export type PostsParam = { from?: number; limit?: number; cursor?: string };
export type PostsData = InfiniteData<Page<PostItem>, PostsParam>;

export const forumKeys = {
  all: ['forum'] as const,
  categories: (slug: string) => ['forum', 'categories', slug] as const,
  threadsOf: (slug: string) => ['forum', 'threads', slug] as const,
  threads: (slug: string, filters: ThreadFilters) => ['forum', 'threads', slug, filters] as const,
  thread: (id: string) => ['forum', 'thread', id] as const,
  postsOf: (threadId: string) => ['forum', 'posts', threadId] as const,
  posts: (threadId: string, start: number) => ['forum', 'posts', threadId, 'from', start] as const,
  opening: (threadId: string) => ['forum', 'posts', threadId, 'opening'] as const,
  history: (postId: string) => ['forum', 'history', postId] as const,
  flags: (slug: string, status: FlagStatus) => ['forum', 'flags', slug, status] as const,
  draft: (key: string) => ['forum', 'draft', key] as const,
  mentions: (slug: string, q: string) => ['forum', 'mentions', slug, q] as const,
  preview: (body: string, network: string) => ['forum', 'preview', network, body] as const,
  // Library resources to attach: under the library's keys, so a change in the library refreshes them.
  attachable: (slug: string) => ['library', 'resources', slug, 'attachable'] as const,
  attachment: (id: string) => ['library', 'resource', id] as const,
};

export const ATTACHABLE_PAGE = 50;

export function useCategories(slug: string, enabled = true) {
  const { client } = useAuth();
  return useQuery({ queryKey: forumKeys.categories(slug), queryFn: () => client.listCategories(slug), enabled });
}

function useInvalidateCategories(slug: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: forumKeys.categories(slug) });
}

export function useCreateCategory(slug: string) {
  const { client } = useAuth();
  const refresh = useInvalidateCategories(slug);
  return useMutation({ mutationFn: (input: CategoryInput) => client.createCategory(slug, input), onSuccess: refresh });
}

export function useUpdateCategory(slug: string) {
  const { client } = useAuth();
  const refresh = useInvalidateCategories(slug);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: CategoryInput }) => client.updateCategory(slug, id, input),
    onSuccess: refresh,
  });
}

/** Puts the categories in a new order: one PUT for each category whose position changes. */
export function useReorderCategories(slug: string) {
  const { client } = useAuth();
  const refresh = useInvalidateCategories(slug);
  return useMutation({
    mutationFn: async (changes: { id: string; input: CategoryInput }[]) => {
      for (const c of changes) await client.updateCategory(slug, c.id, c.input);
    },
    onSettled: refresh,
  });
}

export function useDeleteCategory(slug: string) {
  const { client } = useAuth();
  const refresh = useInvalidateCategories(slug);
  return useMutation({ mutationFn: (id: string) => client.deleteCategory(slug, id), onSuccess: refresh });
}

/** Follows, mutes or resets a category for me; the category list then says the new level. */
export function useWatchCategory(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, level }: { id: string; level: WatchLevel }) => client.watchCategory(slug, id, level),
    onSuccess: (_, { id, level }) =>
      queryClient.setQueryData<Category[]>(forumKeys.categories(slug), (list) =>
        list?.map((c) => (c.id === id ? { ...c, watch: level } : c)),
      ),
  });
}

/**
 * A network's threads, newest activity first by default; the first page also has
 * the pinned ones and, for moderators, the count of reports waiting (openFlags).
 */
export function useThreads(slug: string, filters: ThreadFilters, enabled = true) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: forumKeys.threads(slug, filters),
    queryFn: ({ pageParam }) => client.listThreads(slug, { ...filters, limit: THREADS_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: ThreadList) => last.nextCursor || undefined,
    enabled,
  });
}

export function useCreateThread(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewThread) => client.createThread(slug, input),
    onSuccess: (view) => {
      queryClient.setQueryData(forumKeys.thread(view.id), view);
      queryClient.setQueryData(forumKeys.draft(`new:${slug}`), null);
      void queryClient.invalidateQueries({ queryKey: forumKeys.threadsOf(slug) });
      void queryClient.invalidateQueries({ queryKey: forumKeys.categories(slug) });
    },
  });
}

export function useThread(id: string) {
  const { client } = useAuth();
  return useQuery({ queryKey: forumKeys.thread(id), queryFn: () => client.getThread(id) });
}

/** After a change to a thread: the thread, and the lists that show it. */
function useThreadChanged() {
  const queryClient = useQueryClient();
  return (view: ThreadView) => {
    queryClient.setQueryData(forumKeys.thread(view.id), view);
    void queryClient.invalidateQueries({ queryKey: forumKeys.threadsOf(view.networkSlug) });
  };
}

export function useModerateThread(threadId: string) {
  const { client } = useAuth();
  const changed = useThreadChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ModerateInput) => client.moderateThread(threadId, input),
    onSuccess: (view, input) => {
      changed(view);
      if (input.categoryId) void queryClient.invalidateQueries({ queryKey: forumKeys.categories(view.networkSlug) });
    },
  });
}

export function useAcceptAnswer(threadId: string) {
  const { client } = useAuth();
  const changed = useThreadChanged();
  return useMutation({ mutationFn: (postId: string) => client.acceptAnswer(threadId, postId), onSuccess: changed });
}

export function useWatchThread(threadId: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (level: WatchLevel) => client.watchThread(threadId, level),
    onSuccess: (_, level) =>
      queryClient.setQueryData<ThreadView>(forumKeys.thread(threadId), (v) => (v ? { ...v, watch: level } : v)),
  });
}

/**
 * A thread's posts from `start` on, one page at a time forwards ("Vis flere"),
 * and backwards to post 2 ("Vis tidligere innlegg"); post 1 is loaded apart
 * (useOpeningPost) when the thread opens further down.
 */
export function usePosts(threadId: string, start: number) {
  const { client } = useAuth();
  return useInfiniteQuery<Page<PostItem>, Error, PostsData, ReturnType<typeof forumKeys.posts>, PostsParam>({
    queryKey: forumKeys.posts(threadId, start),
    queryFn: ({ pageParam }) => client.listPosts(threadId, { ...pageParam, limit: pageParam.limit ?? POSTS_PAGE }),
    initialPageParam: { from: start },
    getNextPageParam: (last) => (last.nextCursor ? { cursor: last.nextCursor } : undefined),
    getPreviousPageParam: (first, _all, firstParam) => {
      const n = first.items[0]?.number ?? firstParam.from ?? 1;
      if (n <= 2) return undefined;
      const from = Math.max(2, n - POSTS_PAGE);
      return { from, limit: n - from };
    },
  });
}

export function useOpeningPost(threadId: string, enabled: boolean) {
  const { client } = useAuth();
  return useQuery({
    queryKey: forumKeys.opening(threadId),
    queryFn: () => client.listPosts(threadId, { from: 1, limit: 1 }),
    enabled,
  });
}

/** Changes one post wherever the thread's pages hold it. */
export function updatePost(queryClient: QueryClient, threadId: string, postId: string, change: (p: PostItem) => PostItem) {
  const map = (page: Page<PostItem>) =>
    page.items.some((p) => p.id === postId) ? { ...page, items: page.items.map((p) => (p.id === postId ? change(p) : p)) } : page;
  queryClient.setQueriesData<PostsData | Page<PostItem>>({ queryKey: forumKeys.postsOf(threadId) }, (data) => {
    if (!data) return data;
    if ('pages' in data) return { ...data, pages: data.pages.map(map) };
    return map(data);
  });
}

/**
 * Puts a post as the server now sends it (after an edit, a hide or a show) wherever
 * it is shown: the thread's pages, the accepted answer, the report queue. Nothing
 * is fetched again.
 */
export function putPost(queryClient: QueryClient, threadId: string, post: PostItem) {
  updatePost(queryClient, threadId, post.id, () => post);
  queryClient.setQueryData<ThreadView>(forumKeys.thread(threadId), (v) =>
    v?.acceptedPost?.id === post.id ? { ...v, acceptedPost: post } : v,
  );
  queryClient.setQueriesData<InfiniteData<Page<FlagItem>, string | undefined>>({ queryKey: ['forum', 'flags'] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) =>
            page.items.some((f) => f.postId === post.id)
              ? { ...page, items: page.items.map((f) => (f.postId === post.id ? { ...f, post } : f)) }
              : page,
          ),
        }
      : data,
  );
}

export function useReply(threadId: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, quotedPostId, attachments }: { body: string; quotedPostId?: string; attachments?: string[] }) =>
      client.reply(threadId, body, quotedPostId, attachments),
    onSuccess: (post) => {
      queryClient.setQueryData(forumKeys.draft(`thread:${threadId}`), null);
      // The new post goes at the end of what is shown, when the end is shown.
      queryClient.setQueriesData<PostsData>({ queryKey: [...forumKeys.postsOf(threadId), 'from'] }, (data) => {
        const last = data?.pages.at(-1);
        if (!data || !last || last.nextCursor || last.items.some((p) => p.id === post.id)) return data;
        return { ...data, pages: [...data.pages.slice(0, -1), { ...last, items: [...last.items, post] }] };
      });
      void queryClient.invalidateQueries({ queryKey: forumKeys.thread(threadId) });
    },
  });
}

export function useEditPost(threadId: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, body, revision, attachments }: { postId: string; body: string; revision: number; attachments?: string[] }) =>
      client.editPost(postId, body, revision, attachments),
    onSuccess: (edited) => {
      putPost(queryClient, threadId, edited);
      void queryClient.invalidateQueries({ queryKey: forumKeys.history(edited.id) });
      // The opening post's start is the thread's excerpt in the lists.
      if (edited.number === 1) void queryClient.invalidateQueries({ queryKey: ['forum', 'threads'] });
    },
  });
}

export function useDeletePost(threadId: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (postId: string) => client.deletePost(postId),
    onSuccess: (_, postId) => {
      updatePost(queryClient, threadId, postId, (p) => ({
        ...p,
        body: '',
        bodyHtml: '',
        deletedAt: new Date().toISOString(),
        canEdit: false,
        canDelete: false,
      }));
      void queryClient.invalidateQueries({ queryKey: forumKeys.thread(threadId) });
    },
  });
}

/**
 * A moderator hides a post or shows it again. The answer is the post as the
 * moderator sees it, so it replaces the post wherever it is shown.
 */
export function useHidePost() {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, hidden, reason }: { postId: string; threadId: string; hidden: boolean; reason?: string }) =>
      client.hidePost(postId, hidden, reason),
    onSuccess: (post, { threadId }) => putPost(queryClient, threadId, post),
  });
}

/**
 * Toggles one of my reactions at once on screen, then tells the server. "Already
 * reacted" and "no such reaction" mean the server agrees with the new state.
 */
export function useToggleReaction(threadId: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const set = (postId: string, reaction: Reaction, on: boolean) =>
    updatePost(queryClient, threadId, postId, (p) => {
      const mine = p.myReactions.includes(reaction);
      if (mine === on) return p;
      const count = Math.max(0, (p.reactions[reaction] ?? 0) + (on ? 1 : -1));
      return {
        ...p,
        reactions: { ...p.reactions, [reaction]: count },
        myReactions: on ? [...p.myReactions, reaction] : p.myReactions.filter((r) => r !== reaction),
      };
    });
  return useMutation({
    mutationFn: async ({ postId, reaction, on }: { postId: string; reaction: Reaction; on: boolean }) => {
      try {
        if (on) await client.react(postId, reaction);
        else await client.unreact(postId, reaction);
      } catch (e) {
        const agrees = isApiError(e) && (on ? e.code === 'forum.already_reacted' : e.code === 'forum.reaction_not_found');
        if (!agrees) throw e;
      }
    },
    onMutate: ({ postId, reaction, on }) => set(postId, reaction, on),
    onError: (_, { postId, reaction, on }) => set(postId, reaction, !on),
  });
}

export function useReport() {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, input }: { postId: string; input: FlagInput }) => client.reportPost(postId, input),
    // A moderator who reports sees one more waiting (the count comes with the thread list).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['forum', 'threads'] }),
  });
}

export function useHistory(postId: string, enabled: boolean) {
  const { client } = useAuth();
  return useQuery({ queryKey: forumKeys.history(postId), queryFn: () => client.postHistory(postId), enabled });
}

export function useFlags(slug: string, status: FlagStatus, enabled = true) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: forumKeys.flags(slug, status),
    queryFn: ({ pageParam }) => client.listFlags(slug, { status, limit: THREADS_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor || undefined,
    enabled,
  });
}

export function useCloseFlag(slug: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flagId, status }: { flagId: string; status: 'resolved' | 'dismissed' }) =>
      client.closeFlag(slug, flagId, status),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['forum', 'flags', slug] });
      // The count of reports waiting comes with the thread list.
      void queryClient.invalidateQueries({ queryKey: forumKeys.threadsOf(slug) });
    },
  });
}

/** Members whose name matches, for @mentions (the directory's search). */
export function useMentionSearch(slug: string, q: string) {
  const { client } = useAuth();
  return useQuery({
    queryKey: forumKeys.mentions(slug, q),
    queryFn: () => client.listMembers(slug, { q, limit: 8 }),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
}

/**
 * Markdown as the server will show it. With the network's slug, mentions of its
 * members show as links, as they will once posted.
 */
export function usePreview(body: string, network: string | undefined, enabled: boolean) {
  const { client } = useAuth();
  return useQuery({
    queryKey: forumKeys.preview(body, network ?? ''),
    queryFn: () => client.previewMarkdown(body, network),
    enabled: enabled && body.trim() !== '',
    staleTime: Infinity,
  });
}

/**
 * The network's library by title, to attach resources to a post: one page at a
 * time ("Vis flere"). The API has no title search, so the picker filters the
 * pages loaded so far.
 */
export function useAttachable(slug: string, enabled: boolean) {
  const { client } = useAuth();
  return useInfiniteQuery({
    queryKey: forumKeys.attachable(slug),
    queryFn: ({ pageParam }) => client.listResources(slug, { sort: 'title', limit: ATTACHABLE_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<ResourceItem>) => last.nextCursor || undefined,
    enabled,
  });
}

/** A resource a restored draft attaches, for its title (the draft keeps only ids). Shares the library's cache. */
export function useAttachmentInfo(id: string, enabled: boolean) {
  const { client } = useAuth();
  return useQuery({
    queryKey: forumKeys.attachment(id),
    queryFn: () => client.getResource(id),
    enabled,
    retry: false,
    staleTime: 60_000,
  });
}
