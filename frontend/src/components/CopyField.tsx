import { useId, useState } from 'react';
import { Button, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

type Props = {
  value: string;
  label: string;
  /** The copy button's accessible name; it starts with its visible text. */
  copyLabel: string;
  copiedMessage: string;
};

/**
 * A link to pass on: shown in a read-only field (select it and copy by keyboard)
 * with a button that copies it to the clipboard.
 */
export function CopyField({ value, label, copyLabel, copiedMessage }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed');
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      }
    }
  }

  return (
    <div className="copy-field">
      <Textfield
        id={id}
        label={label}
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className="copy-field__input"
      />
      <Button variant="secondary" data-size="sm" onClick={() => void copy()} aria-label={copyLabel}>
        {t('invitations.copy')}
      </Button>
      <p role="status" className="copy-field__status">
        {status === 'copied' ? copiedMessage : status === 'failed' ? t('invitations.copyFailed') : ''}
      </p>
    </div>
  );
}
