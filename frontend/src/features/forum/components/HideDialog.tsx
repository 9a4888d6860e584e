import { useId, useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../i18n/errors';
import { useHidePost } from '../api';
import { FORUM_NS } from '../i18n';

const MAX_REASON = 500;

/** A moderator hides a post with a reason the members see in its place. */
export function HideDialog({
  post,
  onClose,
  onHidden,
}: {
  post: { id: string; threadId: string; number: number; authorName: string } | null;
  onClose: () => void;
  onHidden: () => void;
}) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [clientError, setClientError] = useState('');
  const hide = useHidePost();

  function close() {
    hide.reset();
    setClientError('');
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!post) return;
    const text = reason.trim();
    const problem = !text ? t('hide.reasonRequired') : text.length > MAX_REASON ? t('hide.reasonTooLong') : '';
    setClientError(problem);
    if (problem) return;
    hide.mutate(
      { postId: post.id, threadId: post.threadId, hidden: true, reason: text },
      {
        onSuccess: () => {
          setReason('');
          onHidden();
        },
      },
    );
  }

  return (
    <Dialog open={post !== null} onClose={close} closeButton={tc('common.closeDialog')} aria-labelledby={titleId}>
      <Dialog.Block className="dialog-body">
        <Heading level={2} data-size="xs" id={titleId}>
          {t('hide.title', { number: post?.number ?? 0, name: post?.authorName ?? '' })}
        </Heading>
        <Paragraph>{t('hide.intro')}</Paragraph>
        <form className="form" noValidate onSubmit={submit}>
          <Textfield
            id="hide-reason"
            multiline
            rows={3}
            label={t('hide.reason')}
            description={t('hide.reasonDescription')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={clientError || undefined}
          />
          {hide.error && (
            <Alert data-color="danger" role="alert">
              {errorMessage(tc, hide.error)}
            </Alert>
          )}
          <div className="actions">
            <Button type="submit" data-color="danger" loading={hide.isPending}>
              {t('hide.confirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={close}>
              {tc('common.cancel')}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
