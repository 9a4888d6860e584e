import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { formErrors } from '../../../components/form-errors';
import type { ResourceView } from '../../../lib/api-types';
import { useUploadLimits, useUploadVersion } from '../api';
import { FILE_ERROR_CODES, isAbort } from '../upload-errors';
import { LIBRARY_NS } from '../i18n';
import { FileChooser } from './FileChooser';
import { UploadProgress, type Progress } from './UploadProgress';

const FIELDS = ['file', 'note'] as const;
type FieldName = (typeof FIELDS)[number];
const fieldId = (f: FieldName) => `version-${f}`;
const MAX_NOTE = 500;

/** Upload a new version of a resource's file (its uploader and the moderators), with a note on what changed. */
export function NewVersionForm({ resource, onUploaded }: { resource: ResourceView; onUploaded: (view: ResourceView) => void }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const upload = useUploadVersion(resource.id);
  const [file, setFile] = useState<File | null>(null);
  // A file over the limit is refused at once, before anything is sent.
  const [fileProblem, setFileProblem] = useState<string | undefined>(undefined);
  const limits = useUploadLimits();
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const cancelled = isAbort(upload.error);

  useEffect(() => () => abort.current?.abort(), []);

  const { fieldErrors, summary, generalError } = formErrors({
    t: tc,
    fields: FIELDS,
    idOf: fieldId,
    clientErrors,
    error: cancelled ? null : upload.error,
    codeFields: FILE_ERROR_CODES,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (upload.isPending) return;
    const errors: Partial<Record<FieldName, string>> = {};
    if (!file) errors.file = t('form.fileRequired');
    const problem = file ? limits.tooLarge(file) : undefined;
    if (problem) errors.file = problem;
    if ([...note].length > MAX_NOTE) errors.note = t('versions.noteTooLong', { max: MAX_NOTE });
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    setDone(null);
    upload.reset();
    if (!file || Object.keys(errors).length > 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ sent: 0, total: file.size });
    upload.mutate(
      {
        metadata: note.trim() ? { note: note.trim() } : {},
        file,
        signal: controller.signal,
        onProgress: (sent, total) => setProgress({ sent, total: total || file.size }),
      },
      {
        onSuccess: (view) => {
          setFile(null);
          setNote('');
          setDone(view.file?.version ?? null);
          onUploaded(view);
        },
        onSettled: () => {
          abort.current = null;
          setProgress(null);
        },
      },
    );
  }

  return (
    <section aria-labelledby="resource-new-version" className="panel">
      <Heading level={3} data-size="xs" id="resource-new-version">
        {t('versions.newTitle')}
      </Heading>
      <Paragraph data-size="sm">{t('versions.newIntro')}</Paragraph>
      <FormErrorSummary key={attempt} heading={t('form.errorSummary')} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError}
        </Alert>
      )}
      {cancelled && (
        <Alert data-color="info" role="status">
          {t('upload.cancelled')}
        </Alert>
      )}
      <p role="status" className="library-status">
        {done !== null ? t('versions.uploadedNotice', { version: done }) : ''}
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <FileChooser
          id={fieldId('file')}
          label={t('versions.newFile')}
          description={t('versions.fileDescription')}
          file={file}
          onChange={(f) => {
            setFile(f);
            setFileProblem(f ? limits.tooLarge(f) : undefined);
            setClientErrors((e) => ({ ...e, file: undefined }));
            upload.reset();
          }}
          error={fieldErrors.file ?? fileProblem}
          disabled={upload.isPending}
          accept={limits.accept}
        />
        <Textfield
          id={fieldId('note')}
          multiline
          rows={2}
          label={t('versions.noteLabel')}
          description={t('versions.noteDescription')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={fieldErrors.note}
        />
        {progress && file && (
          <UploadProgress fileName={file.name} progress={progress} onCancel={() => abort.current?.abort()} />
        )}
        <div className="actions">
          <Button type="submit" variant="secondary" loading={upload.isPending}>
            {upload.isPending ? t('upload.submitting') : t('versions.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
