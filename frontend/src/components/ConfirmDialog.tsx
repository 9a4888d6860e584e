import { useId, type ReactNode } from 'react';
import { Alert, Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

type Props = {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  /** What went wrong the last time, already translated. */
  error?: string;
};

/** Asks before something that cannot be undone with one click (leave, remove). */
export function ConfirmDialog({ open, onClose, onConfirm, title, children, confirmLabel, pending, error }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} closeButton={t('common.closeDialog')} aria-labelledby={titleId}>
      <Dialog.Block className="dialog-body">
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
        {typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}
        {error && (
          <Alert data-color="danger" role="alert">
            {error}
          </Alert>
        )}
        <div className="actions">
          <Button data-color="danger" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
