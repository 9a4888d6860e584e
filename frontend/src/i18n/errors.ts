import type { TFunction } from 'i18next';
import { isApiError, type FieldError } from '../lib/api-error';

// Server error codes the UI has its own words for. Anything else gets errors.generic.
const KNOWN_CODES = [
  'auth.invalid_credentials',
  'auth.required',
  'auth.token_invalid',
  'auth.token_expired',
  'auth.refresh_invalid',
  'validation.failed',
  'request.malformed',
  'request.too_large',
  'route.not_found',
  'internal',
  'unavailable',
  'network.not_found',
  'network.slug_taken',
  'network.create_forbidden',
  'network.owners_only',
  'network.moderators_only',
  'network.members_only',
  'network.already_member',
  'network.approval_required',
  'network.invitation_required',
  'network.join_directly',
  'network.request_pending',
  'network.request_decided',
  'network.request_not_found',
  'network.last_owner',
  'network.member_not_found',
  'network.not_member',
  'network.invitation_invalid',
  'network.invitation_used',
  'network.invitation_revoked',
  'network.invitation_expired',
  'network.invitation_other_email',
  'network.invitation_login',
  'network.invitation_not_found',
  'network.person_not_found',
  'user.email_taken',
  'mail.admin_only',
  'mail.not_found',
  'forum.thread_not_found',
  'forum.post_not_found',
  'forum.members_only',
  'forum.moderators_only',
  'forum.thread_locked',
  'forum.edit_conflict',
  'forum.not_author',
  'forum.post_deleted',
  'forum.opening_post',
  'forum.not_a_question',
  'forum.not_asker',
  'forum.not_an_answer',
  'forum.already_reacted',
  'forum.post_unavailable',
  'forum.already_flagged',
  'forum.flag_closed',
  'forum.flag_not_found',
  'forum.category_not_found',
  'forum.category_not_empty',
  'forum.too_many_categories',
  'forum.draft_not_found',
  'forum.reaction_not_found',
  'forum.attachment_not_found',
  'library.resource_not_found',
  'library.version_not_found',
  'library.collection_not_found',
  'library.members_only',
  'library.moderators_only',
  'library.not_uploader',
  'library.not_a_file',
  'library.same_file',
  'library.no_file',
  'library.too_large',
  'library.upload_incomplete',
  'library.empty_file',
  'library.type_not_allowed',
  'library.zip_bomb',
  'library.link_invalid',
  'library.range_not_satisfiable',
  'library.too_many_collections',
  'library.collection_conflict',
  'library.multipart_required',
  'library.metadata_first',
  'library.metadata_too_large',
  'library.file_part',
  'search.advisers_only',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnown(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/** The user-facing text for any error thrown by the API client (or anything else). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.code === 'auth.too_many_attempts') {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return t('errors.auth.too_many_attempts', { count: minutes });
  }
  // "network" is the client's own code for "the server could not be reached".
  if (error.code === 'network') return t('errors.unreachable');
  return isKnown(error.code) ? t(`errors.${error.code}`) : t('errors.generic');
}

const FIELD_CODES = ['required', 'invalid', 'too_long', 'too_short', 'not_allowed'] as const;
type FieldCode = (typeof FIELD_CODES)[number];

/** Forms whose fields need their own words (a network's "name" is not your name). */
export type FieldScope = 'networkFields' | 'registrationFields';

/**
 * Text for one field error: a text for this form's field if we have one, then a
 * field-specific text, else the general one for the code.
 */
export function fieldErrorMessage(
  t: TFunction,
  error: Pick<FieldError, 'field' | 'code'>,
  scope?: FieldScope,
): string {
  const candidates = [
    ...(scope ? [`${scope}.${error.field}.${error.code}`] : []),
    `fields.${error.field}.${error.code}`,
  ];
  for (const key of candidates) {
    if (t(key as never, { defaultValue: '' }) !== '') return t(key as never);
  }
  return (FIELD_CODES as readonly string[]).includes(error.code)
    ? t(`fieldErrors.${error.code as FieldCode}`)
    : t('fieldErrors.invalid');
}
