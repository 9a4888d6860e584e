import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Field,
  Heading,
  Label,
  Link,
  Paragraph,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { formErrors } from '../../../components/form-errors';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { errorMessage } from '../../../i18n/errors';
import { isLanguage, LANGUAGES, type Language } from '../../../i18n/language';
import { isApiError } from '../../../lib/api-error';
import { JOB_FIELDS, isJobField, type InvitationPreview, type JobField, type Org } from '../../../lib/api-types';
import { formatDate } from '../../../lib/format';
import { useLogout } from '../../auth/api';
import { OrgPicker } from '../../orgs/OrgPicker';
import { useAcceptInvitation, useInvitationPreview, useRegisterWithInvitation } from '../api';

/** Codes that mean "this link cannot be used", each with its own explanation. */
const UNUSABLE = new Set([
  'network.invitation_invalid',
  'network.invitation_used',
  'network.invitation_revoked',
  'network.invitation_expired',
]);

export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { state, user } = useAuth();
  const preview = useInvitationPreview(token);
  // Lives here, not in the form: logging in after registering changes the auth
  // state, and the form must stay until we move on to the network.
  const register = useRegisterWithInvitation(token, preview.data?.email ?? '');
  const registering = register.isPending || register.isSuccess;
  const joinedSlug = register.data;

  useEffect(() => {
    if (joinedSlug) navigate(`/nettverk/${joinedSlug}`, { replace: true });
  }, [joinedSlug, navigate]);

  if (preview.isPending || state.status === 'loading') return <Loading />;
  if (preview.isError) {
    const unusable = isApiError(preview.error) && UNUSABLE.has(preview.error.code);
    return (
      <div className="page page--narrow">
        <PageHeading title={unusable ? t('invitationPage.unusableTitle') : t('errorPage.title')} />
        <Alert data-color={unusable ? 'warning' : 'danger'}>{errorMessage(t, preview.error)}</Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/">{t('invitationPage.goHome')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }

  const inv = preview.data;
  let body;
  if (registering || (state.status === 'anonymous' && !inv.hasAccount)) {
    body = <Register token={token} invitation={inv} register={register} />;
  } else if (state.status === 'anonymous') {
    body = <LoginFirst token={token} invitation={inv} />;
  } else if (user && inv.alreadyMember) {
    body = <AlreadyMember invitation={inv} />;
  } else if (user) {
    body = <Accept token={token} invitation={inv} email={user.email} />;
  } else {
    body = <Loading />;
  }

  return (
    <div className="page page--narrow">
      <PageHeading title={t('invitationPage.title')}>
        {t('invitationPage.heading', { network: inv.networkName })}
      </PageHeading>
      <Paragraph data-size="lg">
        {t('invitationPage.invitedBy', {
          name: inv.invitedBy || t('invitationPage.someone'),
          email: inv.email,
          network: inv.networkName,
        })}
      </Paragraph>
      <Paragraph>{t('invitationPage.validUntil', { date: formatDate(inv.expiresAt) })}</Paragraph>
      {body}
    </div>
  );
}

/** The link was opened by someone who is in the network already: nothing to accept. */
function AlreadyMember({ invitation: inv }: { invitation: InvitationPreview }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="member-title" className="panel">
      <Heading level={2} data-size="sm" id="member-title">
        {t('invitationPage.alreadyMemberTitle')}
      </Heading>
      <Paragraph>{t('invitationPage.alreadyMember', { network: inv.networkName })}</Paragraph>
      <div className="actions">
        <Button asChild>
          <RouterLink to={`/nettverk/${inv.networkSlug}`}>{t('invitationPage.goToNetwork')}</RouterLink>
        </Button>
      </div>
    </section>
  );
}

function Accept({ token, invitation: inv, email }: { token: string; invitation: InvitationPreview; email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  const logout = useLogout();
  const otherEmail =
    email.trim().toLowerCase() !== inv.email.trim().toLowerCase() ||
    (isApiError(accept.error) && accept.error.code === 'network.invitation_other_email');

  if (otherEmail) {
    return (
      <section aria-labelledby="accept-title" className="panel">
        <Heading level={2} data-size="sm" id="accept-title">
          {t('invitationPage.otherEmailTitle')}
        </Heading>
        <Alert data-color="warning">{t('invitationPage.otherEmail', { email: inv.email, current: email })}</Alert>
        <div className="actions">
          <Button variant="secondary" loading={logout.isPending} onClick={() => logout.mutate()}>
            {t('invitationPage.logout')}
          </Button>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="accept-title" className="panel">
      <Heading level={2} data-size="sm" id="accept-title">
        {t('invitationPage.acceptTitle')}
      </Heading>
      <Paragraph>{t('invitationPage.acceptBody', { email })}</Paragraph>
      {accept.error && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, accept.error)}
        </Alert>
      )}
      <div className="actions">
        <Button
          loading={accept.isPending}
          onClick={() => accept.mutate(undefined, { onSuccess: (n) => navigate(`/nettverk/${n.slug}`, { replace: true }) })}
        >
          {accept.isPending ? t('invitationPage.accepting') : t('invitationPage.accept')}
        </Button>
      </div>
    </section>
  );
}

