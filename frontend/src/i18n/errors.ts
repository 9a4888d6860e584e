import type { TFunction } from 'i18next';
import { isApiError, type FieldError } from '../lib/api-error';

// Server error codes the UI has its own words for. Anything else gets errors.generic.
const KNOWN_CODES = [
  'auth.invalid_credentials',
  'auth.required',
  'auth.token_invalid',
  'auth.token_expired',
  'auth.refresh_invalid',
  'validation.failed',
  'request.malformed',
  'request.too_large',
  'route.not_found',
  'internal',
  'unavailable',
  'network',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnown(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/** The user-facing text for any error thrown by the API client (or anything else). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.code === 'auth.too_many_attempts') {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return t('errors.auth.too_many_attempts', { count: minutes });
  }
  return isKnown(error.code) ? t(`errors.${error.code}`) : t('errors.generic');
}

const FIELD_CODES = ['required', 'invalid', 'too_long', 'too_short', 'not_allowed'] as const;
type FieldCode = (typeof FIELD_CODES)[number];

/** Text for one field error: a field-specific text if we have one, else the general one. */
export function fieldErrorMessage(t: TFunction, error: Pick<FieldError, 'field' | 'code'>): string {
  const specific = `fields.${error.field}.${error.code}`;
  if (t(specific as never, { defaultValue: '' }) !== '') return t(specific as never);
  return (FIELD_CODES as readonly string[]).includes(error.code)
    ? t(`fieldErrors.${error.code as FieldCode}`)
    : t('fieldErrors.invalid');
}
