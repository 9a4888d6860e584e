import { useId } from 'react';
import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../format';
import { LIBRARY_NS } from '../i18n';

export type Progress = { sent: number; total: number };

type Props = {
  fileName: string;
  progress: Progress;
  onCancel: () => void;
};

/** A real progress bar for an upload, with its percentage in words, and a way to stop it. */
export function UploadProgress({ fileName, progress, onCancel }: Props) {
  const { t } = useTranslation(LIBRARY_NS);
  const id = useId();
  const percent = progress.total > 0 ? Math.min(100, Math.floor((progress.sent / progress.total) * 100)) : 0;
  const done = progress.total > 0 && progress.sent >= progress.total;
  return (
    <div className="upload-progress">
      <label htmlFor={id}>{t('upload.progressLabel', { name: fileName })}</label>
      <div className="upload-progress__bar">
        <progress id={id} max={100} value={percent} aria-valuetext={t('upload.percent', { percent })}>
          {t('upload.percent', { percent })}
        </progress>
        <span className="upload-progress__percent" aria-hidden="true">
          {t('upload.percent', { percent })}
        </span>
      </div>
      {!done && (
        <p className="small muted">
          {t('upload.sent', { sent: formatFileSize(progress.sent), total: formatFileSize(progress.total) })}
        </p>
      )}
      <p role="status" className="small library-status">
        {done ? t('upload.processing') : ''}
      </p>
      {!done && (
        <div className="actions">
          <Button variant="secondary" data-size="sm" onClick={onCancel}>
            {t('upload.cancel')}
          </Button>
        </div>
      )}
    </div>
  );
}
