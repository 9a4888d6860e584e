// The one HTTP client of the web app. Components never call fetch: they use the
// query hooks in features/*/api.ts, which call this module.
//
// - Typed from the server's OpenAPI document (api-schema.d.ts, generated).
// - The access token lives in memory only; the refresh token is an HttpOnly
//   cookie the browser sends to /api/v1/auth/* by itself. Nothing goes to web storage.
// - On 401 auth.token_expired / auth.token_invalid it refreshes once (one request
//   for all callers at the same time) and retries the original request once.
// - Every failure becomes an ApiError whose `code` the UI translates.
import createClient from 'openapi-fetch';
import type { paths } from './api-schema';
import type {
  AuditEntry,
  CatalogueQuery,
  Category,
  CategoryInput,
  Coverage,
  Draft,
  DraftInput,
  Flag,
  FlagInput,
  FlagItem,
  FlagsQuery,
  Invitation,
  InsightQuery,
  InvitationPreview,
  InviteResult,
  JoinRequest,
  Me,
  MemberItem,
  MembersQuery,
  Membership,
  ModerateInput,
  NetworkInput,
  NetworkPatch,
  NetworkSummary,
  NetworkView,
  NewThread,
  Org,
  OrgsQuery,
  OutboxMessage,
  OutboxQuery,
  Page,
  PageQuery,
  Person,
  PostItem,
  PostsQuery,
  Reaction,
  SearchInsight,
  SearchPage,
  SearchQuery,
  Registration,
  RequestsQuery,
  Revision,
  Suggestion,
  Role,
  Session,
  ThreadList,
  ThreadsQuery,
  ThreadView,
  UpdateMe,
  WatchLevel,
} from './api-types';
import { ApiError } from './api-error';
import type {
  CollectionInput,
  CollectionSummary,
  CollectionView,
  DiscussionItem,
  DownloadLink,
  LibrarySettings,
  ResourceInput,
  ResourceItem,
  ResourceRef,
  ResourcesQuery,
  ResourceVersion,
  ResourceView,
  VersionInput,
} from './api-types';

const AUTH_PREFIX = '/api/v1/auth/';
const RETRYABLE_CODES = new Set(['auth.token_expired', 'auth.token_invalid']);

/** Called with the new session after login/refresh, and with null when the session ends. */
export type SessionListener = (session: Session | null) => void;

type Result<T> = { data?: T; error?: unknown; response: Response };

