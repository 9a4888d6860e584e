import '../i18n';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Field,
  Fieldset,
  Label,
  Link,
  Paragraph,
  Radio,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { formErrors } from '../../../components/form-errors';
import { Loading } from '../../../components/Loading';
import { MAX_POST_LENGTH, THREAD_KINDS, type DraftInput, type NetworkView, type ThreadKind } from '../../../lib/api-types';
import { TabHeading, useNetworkContext } from '../../networks/context';
import { useCategories, useCreateThread } from '../api';
import { attachmentProblem, draftAttachments, fromIds, idsOf, type Chosen } from '../attachments';
import { AttachmentField } from '../components/AttachmentField';
import { DraftStatus } from '../components/DraftStatus';
import { MarkdownEditor, type EditorHandle } from '../components/MarkdownEditor';
import { FORUM_NS } from '../i18n';
import { textLength } from '../markdown';
import { forumPath, threadPath } from '../paths';
import { useDraft } from '../useDraft';

/** In the order the form shows them (the error summary follows it). */
const FIELDS = ['kind', 'title', 'categoryId', 'body', 'attachments'] as const;
type FieldName = (typeof FIELDS)[number];
const fieldId = (f: FieldName) => `thread-${f}`;
const MAX_TITLE = 200;

type Values = { title: string; kind: ThreadKind | ''; categoryId: string; body: string; attachments: Chosen[] };

