import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Field,
  Heading,
  Label,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../components/PageHeading';
import { Loading } from '../../../components/Loading';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isLanguage, LANGUAGES } from '../../../i18n/language';
import { isApiError } from '../../../lib/api-error';
import { JOB_FIELDS, type JobField, type Me, type UpdateMe } from '../../../lib/api-types';
import { formatDate } from '../../../lib/format';
import { useUpdateMe } from '../api';

type Values = Required<Pick<UpdateMe, 'name' | 'jobTitle' | 'jobField' | 'language'>>;
type FieldName = keyof Values;
const FIELDS: FieldName[] = ['name', 'jobTitle', 'jobField', 'language'];
const fieldId = (f: FieldName) => `profile-${f}`;

function isJobField(value: string): value is JobField {
  return (JOB_FIELDS as readonly string[]).includes(value);
}

export default function MinSidePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return <Loading />;

  return (
    <div className="page">
      <PageHeading title={t('minSide.title')} />
      <div className="min-side">
        <About user={user} />
        <Organisation user={user} />
        <ProfileForm user={user} />
      </div>
    </div>
  );
}

function About({ user }: { user: Me }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="min-side-about" className="panel">
      <Heading level={2} data-size="sm" id="min-side-about">
        {user.name}
      </Heading>
      <dl className="facts">
        <dt>{t('minSide.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('minSide.jobTitle')}</dt>
        <dd>{user.jobTitle || t('minSide.notSet')}</dd>
        <dt>{t('minSide.jobField')}</dt>
        <dd>{t(`jobField.${user.jobField}`)}</dd>
        <dt>{t('minSide.role')}</dt>
        <dd>{t(`siteRole.${user.siteRole}`)}</dd>
        <dt>{t('minSide.language')}</dt>
        <dd>{t(`language.${user.language}`)}</dd>
        <dt>{t('minSide.memberSince')}</dt>
        <dd>{formatDate(user.createdAt)}</dd>
      </dl>
    </section>
  );
}

function Organisation({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { org } = user;
  return (
    <section aria-labelledby="min-side-org" className="panel">
      <Heading level={2} data-size="sm" id="min-side-org">
        {t('minSide.orgTitle')}
      </Heading>
      <dl className="facts">
        <dt>{t('minSide.orgName')}</dt>
        <dd>{org.name}</dd>
        <dt>{t('minSide.orgKind')}</dt>
        <dd>{t(`orgKind.${org.kind}`)}</dd>
        {org.number && org.kind === 'municipality' && (
          <>
            <dt>{t('minSide.municipalityNumber')}</dt>
            <dd>{org.number}</dd>
          </>
        )}
        {org.number && org.kind === 'county' && (
          <>
            <dt>{t('minSide.countyNumber')}</dt>
            <dd>{org.number}</dd>
          </>
        )}
        {org.countyName && org.kind !== 'county' && (
          <>
            <dt>{t('minSide.county')}</dt>
            <dd>{org.countyName}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ProfileForm({ user }: { user: Me }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  // Only what the user has changed is kept here; the rest shows the saved profile.
  // A failed save keeps these edits; a successful one clears them.
  const [edits, setEdits] = useState<Partial<Values>>({});
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);

  const values: Values = {
    name: edits.name ?? user.name,
    jobTitle: edits.jobTitle ?? user.jobTitle,
    jobField: edits.jobField ?? user.jobField,
    language: edits.language ?? user.language,
  };

  function edit<K extends FieldName>(field: K, value: Values[K]) {
    setEdits((e) => ({ ...e, [field]: value }));
    if (update.isSuccess) update.reset();
  }

  const serverFieldErrors =
    isApiError(update.error) && update.error.code === 'validation.failed' ? update.error.fieldErrors : [];
  const fieldErrors: Partial<Record<FieldName, string>> = { ...clientErrors };
  for (const e of serverFieldErrors) {
    if ((FIELDS as string[]).includes(e.field)) fieldErrors[e.field as FieldName] ??= fieldErrorMessage(t, e);
  }
  const summary = FIELDS.flatMap((f) => (fieldErrors[f] ? [{ id: fieldId(f), message: fieldErrors[f] }] : []));
  const generalError =
    update.error && !(serverFieldErrors.length > 0 && summary.length > 0) ? errorMessage(t, update.error) : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Partial<Record<FieldName, string>> = {};
    if (!values.name.trim()) errors.name = t('fields.name.required');
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    if (Object.keys(errors).length > 0) {
      update.reset();
      return;
    }
    update.mutate(
      { ...values, name: values.name.trim(), jobTitle: values.jobTitle.trim() },
      { onSuccess: () => setEdits({}) },
    );
  }

  return (
    <section aria-labelledby="min-side-form" className="panel panel--form">
      <Heading level={2} data-size="sm" id="min-side-form">
        {t('minSide.formTitle')}
      </Heading>
      <FormErrorSummary key={attempt} heading={t('minSide.errorSummary')} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert">
          {generalError}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield
          id={fieldId('name')}
          label={t('minSide.name')}
          autoComplete="name"
          value={values.name}
          onChange={(e) => edit('name', e.target.value)}
          error={fieldErrors.name}
        />
        <Textfield
          id={fieldId('jobTitle')}
          label={t('minSide.jobTitle')}
          autoComplete="organization-title"
          value={values.jobTitle}
          onChange={(e) => edit('jobTitle', e.target.value)}
          error={fieldErrors.jobTitle}
        />
        <Field>
          <Label>{t('minSide.jobField')}</Label>
          <Select
            id={fieldId('jobField')}
            value={values.jobField}
            onChange={(e) => {
              if (isJobField(e.target.value)) edit('jobField', e.target.value);
            }}
          >
            {JOB_FIELDS.map((f) => (
              <Select.Option key={f} value={f}>
                {t(`jobField.${f}`)}
              </Select.Option>
            ))}
          </Select>
          {fieldErrors.jobField && <ValidationMessage>{fieldErrors.jobField}</ValidationMessage>}
        </Field>
        <Field>
          <Label>{t('minSide.language')}</Label>
          <Field.Description>{t('minSide.languageDescription')}</Field.Description>
          <Select
            id={fieldId('language')}
            value={values.language}
            onChange={(e) => {
              if (isLanguage(e.target.value)) edit('language', e.target.value);
            }}
          >
            {LANGUAGES.map((lang) => (
              <Select.Option key={lang} value={lang} lang={lang}>
                {t(`language.${lang}`)}
              </Select.Option>
            ))}
          </Select>
          {fieldErrors.language && <ValidationMessage>{fieldErrors.language}</ValidationMessage>}
        </Field>
        <div className="actions">
          <Button type="submit" loading={update.isPending}>
            {update.isPending ? t('minSide.saving') : t('minSide.save')}
          </Button>
        </div>
        <div role="status" className="status">
          {update.isSuccess && <Alert data-color="success">{t('minSide.saved')}</Alert>}
        </div>
      </form>
    </section>
  );
}