export type ApiClientOptions = {
  /** Origin of the server; defaults to the page's own origin. */
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
};

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? globalThis.location?.origin ?? '';
  const doFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));

  let accessToken: string | null = null;
  let refreshing: Promise<Session | null> | null = null;
  const listeners = new Set<SessionListener>();

  function emit(session: Session | null) {
    for (const listener of listeners) listener(session);
  }

  function withToken(request: Request, token: string | null): Request {
    const headers = new Headers(request.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    else headers.delete('Authorization');
    return new Request(request, { headers });
  }

  async function send(request: Request): Promise<Response> {
    try {
      return await doFetch(request);
    } catch (e) {
      throw ApiError.network(e);
    }
  }

  async function problemCode(response: Response): Promise<string | undefined> {
    try {
      const body: unknown = await response.clone().json();
      if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'string') return body.code;
    } catch {
      // not JSON
    }
    return undefined;
  }

  // The fetch that openapi-fetch uses for every call.
  async function authFetch(request: Request): Promise<Response> {
    const isAuthCall = new URL(request.url).pathname.startsWith(AUTH_PREFIX);
    if (isAuthCall) return send(request);

    const spare = request.clone(); // the body can be read only once
    const tokenUsed = accessToken;
    const response = await send(withToken(request, tokenUsed));
    if (response.status !== 401 || !RETRYABLE_CODES.has((await problemCode(response)) ?? '')) return response;

    // Someone else may have refreshed while this request was under way.
    let token = accessToken !== null && accessToken !== tokenUsed ? accessToken : null;
    if (token === null) {
      const session = await refresh().catch(() => null);
      token = session?.accessToken ?? null;
    }
    if (token === null) return response; // the session is over; the caller gets the 401
    return send(withToken(spare, token));
  }

  const client = createClient<paths>({ baseUrl, fetch: authFetch });

  async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
    let result: Result<T>;
    try {
      result = await call;
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw ApiError.network(e);
    }
    if (!result.response.ok) throw ApiError.fromResponse(result.response, result.error);
    return result.data as T;
  }

  function startSession(session: Session): Session {
    accessToken = session.accessToken;
    emit(session);
    return session;
  }

  function endSession() {
    accessToken = null;
    emit(null);
  }

  /**
   * Gets a new access token through the refresh cookie. Concurrent callers share
   * one request, so the cookie is rotated once. Resolves null when there is no
   * valid session (401); rejects on other failures (network, 5xx).
   */
  function refresh(): Promise<Session | null> {
    refreshing ??= (async () => {
      try {
        const session = await unwrap(client.POST('/api/v1/auth/refresh'));
        return startSession(session);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          endSession();
          return null;
        }
        throw e;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  return {
    /** Restores the session from the refresh cookie, if there is one. */
    refresh,

    async login(email: string, password: string): Promise<Session> {
      return startSession(await unwrap(client.POST('/api/v1/auth/login', { body: { email, password } })));
    },

    async logout(): Promise<void> {
      try {
        await unwrap(client.POST('/api/v1/auth/logout'));
      } finally {
        endSession();
      }
    },

    getMe(): Promise<Me> {
      return unwrap(client.GET('/api/v1/me'));
    },

    updateMe(changes: UpdateMe): Promise<Me> {
      return unwrap(client.PATCH('/api/v1/me', { body: changes }));
    },

    // Networks and membership. Each method is one operation of the API.
    listNetworks(query: CatalogueQuery = {}): Promise<Page<NetworkSummary>> {
      return unwrap(client.GET('/api/v1/networks', { params: { query } }));
    },

    myNetworks(query: PageQuery = {}): Promise<Page<NetworkSummary>> {
      return unwrap(client.GET('/api/v1/me/networks', { params: { query } }));
    },

    createNetwork(body: NetworkInput): Promise<NetworkView> {
      return unwrap(client.POST('/api/v1/networks', { body }));
    },

    getNetwork(slug: string): Promise<NetworkView> {
      return unwrap(client.GET('/api/v1/networks/{slug}', { params: { path: { slug } } }));
    },

    updateNetwork(slug: string, body: NetworkPatch): Promise<NetworkView> {
      return unwrap(client.PATCH('/api/v1/networks/{slug}', { params: { path: { slug } }, body }));
    },

    joinNetwork(slug: string): Promise<NetworkView> {
      return unwrap(client.POST('/api/v1/networks/{slug}/join', { params: { path: { slug } } }));
    },

    async leaveNetwork(slug: string): Promise<void> {
      await unwrap(client.POST('/api/v1/networks/{slug}/leave', { params: { path: { slug } } }));
    },

    listMembers(slug: string, query: MembersQuery = {}): Promise<Page<MemberItem>> {
      return unwrap(client.GET('/api/v1/networks/{slug}/members', { params: { path: { slug }, query } }));
    },

    setMemberRole(slug: string, userId: string, role: Role): Promise<Membership> {
      return unwrap(
        client.PUT('/api/v1/networks/{slug}/members/{userId}/role', { params: { path: { slug, userId } }, body: { role } }),
      );
    },

    async removeMember(slug: string, userId: string): Promise<void> {
      await unwrap(client.DELETE('/api/v1/networks/{slug}/members/{userId}', { params: { path: { slug, userId } } }));
    },

    networkCoverage(slug: string, county: string): Promise<Coverage> {
      return unwrap(client.GET('/api/v1/networks/{slug}/coverage', { params: { path: { slug }, query: { county } } }));
    },

    listJoinRequests(slug: string, query: RequestsQuery = {}): Promise<Page<JoinRequest>> {
      return unwrap(client.GET('/api/v1/networks/{slug}/requests', { params: { path: { slug }, query } }));
    },

    requestToJoin(slug: string, message: string): Promise<JoinRequest> {
      return unwrap(client.POST('/api/v1/networks/{slug}/requests', { params: { path: { slug } }, body: { message } }));
    },

    approveJoinRequest(slug: string, requestId: string): Promise<JoinRequest> {
      return unwrap(
        client.POST('/api/v1/networks/{slug}/requests/{requestId}/approve', {
          params: { path: { slug, requestId } },
          body: {},
        }),
      );
    },

    declineJoinRequest(slug: string, requestId: string, reason: string): Promise<JoinRequest> {
      return unwrap(
        client.POST('/api/v1/networks/{slug}/requests/{requestId}/decline', {
          params: { path: { slug, requestId } },
          body: { reason },
        }),
      );
    },

    listInvitations(slug: string, query: PageQuery = {}): Promise<Page<Invitation>> {
      return unwrap(client.GET('/api/v1/networks/{slug}/invitations', { params: { path: { slug }, query } }));
    },

    invite(slug: string, emails: string): Promise<InviteResult> {
      return unwrap(client.POST('/api/v1/networks/{slug}/invitations', { params: { path: { slug } }, body: { emails } }));
    },

    async revokeInvitation(slug: string, invitationId: string): Promise<void> {
      await unwrap(
        client.DELETE('/api/v1/networks/{slug}/invitations/{invitationId}', { params: { path: { slug, invitationId } } }),
      );
    },

    networkAudit(slug: string, query: PageQuery = {}): Promise<Page<AuditEntry>> {
      return unwrap(client.GET('/api/v1/networks/{slug}/audit', { params: { path: { slug }, query } }));
    },

    /** Public: what an invitation link is for. */
    getInvitation(token: string): Promise<InvitationPreview> {
      return unwrap(client.GET('/api/v1/invitations/{token}', { params: { path: { token } } }));
    },

    acceptInvitation(token: string): Promise<NetworkView> {
      return unwrap(client.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } } }));
    },

    /** Public: creates the account and the membership. Log in afterwards with `login`. */
    registerWithInvitation(token: string, body: Registration): Promise<NetworkView> {
      return unwrap(client.POST('/api/v1/invitations/{token}/register', { params: { path: { token } }, body }));
    },

    // The forum. Each method is one operation of the API.
    listCategories(slug: string): Promise<Category[]> {
      return unwrap(client.GET('/api/v1/networks/{slug}/forum/categories', { params: { path: { slug } } }));
    },

    createCategory(slug: string, body: CategoryInput): Promise<Category> {
      return unwrap(client.POST('/api/v1/networks/{slug}/forum/categories', { params: { path: { slug } }, body }));
    },

    updateCategory(slug: string, categoryId: string, body: CategoryInput): Promise<Category> {
      return unwrap(
        client.PUT('/api/v1/networks/{slug}/forum/categories/{categoryId}', { params: { path: { slug, categoryId } }, body }),
      );
    },

    async deleteCategory(slug: string, categoryId: string): Promise<void> {
      await unwrap(
        client.DELETE('/api/v1/networks/{slug}/forum/categories/{categoryId}', { params: { path: { slug, categoryId } } }),
      );
    },

    async watchCategory(slug: string, categoryId: string, level: WatchLevel): Promise<void> {
      await unwrap(
        client.PUT('/api/v1/networks/{slug}/forum/categories/{categoryId}/watch', {
          params: { path: { slug, categoryId } },
          body: { level },
        }),
      );
    },

    listThreads(slug: string, query: ThreadsQuery = {}): Promise<ThreadList> {
      return unwrap(client.GET('/api/v1/networks/{slug}/forum/threads', { params: { path: { slug }, query } }));
    },

    createThread(slug: string, body: NewThread): Promise<ThreadView> {
      return unwrap(client.POST('/api/v1/networks/{slug}/forum/threads', { params: { path: { slug } }, body }));
    },

    getThread(threadId: string): Promise<ThreadView> {
      return unwrap(client.GET('/api/v1/threads/{threadId}', { params: { path: { threadId } } }));
    },

    moderateThread(threadId: string, body: ModerateInput): Promise<ThreadView> {
      return unwrap(client.PATCH('/api/v1/threads/{threadId}', { params: { path: { threadId } }, body }));
    },

    /** Marks the accepted answer of a question; "" takes the mark away. */
    acceptAnswer(threadId: string, postId: string): Promise<ThreadView> {
      return unwrap(client.PUT('/api/v1/threads/{threadId}/accepted', { params: { path: { threadId } }, body: { postId } }));
    },

    listPosts(threadId: string, query: PostsQuery = {}): Promise<Page<PostItem>> {
      return unwrap(client.GET('/api/v1/threads/{threadId}/posts', { params: { path: { threadId }, query } }));
    },

    /** A reply; `attachments` are ids of resources of the network's library (at most 10). */
    reply(threadId: string, body: string, quotedPostId?: string, attachments: string[] = []): Promise<PostItem> {
      return unwrap(
        client.POST('/api/v1/threads/{threadId}/posts', {
          params: { path: { threadId } },
          body: {
            body,
            ...(quotedPostId ? { quotedPostId } : {}),
            ...(attachments.length > 0 ? { attachments } : {}),
          },
        }),
      );
    },

    async markRead(threadId: string, number: number): Promise<void> {
      await unwrap(client.PUT('/api/v1/threads/{threadId}/read', { params: { path: { threadId } }, body: { number } }));
    },

    async watchThread(threadId: string, level: WatchLevel): Promise<void> {
      await unwrap(client.PUT('/api/v1/threads/{threadId}/watch', { params: { path: { threadId } }, body: { level } }));
    },

    /** `attachments` replaces what the post attaches ([] removes them all); left out, they stay as they are. */
    editPost(postId: string, body: string, revision: number, attachments?: string[]): Promise<PostItem> {
      return unwrap(
        client.PATCH('/api/v1/posts/{postId}', {
          params: { path: { postId } },
          body: attachments ? { body, revision, attachments } : { body, revision },
        }),
      );
    },

    async deletePost(postId: string): Promise<void> {
      await unwrap(client.DELETE('/api/v1/posts/{postId}', { params: { path: { postId } } }));
    },

    postHistory(postId: string): Promise<Revision[]> {
      return unwrap(client.GET('/api/v1/posts/{postId}/revisions', { params: { path: { postId } } }));
    },

    hidePost(postId: string, hidden: boolean, reason = ''): Promise<PostItem> {
      return unwrap(
        client.PUT('/api/v1/posts/{postId}/hidden', {
          params: { path: { postId } },
          body: hidden ? { hidden, reason } : { hidden },
        }),
      );
    },

    async react(postId: string, reaction: Reaction): Promise<void> {
      await unwrap(client.POST('/api/v1/posts/{postId}/reactions', { params: { path: { postId } }, body: { reaction } }));
    },

    async unreact(postId: string, reaction: Reaction): Promise<void> {
      await unwrap(
        client.DELETE('/api/v1/posts/{postId}/reactions/{reaction}', { params: { path: { postId, reaction } } }),
      );
    },

    reportPost(postId: string, body: FlagInput): Promise<Flag> {
      return unwrap(client.POST('/api/v1/posts/{postId}/flags', { params: { path: { postId } }, body }));
    },

    listFlags(slug: string, query: FlagsQuery = {}): Promise<Page<FlagItem>> {
      return unwrap(client.GET('/api/v1/networks/{slug}/forum/flags', { params: { path: { slug }, query } }));
    },

    closeFlag(slug: string, flagId: string, status: 'resolved' | 'dismissed'): Promise<Flag> {
      return unwrap(
        client.POST('/api/v1/networks/{slug}/forum/flags/{flagId}/close', {
          params: { path: { slug, flagId } },
          body: { status },
        }),
      );
    },

    /** A saved draft: "thread:<id>" (a reply) or "new:<network slug>" (a new thread). 404 when there is none. */
    getDraft(key: string): Promise<Draft> {
      return unwrap(client.GET('/api/v1/drafts/{key}', { params: { path: { key } }, pathSerializer: draftPath }));
    },

    saveDraft(key: string, body: DraftInput): Promise<Draft> {
      return unwrap(client.PUT('/api/v1/drafts/{key}', { params: { path: { key } }, body, pathSerializer: draftPath }));
    },

    async discardDraft(key: string): Promise<void> {
      await unwrap(client.DELETE('/api/v1/drafts/{key}', { params: { path: { key } }, pathSerializer: draftPath }));
    },

    /**
     * Markdown rendered and sanitised as a post would show it. With a network's
     * slug, mentions of its members show as links, as they will once posted.
     */
    async previewMarkdown(body: string, network?: string): Promise<string> {
      return (await unwrap(client.POST('/api/v1/markdown/preview', { body: network ? { body, network } : { body } }))).html;
    },

    getPerson(userId: string): Promise<Person> {
      return unwrap(client.GET('/api/v1/people/{userId}', { params: { path: { userId } } }));
    },

    listOrgs(query: OrgsQuery = {}): Promise<Page<Org>> {
      return unwrap(client.GET('/api/v1/orgs', { params: { query } }));
    },

    getOrg(id: string): Promise<Org> {
      return unwrap(client.GET('/api/v1/orgs/{id}', { params: { path: { id } } }));
    },

    // Search. The filters take comma-separated values (?type=thread,post), not the
    // name repeated, so arrays are joined with commas.
    search(query: SearchQuery): Promise<SearchPage> {
      return unwrap(
        client.GET('/api/v1/search', { params: { query }, querySerializer: { array: { style: 'form', explode: false } } }),
      );
    },

    /** Up to eight titles that start with what has been typed (two characters on). */
    suggest(q: string): Promise<Suggestion[]> {
      return unwrap(client.GET('/api/v1/search/suggest', { params: { query: { q } } }));
    },

    /** Search statistics (KS advisers and administrators). */
    searchInsight(query: InsightQuery = {}): Promise<SearchInsight> {
      return unwrap(client.GET('/api/v1/search/insight', { params: { query } }));
    },

    listOutbox(query: OutboxQuery = {}): Promise<Page<OutboxMessage>> {
      return unwrap(client.GET('/api/v1/admin/outbox', { params: { query } }));
    },

    getOutboxMessage(id: string): Promise<OutboxMessage> {
      return unwrap(client.GET('/api/v1/admin/outbox/{id}', { params: { path: { id } } }));
    },

    // The library. Each method is one operation of the API; files go up through uploadFile.
    listResources(slug: string, query: ResourcesQuery = {}): Promise<Page<ResourceItem>> {
      return unwrap(client.GET('/api/v1/networks/{slug}/library/resources', { params: { path: { slug }, query } }));
    },

    createLink(slug: string, body: ResourceInput): Promise<ResourceView> {
      return unwrap(client.POST('/api/v1/networks/{slug}/library/links', { params: { path: { slug } }, body }));
    },

    /** The network's resources that already have this very file (by its SHA-256, 64 hex digits). */
    findFile(slug: string, sha256: string): Promise<ResourceRef[]> {
      return unwrap(client.GET('/api/v1/networks/{slug}/library/files/{sha256}', { params: { path: { slug, sha256 } } }));
    },

    getResource(resourceId: string): Promise<ResourceView> {
      return unwrap(client.GET('/api/v1/library/resources/{resourceId}', { params: { path: { resourceId } } }));
    },

    updateResource(resourceId: string, body: ResourceInput): Promise<ResourceView> {
      return unwrap(client.PUT('/api/v1/library/resources/{resourceId}', { params: { path: { resourceId } }, body }));
    },

    async deleteResource(resourceId: string): Promise<void> {
      await unwrap(client.DELETE('/api/v1/library/resources/{resourceId}', { params: { path: { resourceId } } }));
    },

    /** The forum posts that attach a resource, newest first. */
    listDiscussions(resourceId: string, query: PageQuery = {}): Promise<Page<DiscussionItem>> {
      return unwrap(
        client.GET('/api/v1/library/resources/{resourceId}/discussions', { params: { path: { resourceId }, query } }),
      );
    },

    /** The upload limits: the largest file, and the extensions for a file picker. */
    librarySettings(): Promise<LibrarySettings> {
      return unwrap(client.GET('/api/v1/library/settings'));
    },

    listVersions(resourceId: string): Promise<ResourceVersion[]> {
      return unwrap(client.GET('/api/v1/library/resources/{resourceId}/versions', { params: { path: { resourceId } } }));
    },

    /**
     * An address that downloads the file (the newest version, or `version`) for ten
     * minutes without the Authorization header: for a plain link, an <img> or the
     * PDF preview frame. `inline` shows a PDF or an image instead of saving it.
     */
    async downloadLink(resourceId: string, query: { version?: number; inline?: boolean } = {}): Promise<DownloadLink> {
      const link = await unwrap(
        client.GET('/api/v1/library/resources/{resourceId}/link', { params: { path: { resourceId }, query } }),
      );
      return { ...link, url: new URL(link.url, baseUrl).href };
    },

    listCollections(slug: string): Promise<CollectionSummary[]> {
      return unwrap(client.GET('/api/v1/networks/{slug}/library/collections', { params: { path: { slug } } }));
    },

    createCollection(slug: string, body: CollectionInput): Promise<CollectionView> {
      return unwrap(client.POST('/api/v1/networks/{slug}/library/collections', { params: { path: { slug } }, body }));
    },

    getCollection(collectionId: string): Promise<CollectionView> {
      return unwrap(client.GET('/api/v1/library/collections/{collectionId}', { params: { path: { collectionId } } }));
    },

    updateCollection(collectionId: string, body: CollectionInput): Promise<CollectionView> {
      return unwrap(
        client.PUT('/api/v1/library/collections/{collectionId}', { params: { path: { collectionId } }, body }),
      );
    },

    async deleteCollection(collectionId: string): Promise<void> {
      await unwrap(client.DELETE('/api/v1/library/collections/{collectionId}', { params: { path: { collectionId } } }));
    },

    /**
     * Uploads a file to a library: a new resource ({ slug, metadata }) or a new
     * version of one ({ resourceId, metadata? }), as multipart/form-data with the
     * metadata part first. openapi-fetch cannot report upload progress, so this one
     * call uses XMLHttpRequest, with the same token, the same refresh-and-retry-once
     * on an expired token (the file is then sent again) and the same ApiError.
     */
    async uploadFile(
      to: { slug: string; metadata: ResourceInput } | { resourceId: string; metadata?: VersionInput },
      file: File,
      options: UploadOptions = {},
    ): Promise<ResourceView> {
      const path =
        'slug' in to
          ? `/api/v1/networks/${encodeURIComponent(to.slug)}/library/files`
          : `/api/v1/library/resources/${encodeURIComponent(to.resourceId)}/versions`;
      const form = new FormData();
      if (to.metadata) form.append('metadata', new Blob([JSON.stringify(to.metadata)], { type: 'application/json' }));
      form.append('file', file, file.name);
      const url = new URL(path, baseUrl).href;

      const tokenUsed = accessToken;
      let answer = await sendForm(url, form, tokenUsed, options);
      if (answer.status === 401 && RETRYABLE_CODES.has(codeOf(answer.body))) {
        // As authFetch: someone else may have refreshed meanwhile, else refresh once.
        let token = accessToken !== null && accessToken !== tokenUsed ? accessToken : null;
        if (token === null) {
          const session = await refresh().catch(() => null);
          token = session?.accessToken ?? null;
        }
        if (token !== null) answer = await sendForm(url, form, token, options);
      }
      if (answer.status < 200 || answer.status > 299) {
        throw ApiError.fromResponse(new Response(null, { status: answer.status, headers: answer.headers }), answer.body);
      }
      return answer.body as ResourceView;
    },

    onSession(listener: SessionListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** True while an access token is held (in memory). */
    hasToken(): boolean {
      return accessToken !== null;
    },
  };
}

