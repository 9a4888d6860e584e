import { useRef } from 'react';
import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import type { DiscussionItem } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { postAnchor, threadPath } from '../../forum/paths';
import { useDiscussions } from '../api';
import { LIBRARY_NS } from '../i18n';

/** The address of a post in its thread: /nettverk/<slug>/forum/<id>-<slug>#innlegg-<n>. */
export const discussionPath = (networkSlug: string, d: DiscussionItem) =>
  `${threadPath(networkSlug, { id: d.threadId, slug: d.threadSlug })}#${postAnchor(d.postNumber)}`;

/** "Diskutert i": the forum posts that attach the resource, newest first, each a link to the post in its thread. */
export function Discussions({ resourceId, networkSlug }: { resourceId: string; networkSlug: string }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const discussions = useDiscussions(resourceId);
  const listRef = useRef<HTMLUListElement>(null);
  const items = discussions.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="resource-discussions" className="discussions">
      <Heading level={3} data-size="xs" id="resource-discussions">
        {t('discussions.title')}
      </Heading>
      {discussions.isPending && <Loading />}
      {discussions.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, discussions.error)}
        </Alert>
      )}
      {discussions.isSuccess && items.length === 0 && <Paragraph className="muted">{t('discussions.empty')}</Paragraph>}
      {items.length > 0 && (
        <>
          <Paragraph data-size="sm">{t('discussions.intro')}</Paragraph>
          <ul className="discussions__list" ref={listRef}>
            {items.map((d) => (
              <li key={d.postId} className="discussions__item">
                <Link asChild>
                  <RouterLink to={discussionPath(networkSlug, d)}>{d.threadTitle}</RouterLink>
                </Link>
                <span className="muted small">
                  {t('discussions.post', { number: d.postNumber, name: d.authorName, date: formatDateTime(d.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
          <p role="status" className="small muted">
            {t('discussions.showing', { count: items.length })}
            {discussions.hasNextPage ? ` ${t('discussions.more')}` : ''}
          </p>
        </>
      )}
      <LoadMore
        hasNextPage={discussions.hasNextPage}
        isFetchingNextPage={discussions.isFetchingNextPage}
        fetchNextPage={() => void discussions.fetchNextPage()}
        count={items.length}
        listRef={listRef}
      />
    </section>
  );
}
