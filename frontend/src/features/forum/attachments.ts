import type { TFunction } from 'i18next';
import { errorMessage, fieldErrorMessage } from '../../i18n/errors';
import { isApiError } from '../../lib/api-error';
import type { Attachment, ResourceItem } from '../../lib/api-types';
import type { FORUM_NS } from './i18n';

/** A resource chosen in a composer. One restored from a draft has only its id until its title is fetched. */
export type Chosen = Attachment;

export const fromResource = (r: Pick<ResourceItem, 'id' | 'title' | 'kind' | 'file'>): Chosen => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  ...(r.file ? { fileName: r.file.fileName } : {}),
});

/** A draft keeps only the ids: the titles are fetched when it comes back. */
export const fromIds = (ids: readonly string[] | undefined): Chosen[] => (ids ?? []).map((id) => ({ id, title: '', kind: '' }));

export const idsOf = (chosen: readonly Chosen[]) => chosen.map((a) => a.id);

/** The attachments for a draft: left out when there are none. */
export const draftAttachments = (chosen: readonly Chosen[]) => (chosen.length > 0 ? { attachments: idsOf(chosen) } : {});

/** What the server said about the attachments of a post: one message for the field, and one per resource. */
export type AttachmentProblem = { message: string; items: Record<string, string> };

const INDEXED = /^attachments\[(\d+)\]$/;

/**
 * The attachment errors in a failed post, edit or new thread: forum.attachment_not_found
 * (with a field error attachments[i] for each resource that is gone or not this
 * network's), or a validation error on attachments (too many) or attachments[i].
 * `sent` is the ids the request sent, in order, to name the resources.
 */
export function attachmentProblem(
  t: TFunction<typeof FORUM_NS>,
  tc: TFunction,
  error: unknown,
  sent: readonly string[],
): AttachmentProblem | undefined {
  if (!isApiError(error)) return undefined;
  const mine = error.fieldErrors.filter((e) => e.field === 'attachments' || INDEXED.test(e.field));
  const notFound = error.code === 'forum.attachment_not_found';
  if (!notFound && !(error.code === 'validation.failed' && mine.length > 0)) return undefined;
  const items: Record<string, string> = {};
  for (const e of mine) {
    const m = INDEXED.exec(e.field);
    const id = m ? sent[Number(m[1])] : undefined;
    if (id) items[id] = notFound ? t('attachments.notFoundItem') : t('attachments.invalidItem');
  }
  const whole = mine.find((e) => e.field === 'attachments');
  const message = notFound
    ? errorMessage(tc, error)
    : whole
      ? fieldErrorMessage(tc, whole)
      : t('attachments.invalid');
  return { message, items };
}
