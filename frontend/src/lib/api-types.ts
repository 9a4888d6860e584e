// Names for the API's types, taken from the generated schema so they can never
// drift from the server. Code imports these, not api-schema.d.ts directly.
import type { components, paths } from './api-schema';

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Schemas = components['schemas'];
/** The query parameters of a GET operation. */
type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type Me = JsonOf<paths['/api/v1/me']['get']['responses'][200]>;
export type Org = Me['org'];
/** What login and refresh return: the access token and a short summary of the user (not the full Me). */
export type Session = JsonOf<paths['/api/v1/auth/login']['post']['responses'][200]>;
export type SessionUser = Session['user'];
export type UpdateMe = NonNullable<paths['/api/v1/me']['patch']['requestBody']>['content']['application/json'];
export type JobField = Me['jobField'];
export type SiteRole = Me['siteRole'];
export type OrgKind = Org['kind'];

export type Page<T> = { items: T[]; nextCursor?: string };

// Networks and membership.
export type NetworkSummary = Schemas['Summary'];
export type NetworkView = Schemas['NetworkView'];
export type NetworkInput = Schemas['NetworkInput'];
export type NetworkPatch = Schemas['NetworkPatch'];
export type Permissions = Schemas['Permissions'];
export type Visibility = NetworkView['visibility'];
export type Role = Schemas['RoleInput']['role'];
export type Membership = Schemas['Membership'];
/** A directory entry: a membership, and what the asker may do to it. */
export type MemberItem = Schemas['MemberItem'];
export type Coverage = Schemas['Coverage'];
export type JoinRequest = Schemas['JoinRequest'];
export type RequestStatus = JoinRequest['status'];
export type Invitation = Schemas['InvitationView'];
export type InvitationStatus = Invitation['status'];
export type InviteResult = Schemas['InviteResult'];
export type InviteProblem = Schemas['InviteProblem'];
export type InvitationPreview = Schemas['InvitationPreview'];
export type Registration = Schemas['Registration'];
export type AuditEntry = Schemas['AuditEntry'];
export type Person = Schemas['PersonView'];
export type OutboxMessage = Schemas['OutboxMessage'];
export type OutboxStatus = OutboxMessage['status'];

// The forum.
export type Category = Schemas['Category'];
export type CategoryInput = Schemas['CategoryInput'];
export type ThreadItem = Schemas['ThreadItem'];
export type ThreadList = Schemas['ThreadList'];
export type ThreadView = Schemas['ThreadView'];
export type ThreadPermissions = Schemas['ThreadPermissions'];
export type ThreadKind = ThreadView['kind'];
export type NewThread = Schemas['NewThread'];
export type ModerateInput = Schemas['ModerateInput'];
export type Post = Schemas['Post'];
export type PostItem = Schemas['PostItem'];
export type Revision = Schemas['Revision'];
export type Reaction = Schemas['ReactInput']['reaction'];
export type FlagInput = Schemas['FlagInput'];
export type FlagReason = FlagInput['reason'];
export type Flag = Schemas['Flag'];
export type FlagItem = Schemas['FlagItem'];
export type FlagStatus = FlagItem['status'];
export type WatchLevel = Schemas['WatchInput']['level'];
export type Draft = Schemas['Draft'];
/** A library resource a post attaches, as the post shows it. */
export type Attachment = Schemas['Attachment'];
export type DraftInput = Schemas['DraftInput'];

// Search.
export type SearchPage = Schemas['Page'];
export type SearchResult = Schemas['Result'];
export type SearchType = SearchResult['type'];
export type Facet = Schemas['Facet'];
export type Suggestion = Schemas['Suggestion'];
export type SearchInsight = Schemas['Insight'];
export type QueryCount = Schemas['QueryCount'];

// The library.
export type ResourceItem = Schemas['ResourceItem'];
export type ResourceView = Schemas['ResourceView'];
export type ResourceInput = Schemas['ResourceInput'];
export type ResourcePermissions = Schemas['ResourcePermissions'];
export type ResourceKind = ResourceInput['kind'];
export type Licence = ResourceInput['licence'];
export type ResourceFile = Schemas['File'];
export type FileFormat = ResourceFile['format'];
export type ResourceVersion = Schemas['Version'];
export type VersionInput = Schemas['VersionInput'];
export type ResourceRef = Schemas['Ref'];
export type DownloadLink = Schemas['DownloadLink'];
export type CollectionSummary = Schemas['CollectionSummary'];
export type CollectionView = Schemas['CollectionView'];
export type CollectionInput = Schemas['CollectionInput'];
export type CollectionRef = Schemas['CollectionRef'];
/** A forum post that attaches a library resource (the resource's "Diskutert i"). */
export type DiscussionItem = Schemas['DiscussionItem'];
/** The library's upload limits: the largest file and the accepted extensions. */
export type LibrarySettings = Schemas['Settings'];

export type CatalogueQuery = QueryOf<'/api/v1/networks'>;
export type MembersQuery = QueryOf<'/api/v1/networks/{slug}/members'>;
export type RequestsQuery = QueryOf<'/api/v1/networks/{slug}/requests'>;
export type OutboxQuery = QueryOf<'/api/v1/admin/outbox'>;
export type OrgsQuery = QueryOf<'/api/v1/orgs'>;
export type ThreadsQuery = QueryOf<'/api/v1/networks/{slug}/forum/threads'>;
export type ThreadSort = NonNullable<ThreadsQuery['sort']>;
export type PostsQuery = QueryOf<'/api/v1/threads/{threadId}/posts'>;
export type FlagsQuery = QueryOf<'/api/v1/networks/{slug}/forum/flags'>;
export type PageQuery = { limit?: number; cursor?: string };
export type SearchQuery = QueryOf<'/api/v1/search'>;
export type SearchSort = NonNullable<SearchQuery['sort']>;
export type InsightQuery = QueryOf<'/api/v1/search/insight'>;
export type ResourcesQuery = QueryOf<'/api/v1/networks/{slug}/library/resources'>;
export type ResourceSort = NonNullable<ResourcesQuery['sort']>;

