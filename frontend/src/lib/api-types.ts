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

export type CatalogueQuery = QueryOf<'/api/v1/networks'>;
export type MembersQuery = QueryOf<'/api/v1/networks/{slug}/members'>;
export type RequestsQuery = QueryOf<'/api/v1/networks/{slug}/requests'>;
export type OutboxQuery = QueryOf<'/api/v1/admin/outbox'>;
export type OrgsQuery = QueryOf<'/api/v1/orgs'>;
export type PageQuery = { limit?: number; cursor?: string };

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

/** The server's fixed topic list (network.Topics); the API types them as plain strings. */
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
] as const;
export type Topic = (typeof TOPICS)[number];
export const MAX_TOPICS = 6;

export const VISIBILITIES = ['open', 'on_request', 'closed'] as const satisfies readonly Visibility[];
export const ROLES = ['owner', 'moderator', 'member'] as const satisfies readonly Role[];
export const REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const satisfies readonly RequestStatus[];
export const OUTBOX_STATUSES = ['stored', 'queued', 'sending', 'sent', 'failed'] as const satisfies readonly OutboxStatus[];

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
