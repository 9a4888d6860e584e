import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ThreadItem, ThreadView } from '../../../lib/api-types';
import { FORUM_NS } from '../i18n';

/** What kind of thread, answered or not, pinned, locked: as words, not only colours. */
export function ThreadTags({ thread }: { thread: Pick<ThreadItem | ThreadView, 'kind' | 'acceptedPostId' | 'pinned' | 'locked'> }) {
  const { t } = useTranslation(FORUM_NS);
  return (
    <>
      {thread.pinned && (
        <Tag data-color="accent" data-size="sm">
          {t('tags.pinned')}
        </Tag>
      )}
      <Tag data-color="neutral" data-size="sm">
        {t(`kind.${thread.kind}`)}
      </Tag>
      {thread.kind === 'question' &&
        (thread.acceptedPostId ? (
          <Tag data-color="success" data-size="sm">
            {t('tags.answered')}
          </Tag>
        ) : (
          <Tag data-color="warning" data-size="sm">
            {t('tags.unanswered')}
          </Tag>
        ))}
      {thread.locked && (
        <Tag data-color="neutral" data-size="sm" variant="outline">
          {t('tags.locked')}
        </Tag>
      )}
    </>
  );
}