/** /nettverk/<slug>/forum/ny: start a discussion or ask a question (members). */
export default function NewThreadPage() {
  const { t } = useTranslation(FORUM_NS);
  const { network } = useNetworkContext();
  if (!network.myRole) {
    return (
      <div className="new-thread">
        <TabHeading title={t('newThread.title')} />
        <Alert data-color="info">{t('newThread.membersOnly')}</Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to={forumPath(network.slug)}>{t('thread.backToForum')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }
  return <NewThreadForm network={network} />;
}

function NewThreadForm({ network }: { network: NetworkView }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const categories = useCategories(network.slug);
  const create = useCreateThread(network.slug);
  const draft = useDraft(`new:${network.slug}`, true);
  const editor = useRef<EditorHandle>(null);
  const touched = useRef(false);
  const [values, setValues] = useState<Values>(() => ({
    title: '',
    kind: params.get('type') === 'sporsmal' ? 'question' : '',
    categoryId: params.get('kategori') ?? '',
    body: '',
    attachments: [],
  }));
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [restored, setRestored] = useState(false);
  const [discardOpen, setDiscardOpen] = useState(false);

  // A saved draft comes back once, unless the form has been touched.
  const saved = draft.draft;
  useEffect(() => {
    if (!saved || touched.current) return;
    touched.current = true;
    setValues((v) => ({
      title: saved.title ?? '',
      kind: saved.kind ?? v.kind,
      categoryId: saved.categoryId ?? v.categoryId,
      body: saved.body,
      attachments: fromIds(saved.attachments),
    }));
    setRestored(true);
  }, [saved]);

  // The server's word on the attachments goes at their field (and in the summary), with each resource it names.
  const attachmentError = attachmentProblem(t, tc, create.error, create.variables?.attachments ?? []);
  const { fieldErrors, summary, generalError } = formErrors({
    t: tc,
    fields: FIELDS,
    idOf: fieldId,
    clientErrors: attachmentError ? { ...clientErrors, attachments: attachmentError.message } : clientErrors,
    error: create.error,
  });

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    touched.current = true;
    const next = { ...values, [key]: value };
    setValues(next);
    if (key === 'attachments' && attachmentError) create.reset();
    draft.change(toDraft(next));
  }

  function validate(v: Values): Partial<Record<FieldName, string>> {
    const errors: Partial<Record<FieldName, string>> = {};
    if (!v.title.trim()) errors.title = t('newThread.titleRequired');
    else if (v.title.trim().length > MAX_TITLE) errors.title = t('newThread.titleTooLong');
    if (!v.kind) errors.kind = t('newThread.kindRequired');
    if (!v.categoryId) errors.categoryId = t('newThread.categoryRequired');
    const length = textLength(v.body.trim());
    if (length === 0) errors.body = t('newThread.bodyRequired');
    else if (length > MAX_POST_LENGTH) errors.body = t('composer.bodyTooLong');
    return errors;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate(values);
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    if (Object.keys(errors).length > 0 || !values.kind) {
      create.reset();
      return;
    }
    await draft.settle();
    create.mutate(
      {
        title: values.title.trim(),
        kind: values.kind,
        categoryId: values.categoryId,
        body: values.body,
        ...(values.attachments.length > 0 ? { attachments: idsOf(values.attachments) } : {}),
      },
      {
        onSuccess: (thread) => {
          draft.posted();
          navigate(threadPath(network.slug, thread));
        },
        // The form keeps what was typed; the draft gets it too, for a reload or another device.
        onError: () => draft.change(toDraft(values)),
      },
    );
  }

  if (categories.isPending) return <Loading />;

  return (
    <div className="new-thread page--form">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={forumPath(network.slug)}>{t('thread.backToForum')}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={t('newThread.title')} />
      <Paragraph>{t('newThread.intro')}</Paragraph>
      {restored && (
        <Alert data-color="info" data-size="sm">
          {t('newThread.restored')}
        </Alert>
      )}
      <FormErrorSummary key={attempt} heading={t('newThread.errorSummary')} errors={summary} />
      {generalError && !attachmentError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError} {t('composer.keptText')}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Fieldset id={fieldId('kind')} tabIndex={-1}>
          <Fieldset.Legend>{t('newThread.kind')}</Fieldset.Legend>
          {THREAD_KINDS.map((k) => (
            <Radio
              key={k}
              name="thread-kind"
              value={k}
              label={t(`kind.${k}`)}
              description={t(`newThread.kindHelp.${k}`)}
              checked={values.kind === k}
              onChange={() => set('kind', k)}
            />
          ))}
          {fieldErrors.kind && <ValidationMessage>{fieldErrors.kind}</ValidationMessage>}
        </Fieldset>
        <Textfield
          id={fieldId('title')}
          label={values.kind === 'question' ? t('newThread.questionTitle') : t('newThread.titleLabel')}
          description={t('newThread.titleDescription')}
          value={values.title}
          onChange={(e) => set('title', e.target.value)}
          error={fieldErrors.title}
        />
        <Field>
          <Label>{t('newThread.category')}</Label>
          <Select
            id={fieldId('categoryId')}
            value={values.categoryId}
            onChange={(e) => set('categoryId', e.target.value)}
            aria-invalid={fieldErrors.categoryId ? true : undefined}
          >
            <Select.Option value="">{t('newThread.chooseCategory')}</Select.Option>
            {(categories.data ?? []).map((c) => (
              <Select.Option key={c.id} value={c.id}>
                {c.name}
              </Select.Option>
            ))}
          </Select>
          {fieldErrors.categoryId && <ValidationMessage>{fieldErrors.categoryId}</ValidationMessage>}
        </Field>
        <MarkdownEditor
          ref={editor}
          id={fieldId('body')}
          label={values.kind === 'question' ? t('newThread.questionBody') : t('newThread.body')}
          description={t('newThread.bodyDescription')}
          value={values.body}
          onChange={(body) => set('body', body)}
          error={fieldErrors.body}
          mentionSlug={network.slug}
          rows={10}
        />
        <AttachmentField
          id={fieldId('attachments')}
          networkSlug={network.slug}
          value={values.attachments}
          onChange={(next) => set('attachments', next)}
          error={fieldErrors.attachments}
          itemErrors={attachmentError?.items}
        />
        <div className="actions">
          <Button type="submit" loading={create.isPending}>
            {create.isPending
              ? t('newThread.submitting')
              : values.kind === 'question'
                ? t('newThread.submitQuestion')
                : t('newThread.submit')}
          </Button>
          {(values.title.trim() !== '' || values.body.trim() !== '' || values.attachments.length > 0 || draft.savedAt) && (
            <Button type="button" variant="tertiary" aria-haspopup="dialog" onClick={() => setDiscardOpen(true)}>
              {t('composer.discard')}
            </Button>
          )}
          <DraftStatus state={draft.state} savedAt={draft.savedAt} />
        </div>
      </form>
      <ConfirmDialog
        open={discardOpen}
        onClose={() => setDiscardOpen(false)}
        onConfirm={() => {
          setDiscardOpen(false);
          setValues((v) => ({ ...v, title: '', body: '', attachments: [] }));
          setRestored(false);
          void draft.discard();
          document.getElementById(fieldId('title'))?.focus();
        }}
        title={t('composer.discardTitle')}
        confirmLabel={t('composer.discardConfirm')}
      >
        {t('composer.discardBody')}
      </ConfirmDialog>
    </div>
  );
}

function toDraft(v: Values): DraftInput {
  return {
    title: v.title,
    body: v.body,
    ...(v.kind ? { kind: v.kind } : {}),
    ...(v.categoryId ? { categoryId: v.categoryId } : {}),
    ...draftAttachments(v.attachments),
  };
}
