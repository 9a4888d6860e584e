import '../i18n';
import '../library.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Fieldset, Link, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { formErrors } from '../../../components/form-errors';
import type { NetworkView } from '../../../lib/api-types';
import { TabHeading, useNetworkContext } from '../../networks/context';
import { useCreateLink, useDuplicates, useUploadFile, useUploadLimits } from '../api';
import { FileChooser } from '../components/FileChooser';
import {
  DESCRIBE_FIELDS,
  ResourceFields,
  describeFieldId,
  emptyDescription,
  toInput,
  validateDescription,
  type DescribeValues,
} from '../components/ResourceFields';
import { UploadProgress, type Progress } from '../components/UploadProgress';
import { sha256Hex } from '../format';
import { LIBRARY_NS } from '../i18n';
import { libraryPath, resourcePath } from '../paths';
import { FILE_ERROR_CODES, isAbort } from '../upload-errors';

const FIELDS = ['file', 'link', ...DESCRIBE_FIELDS] as const;
type FieldName = (typeof FIELDS)[number];
const fieldId = (f: FieldName) => (f === 'file' ? 'resource-file' : f === 'link' ? 'resource-link' : describeFieldId(f));
const MAX_LINK = 2000;

type Mode = 'file' | 'link';

/** /nettverk/<slug>/bibliotek/ny: share a file (with a progress bar) or a web link (members). */
export default function NewResourcePage() {
  const { t } = useTranslation(LIBRARY_NS);
  const { network } = useNetworkContext();
  const { user } = useAuth();
  if (!network.myRole && user?.siteRole !== 'admin') {
    return (
      <div className="library">
        <TabHeading title={t('upload.title')} />
        <Alert data-color="info">{t('upload.membersOnly')}</Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to={libraryPath(network.slug)}>{t('backToLibrary')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }
  return <NewResourceForm network={network} />;
}

function NewResourceForm({ network }: { network: NetworkView }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const upload = useUploadFile(network.slug);
  const createLink = useCreateLink(network.slug);
  const [mode, setMode] = useState<Mode>(params.get('type') === 'lenke' ? 'link' : 'file');
  const [values, setValues] = useState<DescribeValues>(emptyDescription);
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // A file over the limit is refused at once, before anything is sent.
  const [fileProblem, setFileProblem] = useState<string | undefined>(undefined);
  const limits = useUploadLimits();
  const [sha, setSha] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const chosen = useRef<File | null>(null);
  const duplicates = useDuplicates(network.slug, mode === 'file' ? sha : undefined);
  const active = mode === 'file' ? upload : createLink;
  const cancelled = isAbort(active.error);

  // An upload under way stops when the page is left.
  useEffect(() => () => abort.current?.abort(), []);

  const { fieldErrors, summary, generalError } = formErrors({
    t: tc,
    fields: FIELDS,
    idOf: fieldId,
    clientErrors,
    error: cancelled ? null : active.error,
    codeFields: FILE_ERROR_CODES,
  });

  function change(next: Partial<DescribeValues>) {
    setValues((v) => ({ ...v, ...next }));
  }

  function chooseFile(f: File | null) {
    chosen.current = f;
    setFile(f);
    setSha(undefined);
    upload.reset();
    const problem = f ? limits.tooLarge(f) : undefined;
    setFileProblem(problem);
    setClientErrors((e) => ({ ...e, file: undefined }));
    if (!f) return;
    // A title to start from: the file's name without its extension.
    if (!values.title.trim()) change({ title: f.name.replace(/\.[^.]+$/, '') });
    if (problem) return;
    // Is this very file in the library already? Only a warning: it may be uploaded all the same.
    sha256Hex(f)
      .then((hex) => {
        if (chosen.current === f) setSha(hex);
      })
      .catch(() => undefined);
  }

  function validate(): Partial<Record<FieldName, string>> {
    const errors: Partial<Record<FieldName, string>> = validateDescription(t, values);
    if (mode === 'file' && !file) errors.file = t('form.fileRequired');
    const problem = mode === 'file' && file ? limits.tooLarge(file) : undefined;
    if (problem) errors.file = problem;
    if (mode === 'link') {
      const l = link.trim();
      if (!l) errors.link = t('form.linkRequired');
      else if (!/^https?:\/\/[^\s/]+/i.test(l) || l.length > MAX_LINK) errors.link = t('form.linkInvalid');
    }
    return errors;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (active.isPending) return;
    const errors = validate();
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    upload.reset();
    createLink.reset();
    if (Object.keys(errors).length > 0) return;
    if (mode === 'link') {
      createLink.mutate(toInput({ ...values, link }), {
        onSuccess: (view) => navigate(resourcePath(network.slug, view.id)),
      });
      return;
    }
    if (!file) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ sent: 0, total: file.size });
    upload.mutate(
      {
        metadata: toInput(values),
        file,
        signal: controller.signal,
        onProgress: (sent, total) => setProgress({ sent, total: total || file.size }),
      },
      {
        onSuccess: (view) =>
          navigate(resourcePath(network.slug, view.id), { state: { sameFileIn: view.sameFileIn ?? [] } }),
        // Whatever happens, the form keeps what was typed and chosen.
        onSettled: () => {
          abort.current = null;
          setProgress(null);
        },
      },
    );
  }

  const same = duplicates.data ?? [];
  return (
    <div className="library page--form">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={libraryPath(network.slug)}>{t('backToLibrary')}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={t('upload.title')} />
      <Paragraph>{t('upload.intro')}</Paragraph>
      <FormErrorSummary key={attempt} heading={t('form.errorSummary')} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError} {t('form.kept')}
        </Alert>
      )}
      {cancelled && (
        <Alert data-color="info" role="status">
          {t('upload.cancelled')}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={submit}>
        <Fieldset>
          <Fieldset.Legend>{t('upload.what')}</Fieldset.Legend>
          <Radio
            name="resource-mode"
            value="file"
            label={t('upload.modeFile')}
            description={t('upload.modeFileHelp')}
            checked={mode === 'file'}
            disabled={active.isPending}
            onChange={() => setMode('file')}
          />
          <Radio
            name="resource-mode"
            value="link"
            label={t('upload.modeLink')}
            description={t('upload.modeLinkHelp')}
            checked={mode === 'link'}
            disabled={active.isPending}
            onChange={() => setMode('link')}
          />
        </Fieldset>
        {mode === 'file' ? (
          <FileChooser
            id={fieldId('file')}
            label={t('form.file')}
            description={t('form.fileDescription')}
            file={file}
            onChange={chooseFile}
            error={fieldErrors.file ?? fileProblem}
            disabled={upload.isPending}
            accept={limits.accept}
          />
        ) : (
          <Textfield
            id={fieldId('link')}
            type="url"
            label={t('form.link')}
            description={t('form.linkDescription')}
            value={link}
            onChange={(e) => setLink(e.target.value)}
            error={fieldErrors.link}
          />
        )}
        {mode === 'file' && same.length > 0 && (
          <Alert data-color="warning">
            <Paragraph>{t('upload.duplicate', { count: same.length })}</Paragraph>
            <ul>
              {same.map((r) => (
                <li key={r.id}>
                  <Link asChild>
                    <RouterLink to={resourcePath(network.slug, r.id)}>{r.title}</RouterLink>
                  </Link>
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <ResourceFields values={values} onChange={change} errors={fieldErrors} ownerName={user?.org.name ?? ''} mode="new" />
        {progress && file && (
          <UploadProgress fileName={file.name} progress={progress} onCancel={() => abort.current?.abort()} />
        )}
        <div className="actions">
          <Button type="submit" loading={active.isPending}>
            {active.isPending
              ? mode === 'file'
                ? t('upload.submitting')
                : t('upload.adding')
              : mode === 'file'
                ? t('upload.submit')
                : t('upload.submitLink')}
          </Button>
          <Button asChild variant="tertiary">
            <RouterLink to={libraryPath(network.slug)}>{tc('common.cancel')}</RouterLink>
          </Button>
        </div>
      </form>
    </div>
  );
}