export const JOB_FIELDS = [
  'culture_head',
  'librarian',
  'culture_school_leader',
  'museum_heritage',
  'volunteering',
  'adviser',
  'other',
] as const satisfies readonly JobField[];

export const ORG_KINDS = ['municipality', 'county', 'state', 'ks'] as const satisfies readonly OrgKind[];

export type Topic = NetworkView['topics'][number];
/** The server's fixed topic list (network.Topics), in the order the forms show it. */
export const TOPICS = [
  'culture_school',
  'library',
  'museum_heritage',
  'volunteering',
  'culture_planning',
  'arts_for_children',
  'events_venues',
  'funding',
  'participation_inclusion',
  'digital',
  'arts_and_artists',
  'public_health',
] as const satisfies readonly Topic[];
export const MAX_TOPICS = 6;

export const VISIBILITIES = ['open', 'on_request', 'closed'] as const satisfies readonly Visibility[];
export const ROLES = ['owner', 'moderator', 'member'] as const satisfies readonly Role[];
export const REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const satisfies readonly RequestStatus[];
export const OUTBOX_STATUSES = ['stored', 'queued', 'sending', 'sent', 'failed'] as const satisfies readonly OutboxStatus[];

export const THREAD_KINDS = ['discussion', 'question'] as const satisfies readonly ThreadKind[];
export const THREAD_SORTS = ['activity', 'newest', 'reactions', 'unanswered'] as const satisfies readonly ThreadSort[];
export const REACTIONS = ['thanks', 'agree', 'helpful', 'insightful'] as const satisfies readonly Reaction[];
export const FLAG_REASONS = ['spam', 'off_topic', 'inappropriate', 'other'] as const satisfies readonly FlagReason[];
export const FLAG_STATUSES = ['open', 'resolved', 'dismissed'] as const satisfies readonly FlagStatus[];
export const WATCH_LEVELS = ['watching', 'normal', 'muted'] as const satisfies readonly WatchLevel[];
export const SEARCH_TYPES = ['thread', 'post', 'resource', 'network', 'person'] as const satisfies readonly SearchType[];
export const SEARCH_SORTS = ['relevance', 'date'] as const satisfies readonly SearchSort[];
/** The longest search the server takes (search.MaxQuery), in characters. */
export const MAX_SEARCH_LENGTH = 500;
/** The longest post the server takes (forum.MaxBody), in characters. */
export const MAX_POST_LENGTH = 50_000;
/** The most library resources a post may attach (forum.MaxAttachments). */
export const MAX_ATTACHMENTS = 10;
/** The library's kinds and licences, in the order the server lists them (library.Kinds, library.Licences). */
export const RESOURCE_KINDS = ['plan', 'report', 'template', 'guide', 'presentation', 'decision', 'other'] as const satisfies readonly ResourceKind[];
export const LICENCES = ['cc_by_4', 'public_sector_reuse', 'all_rights_reserved', 'other'] as const satisfies readonly Licence[];
export const RESOURCE_SORTS = ['newest', 'downloads', 'title'] as const satisfies readonly ResourceSort[];
export const FILE_FORMATS = ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'txt', 'csv', 'png', 'jpeg'] as const satisfies readonly FileFormat[];

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const isTopic = (value: unknown): value is Topic => isOneOf(TOPICS, value);
export const isJobField = (value: unknown): value is JobField => isOneOf(JOB_FIELDS, value);
export const isOrgKind = (value: unknown): value is OrgKind => isOneOf(ORG_KINDS, value);
export const isRole = (value: unknown): value is Role => isOneOf(ROLES, value);
export const isVisibility = (value: unknown): value is Visibility => isOneOf(VISIBILITIES, value);
export const isRequestStatus = (value: unknown): value is RequestStatus => isOneOf(REQUEST_STATUSES, value);
export const isOutboxStatus = (value: unknown): value is OutboxStatus => isOneOf(OUTBOX_STATUSES, value);
export const isThreadKind = (value: unknown): value is ThreadKind => isOneOf(THREAD_KINDS, value);
export const isThreadSort = (value: unknown): value is ThreadSort => isOneOf(THREAD_SORTS, value);
export const isReaction = (value: unknown): value is Reaction => isOneOf(REACTIONS, value);
export const isFlagReason = (value: unknown): value is FlagReason => isOneOf(FLAG_REASONS, value);
export const isFlagStatus = (value: unknown): value is FlagStatus => isOneOf(FLAG_STATUSES, value);
export const isWatchLevel = (value: unknown): value is WatchLevel => isOneOf(WATCH_LEVELS, value);
export const isSearchType = (value: unknown): value is SearchType => isOneOf(SEARCH_TYPES, value);
export const isSearchSort = (value: unknown): value is SearchSort => isOneOf(SEARCH_SORTS, value);
export const isResourceKind = (value: unknown): value is ResourceKind => isOneOf(RESOURCE_KINDS, value);
export const isLicence = (value: unknown): value is Licence => isOneOf(LICENCES, value);
export const isResourceSort = (value: unknown): value is ResourceSort => isOneOf(RESOURCE_SORTS, value);
export const isFileFormat = (value: unknown): value is FileFormat => isOneOf(FILE_FORMATS, value);
