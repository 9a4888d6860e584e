import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { safeNext } from '../../../app/RequireAuth';
import { PageHeading } from '../../../components/PageHeading';
import { Loading } from '../../../components/Loading';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { errorMessage, fieldErrorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import { useLogin } from '../api';

type Field = 'email' | 'password';
const FIELDS: Field[] = ['email', 'password'];
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

export default function LoginPage() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const location = useLocation();
  const [params] = useSearchParams();
  const login = useLogin();

  // What the user typed stays, whatever the server answers.
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '' });
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const [attempt, setAttempt] = useState(0);

  if (state.status === 'authenticated') return <Navigate to={safeNext(params.get('neste'))} replace />;
  if (state.status === 'loading') return <Loading />;

  const serverFieldErrors =
    isApiError(login.error) && login.error.code === 'validation.failed' ? login.error.fieldErrors : [];
  const fieldErrors: Partial<Record<Field, string>> = { ...clientErrors };
  for (const e of serverFieldErrors) {
    if ((FIELDS as string[]).includes(e.field)) fieldErrors[e.field as Field] ??= fieldErrorMessage(t, e);
  }
  const summary = FIELDS.flatMap((f) => (fieldErrors[f] ? [{ id: `login-${f}`, message: fieldErrors[f] }] : []));
  const generalError =
    login.error && !(serverFieldErrors.length > 0 && summary.length > 0) ? errorMessage(t, login.error) : undefined;
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut === true;
  const wantedPage = params.has('neste');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    const email = values.email.trim();
    if (!email) errors.email = t('fields.email.required');
    else if (!EMAIL_PATTERN.test(email)) errors.email = t('fields.email.invalid');
    if (!values.password) errors.password = t('fields.password.required');
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    if (Object.keys(errors).length > 0) {
      login.reset();
      return;
    }
    login.mutate({ email, password: values.password });
  }

  const set = (field: Field) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  return (
    <div className="page page--narrow">
      <PageHeading title={t('login.title')} />
      {loggedOut && !login.error && attempt === 0 && (
        <Alert data-color="success" role="status">
          {t('login.loggedOut')}
        </Alert>
      )}
      {!loggedOut && wantedPage && attempt === 0 && <Alert data-color="info">{t('login.sessionExpired')}</Alert>}
      <Paragraph>{t('login.intro')}</Paragraph>
      <FormErrorSummary key={attempt} heading={t('login.errorSummary')} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield
          id="login-email"
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={values.email}
          onChange={set('email')}
          error={fieldErrors.email}
        />
        <Textfield
          id="login-password"
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={values.password}
          onChange={set('password')}
          error={fieldErrors.password}
        />
        <div className="actions">
          <Button type="submit" loading={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
