import { useId } from 'react';
import { Alert, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { SafeHtml } from '../../../components/SafeHtml';
import { errorMessage } from '../../../i18n/errors';
import type { PostItem } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { useHistory } from '../api';
import { FORUM_NS } from '../i18n';
import { AttachmentLinks } from './AttachmentLinks';

/** An edited post's earlier texts, newest first, under the text it has now. */
export function HistoryDialog({
  post,
  networkSlug,
  onClose,
}: {
  post: PostItem | null;
  /** The thread's network: attachments link to its library. */
  networkSlug: string;
  onClose: () => void;
}) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const titleId = useId();
  const history = useHistory(post?.id ?? '', post !== null);

  return (
    <Dialog open={post !== null} onClose={onClose} closeButton={tc('common.closeDialog')} aria-labelledby={titleId}>
      <Dialog.Block className="dialog-body history">
        <Heading level={2} data-size="xs" id={titleId}>
          {t('history.title', { number: post?.number ?? 0, name: post?.authorName ?? '' })}
        </Heading>
        {post && (
          <section aria-labelledby={`${titleId}-now`} className="history__item">
            <Heading level={3} data-size="2xs" id={`${titleId}-now`}>
              {t('history.current', { revision: post.revision })}
            </Heading>
            <Paragraph data-size="sm" className="muted">
              {t('history.savedAt', { date: formatDateTime(post.editedAt ?? post.createdAt) })}
            </Paragraph>
            <SafeHtml html={post.bodyHtml} className="post__body" />
            <AttachmentLinks attachments={post.attachments ?? []} networkSlug={networkSlug} />
          </section>
        )}
        {history.isPending && <Loading />}
        {history.isError && (
          <Alert data-color="danger" role="alert">
            {errorMessage(tc, history.error)}
          </Alert>
        )}
        {history.isSuccess && history.data.length === 0 && <Paragraph>{t('history.none')}</Paragraph>}
        {history.data?.map((r) => (
          <section key={r.revision} aria-labelledby={`${titleId}-${r.revision}`} className="history__item">
            <Heading level={3} data-size="2xs" id={`${titleId}-${r.revision}`}>
              {t('history.revision', { revision: r.revision })}
            </Heading>
            <Paragraph data-size="sm" className="muted">
              {t('history.savedAt', { date: formatDateTime(r.savedAt) })}
            </Paragraph>
            <SafeHtml html={r.bodyHtml} className="post__body" />
            <AttachmentLinks attachments={r.attachments ?? []} networkSlug={networkSlug} />
          </section>
        ))}
      </Dialog.Block>
    </Dialog>
  );
}
