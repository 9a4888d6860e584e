import { useEffect, useRef, useState } from 'react';
import { Field, Input, Label, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ACCEPT, formatFileSize } from '../format';
import { LIBRARY_NS } from '../i18n';

type Props = {
  id: string;
  label: string;
  description?: string;
  file: File | null;
  onChange: (file: File | null) => void;
  /** What is wrong with the file, already translated. */
  error?: string;
  disabled?: boolean;
  /** The extensions the file dialog offers (from the server's settings). */
  accept?: string;
};

/**
 * Choose a file with the ordinary file field (keyboard and screen readers), or
 * drop it on the zone around it. A dropped file is put into the field too, so
 * both always show the same choice.
 */
export function FileChooser({ id, label, description, file, onChange, error, disabled, accept = ACCEPT }: Props) {
  const { t } = useTranslation(LIBRARY_NS);
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  // The field is emptied when the file is taken away (after an upload).
  useEffect(() => {
    if (!file && inputRef.current) inputRef.current.value = '';
  }, [file]);

  // Dropping is for the mouse; the file field is the way for everyone. The zone
  // listens with native listeners, as it is not a control of its own.
  const zoneRef = useRef<HTMLDivElement>(null);
  const latest = useRef({ onChange, disabled });
  useEffect(() => {
    latest.current = { onChange, disabled };
  });
  useEffect(() => {
    const zone = zoneRef.current;
    if (!zone) return;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const overZone = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = latest.current.disabled ? 'none' : 'copy';
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget instanceof Node && zone.contains(e.relatedTarget)) return;
      setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      setOver(false);
      const dropped = e.dataTransfer.files[0];
      if (latest.current.disabled || !dropped) return;
      if (inputRef.current) {
        try {
          inputRef.current.files = e.dataTransfer.files;
        } catch {
          // Some browsers do not let a script set the field's files; the choice stands all the same.
        }
      }
      latest.current.onChange(dropped);
    };
    zone.addEventListener('dragenter', enter);
    zone.addEventListener('dragover', overZone);
    zone.addEventListener('dragleave', leave);
    zone.addEventListener('drop', drop);
    return () => {
      zone.removeEventListener('dragenter', enter);
      zone.removeEventListener('dragover', overZone);
      zone.removeEventListener('dragleave', leave);
      zone.removeEventListener('drop', drop);
    };
  }, []);

  const classes = ['dropzone', over && 'dropzone--over', error && 'dropzone--invalid'].filter(Boolean).join(' ');
  return (
    <div className={classes} ref={zoneRef}>
      <Field>
        <Label>{label}</Label>
        {description && <Field.Description>{description}</Field.Description>}
        <Input
          ref={inputRef}
          id={id}
          type="file"
          accept={accept}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        />
        {error && <ValidationMessage>{error}</ValidationMessage>}
      </Field>
      <p className="dropzone__hint small muted">{t('file.dropHint')}</p>
      <p role="status" className="dropzone__hint library-status">
        {file ? t('file.chosen', { name: file.name, size: formatFileSize(file.size) }) : ''}
      </p>
    </div>
  );
}
