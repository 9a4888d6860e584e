import type { TFunction } from 'i18next';
import { errorMessage, fieldErrorMessage, type FieldScope } from '../i18n/errors';
import { isApiError } from '../lib/api-error';
import type { FieldMessage } from './FormErrorSummary';

type Options<F extends string> = {
  t: TFunction;
  /** The form's fields, in the order they appear. */
  fields: readonly F[];
  /** The id of each field's input, for the error summary's links. */
  idOf: (field: F) => string;
  /** Errors found before sending. */
  clientErrors: Partial<Record<F, string>>;
  /** What the last submit failed with, if it did. */
  error: unknown;
  scope?: FieldScope;
  /** Problem codes that belong to one field, e.g. network.slug_taken → slug. */
  codeFields?: Partial<Record<string, F>>;
};

export type FormErrors<F extends string> = {
  fieldErrors: Partial<Record<F, string>>;
  summary: FieldMessage[];
  /** A message for the whole form, when the failure is not about one field. */
  generalError: string | undefined;
};

/**
 * Puts the server's field errors next to the fields (and in the summary), and
 * anything else in one general message. Client-side errors win over the server's.
 */
export function formErrors<F extends string>(o: Options<F>): FormErrors<F> {
  const { t, fields, idOf, clientErrors, error, scope, codeFields = {} } = o;
  const fieldErrors: Partial<Record<F, string>> = { ...clientErrors };
  const isField = (f: string): f is F => (fields as readonly string[]).includes(f);
  let placed = false;
  if (isApiError(error)) {
    if (error.code === 'validation.failed') {
      for (const e of error.fieldErrors) {
        if (!isField(e.field)) continue;
        fieldErrors[e.field] ??= fieldErrorMessage(t, e, scope);
        placed = true;
      }
    }
    const field = codeFields[error.code];
    if (field) {
      fieldErrors[field] ??= errorMessage(t, error);
      placed = true;
    }
  }
  const summary = fields.flatMap((f) => {
    const message = fieldErrors[f];
    return message ? [{ id: idOf(f), message }] : [];
  });
  const generalError = error && !placed ? errorMessage(t, error) : undefined;
  return { fieldErrors, summary, generalError };
}
