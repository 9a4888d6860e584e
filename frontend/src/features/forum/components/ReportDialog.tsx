import { useId, useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Fieldset, Heading, Radio, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import { FLAG_REASONS, type FlagReason, type PostItem } from '../../../lib/api-types';
import { useReport } from '../api';
import { FORUM_NS } from '../i18n';

const MAX_NOTE = 500;

/** "Rapporter innlegg": why (spam, off topic, inappropriate, other) and a note, required for "other". */
export function ReportDialog({
  post,
  onClose,
  onSent,
}: {
  post: PostItem | null;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const titleId = useId();
  const [reason, setReason] = useState<FlagReason | ''>('');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<{ reason?: string; note?: string }>({});
  const report = useReport();
  const serverNote =
    isApiError(report.error) && report.error.code === 'validation.failed' ? report.error.fieldError('note') : undefined;
  const noteError = clientErrors.note ?? (serverNote ? fieldErrorMessage(tc, serverNote) : undefined);

  function close() {
    report.reset();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!post) return;
    const errors: typeof clientErrors = {};
    if (!reason) errors.reason = t('report.reasonRequired');
    if (reason === 'other' && !note.trim()) errors.note = t('report.noteRequired');
    if (note.trim().length > MAX_NOTE) errors.note = t('report.noteTooLong');
    setClientErrors(errors);
    if (errors.reason || errors.note || !reason) return;
    report.mutate(
      { postId: post.id, input: note.trim() ? { reason, note: note.trim() } : { reason } },
      { onSuccess: onSent },
    );
  }

  return (
    <Dialog open={post !== null} onClose={close} closeButton={tc('common.closeDialog')} aria-labelledby={titleId}>
      <Dialog.Block className="dialog-body">
        <Heading level={2} data-size="xs" id={titleId}>
          {t('report.title', { name: post?.authorName ?? '' })}
        </Heading>
        <form className="form" noValidate onSubmit={submit}>
          <Fieldset>
            <Fieldset.Legend>{t('report.reason')}</Fieldset.Legend>
            <Fieldset.Description>{t('report.reasonDescription')}</Fieldset.Description>
            {FLAG_REASONS.map((r) => (
              <Radio
                key={r}
                name="report-reason"
                value={r}
                label={t(`report.reasons.${r}`)}
                checked={reason === r}
                onChange={() => setReason(r)}
                aria-invalid={clientErrors.reason ? true : undefined}
              />
            ))}
            {clientErrors.reason && <Fieldset.Description className="field-error">{clientErrors.reason}</Fieldset.Description>}
          </Fieldset>
          <Textfield
            id="report-note"
            multiline
            rows={3}
            label={reason === 'other' ? t('report.noteRequiredLabel') : t('report.note')}
            description={t('report.noteDescription')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={noteError}
          />
          {report.error && !serverNote && (
            <Alert data-color="danger" role="alert">
              {errorMessage(tc, report.error)}
            </Alert>
          )}
          <div className="actions">
            <Button type="submit" loading={report.isPending}>
              {report.isPending ? t('report.sending') : t('report.send')}
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
