// Names for the API's types, taken from the generated schema so they can never
// drift from the server. Code imports these, not api-schema.d.ts directly.
import type { paths } from './api-schema';

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Me = JsonOf<paths['/api/v1/me']['get']['responses'][200]>;
export type Org = Me['org'];
/** What login and refresh return: the access token and a short summary of the user (not the full Me). */
export type Session = JsonOf<paths['/api/v1/auth/login']['post']['responses'][200]>;
export type SessionUser = Session['user'];
export type UpdateMe = NonNullable<paths['/api/v1/me']['patch']['requestBody']>['content']['application/json'];
export type JobField = Me['jobField'];
export type SiteRole = Me['siteRole'];
export type OrgKind = Org['kind'];

export const JOB_FIELDS = [
  'culture_head',
  'librarian',
  'culture_school_leader',
  'museum_heritage',
  'volunteering',
  'adviser',
  'other',
] as const satisfies readonly JobField[];