/**
 * Draft keys hold a colon ("thread:<id>"). The server does not decode a
 * percent-encoded colon in the path (it answers 422), so it goes as it is;
 * the rest of the key is encoded as usual.
 */
function draftPath(pathname: string, params: Record<string, unknown>): string {
  const key = String(params.key ?? '');
  return pathname.replace('{key}', key.split(':').map(encodeURIComponent).join(':'));
}

export type UploadOptions = {
  /** Called as the request body goes out: bytes sent so far, and in all. */
  onProgress?: (sent: number, total: number) => void;
  /** Aborting it cancels the upload (the promise rejects with an AbortError). */
  signal?: AbortSignal;
};

type FormAnswer = { status: number; headers: Headers; body: unknown };

/** One multipart POST through XMLHttpRequest, which reports upload progress. */
function sendForm(url: string, form: FormData, token: string | null, options: UploadOptions): Promise<FormAnswer> {
  return new Promise((resolve, reject) => {
    const { signal, onProgress } = options;
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', abort);
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => {
      done();
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const at = line.indexOf(':');
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined; // not JSON
      }
      resolve({ status: xhr.status, headers, body });
    };
    xhr.onerror = () => {
      done();
      reject(ApiError.network(new Error('upload failed')));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    xhr.send(form);
  });
}

function codeOf(body: unknown): string {
  return body && typeof body === 'object' && 'code' in body && typeof body.code === 'string' ? body.code : '';
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The client the app uses. */
export const api = createApiClient();