function LoginFirst({ token, invitation: inv }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const next = encodeURIComponent(`/invitasjon/${token}`);
  return (
    <section aria-labelledby="login-title" className="panel">
      <Heading level={2} data-size="sm" id="login-title">
        {t('invitationPage.loginTitle')}
      </Heading>
      <Paragraph>{t('invitationPage.loginBody', { email: inv.email })}</Paragraph>
      <div className="actions">
        <Button asChild>
          <RouterLink to={`/logg-inn?neste=${next}`}>{t('invitationPage.login')}</RouterLink>
        </Button>
      </div>
    </section>
  );
}

const FIELDS = ['name', 'password', 'orgId', 'jobField', 'jobTitle', 'language'] as const;
type FieldName = (typeof FIELDS)[number];
const fieldId = (f: FieldName) => `register-${f}`;

type Values = { name: string; password: string; org: Org | null; jobField: JobField | ''; jobTitle: string; language: Language };

function Register({
  token,
  invitation: inv,
  register,
}: {
  token: string;
  invitation: InvitationPreview;
  register: ReturnType<typeof useRegisterWithInvitation>;
}) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Values>(() => ({
    name: '',
    password: '',
    org: null,
    jobField: '',
    jobTitle: '',
    language: isLanguage(i18n.language) ? i18n.language : 'nb',
  }));
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);

  const { fieldErrors, summary, generalError } = formErrors({
    t,
    fields: FIELDS,
    idOf: fieldId,
    clientErrors,
    error: register.error,
    scope: 'registrationFields',
  });
  const accountExists =
    isApiError(register.error) &&
    (register.error.code === 'user.email_taken' || register.error.code === 'network.invitation_login');

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Partial<Record<FieldName, string>> = {};
    if (!values.name.trim()) errors.name = t('registrationFields.name.required');
    if ([...values.password].length < 10) errors.password = t('registrationFields.password.too_short');
    if (!values.org) errors.orgId = t('registrationFields.orgId.required');
    if (!values.jobField) errors.jobField = t('registrationFields.jobField.required');
    if (values.jobTitle.trim().length > 120) errors.jobTitle = t('registrationFields.jobTitle.too_long');
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    if (Object.keys(errors).length > 0 || !values.org || !values.jobField) {
      register.reset();
      return;
    }
    register.mutate({
      name: values.name.trim(),
      password: values.password,
      orgId: values.org.id,
      jobField: values.jobField,
      jobTitle: values.jobTitle.trim() || undefined,
      language: values.language,
    });
  }

  return (
    <section aria-labelledby="register-title" className="panel panel--form">
      <Heading level={2} data-size="sm" id="register-title">
        {t('invitationPage.registerTitle')}
      </Heading>
      <Paragraph>{t('invitationPage.registerIntro', { email: inv.email })}</Paragraph>
      <FormErrorSummary key={attempt} heading={t('invitationPage.errorSummary')} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError}
          {accountExists && (
            <>
              {' '}
              <Link asChild>
                <RouterLink to={`/logg-inn?neste=${encodeURIComponent(`/invitasjon/${token}`)}`}>
                  {t('invitationPage.login')}
                </RouterLink>
              </Link>
            </>
          )}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={submit}>
        <Textfield id="register-email" label={t('invitationPage.email')} value={inv.email} readOnly />
        <Textfield
          id={fieldId('name')}
          label={t('invitationPage.name')}
          autoComplete="name"
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={fieldErrors.name}
        />
        <Textfield
          id={fieldId('password')}
          type="password"
          label={t('invitationPage.password')}
          description={t('invitationPage.passwordDescription')}
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password', e.target.value)}
          error={fieldErrors.password}
        />
        <OrgPicker
          id={fieldId('orgId')}
          value={values.org}
          onChange={(org) => set('org', org)}
          error={fieldErrors.orgId}
        />
        <Field>
          <Label>{t('invitationPage.jobField')}</Label>
          <Select
            id={fieldId('jobField')}
            value={values.jobField}
            onChange={(e) => set('jobField', isJobField(e.target.value) ? e.target.value : '')}
          >
            <Select.Option value="">{t('invitationPage.chooseJobField')}</Select.Option>
            {JOB_FIELDS.map((f) => (
              <Select.Option key={f} value={f}>
                {t(`jobField.${f}`)}
              </Select.Option>
            ))}
          </Select>
          {fieldErrors.jobField && <ValidationMessage>{fieldErrors.jobField}</ValidationMessage>}
        </Field>
        <Textfield
          id={fieldId('jobTitle')}
          label={t('invitationPage.jobTitle')}
          autoComplete="organization-title"
          value={values.jobTitle}
          onChange={(e) => set('jobTitle', e.target.value)}
          error={fieldErrors.jobTitle}
        />
        <Field>
          <Label>{t('invitationPage.language')}</Label>
          <Select
            id={fieldId('language')}
            value={values.language}
            onChange={(e) => {
              if (isLanguage(e.target.value)) set('language', e.target.value);
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
          <Button type="submit" loading={register.isPending || register.isSuccess}>
            {register.isPending || register.isSuccess ? t('invitationPage.submitting') : t('invitationPage.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
