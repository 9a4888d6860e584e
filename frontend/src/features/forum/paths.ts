// The forum's addresses: /nettverk/<slug>/forum, …/forum/ny, …/forum/moderering
// and …/forum/<thread id>-<thread slug> (the id alone works too).

export const forumPath = (slug: string) => `/nettverk/${slug}/forum`;

export const threadPath = (networkSlug: string, thread: { id: string; slug: string }) =>
  `${forumPath(networkSlug)}/${thread.id}${thread.slug ? `-${thread.slug}` : ''}`;

/** The id at the start of "<id>-<slug>". */
export const threadIdFrom = (ref: string) => ref.split('-')[0] ?? '';

/** A post's element id and address fragment: #innlegg-3. */
export const postAnchor = (number: number) => `innlegg-${number}`;

/** The post number in a #innlegg-3 fragment, if there is one. */
export function postFromHash(hash: string): number | undefined {
  const m = /^#innlegg-(\d+)$/.exec(hash);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
