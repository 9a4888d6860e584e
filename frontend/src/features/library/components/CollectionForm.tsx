import { useState, type FormEvent } from 'react';
import { Alert, Button, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { formErrors } from '../../../components/form-errors';
import { LIBRARY_NS } from '../i18n';

const FIELDS = ['name', 'description'] as const;
type FieldName = (typeof FIELDS)[number];
const fieldId = (f: FieldName) => `collection-${f}`;
// The server's limits (library.go).
const MAX_NAME = 100;
const MAX_DESCRIPTION = 1000;

export type CollectionValues = { name: string; description: string };

type Props = {
  initial: CollectionValues;
  submitLabel: string;
  pending: boolean;
  /** What the last save failed with. */
  error: unknown;
  onSubmit: (values: CollectionValues) => void;
  onCancel?: () => void;
};

/** A collection's name and description, for making one and for changing it. */
export function CollectionForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const { fieldErrors, summary, generalError } = formErrors({ t: tc, fields: FIELDS, idOf: fieldId, clientErrors, error });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const errors: Partial<Record<FieldName, string>> = {};
    const name = values.name.trim();
    if (!name) errors.name = t('collections.nameRequired');
    else if ([...name].length > MAX_NAME) errors.name = t('collections.nameTooLong', { max: MAX_NAME });
    if ([...values.description].length > MAX_DESCRIPTION) {
      errors.description = t('collections.descriptionTooLong', { max: MAX_DESCRIPTION });
    }
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    if (Object.keys(errors).length > 0) return;
    onSubmit({ name, description: values.description.trim() });
  }

  return (
    <>
      <FormErrorSummary key={attempt} heading={t('form.errorSummary')} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError} {t('form.kept')}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={submit}>
        <Textfield
          id={fieldId('name')}
          label={t('collections.name')}
          description={t('collections.nameDescription')}
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          error={fieldErrors.name}
        />
        <Textfield
          id={fieldId('description')}
          multiline
          rows={3}
          label={t('collections.description')}
          value={values.description}
          onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
          error={fieldErrors.description}
        />
        <div className="actions">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button type="button" variant="tertiary" onClick={onCancel}>
              {tc('common.cancel')}
            </Button>
          )}
        </div>
      </form>
    </>
  );
}
