import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Radio,
  Switch,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { MarkdownHelp } from '../../../components/MarkdownHelp';
import { formErrors } from '../../../components/form-errors';
import { MAX_TOPICS, TOPICS, VISIBILITIES, type Topic, type Visibility } from '../../../lib/api-types';
import { useCounties } from '../../orgs/api';
import { SLUG_PATTERN, slugify } from '../slug';

export type NetworkFormValues = {
  name: string;
  slug: string;
  description: string;
  topics: Topic[];
  national: boolean;
  counties: string[];
  visibility: Visibility | '';
};

export const EMPTY_NETWORK: NetworkFormValues = {
  name: '',
  slug: '',
  description: '',
  topics: [],
  national: false,
  counties: [],
  visibility: '',
};

const FIELDS = ['name', 'slug', 'description', 'topics', 'counties', 'visibility'] as const;
type FieldName = (typeof FIELDS)[number];

type Props = {
  mode: 'create' | 'edit';
  initial: NetworkFormValues;
  /** Called with valid values; the form keeps them whatever happens next. */
  onSubmit: (values: NetworkFormValues) => void;
  pending: boolean;
  /** What the last submit failed with. */
  error: unknown;
  submitLabel: string;
  submittingLabel: string;
  errorSummaryHeading: string;
  /** Shown under the button, e.g. "Endringene er lagret." */
  status?: ReactNode;
  /** Called when the user changes anything (to clear an old success message). */
  onEdit?: () => void;
};

/** Create a network, or change its settings. What the user typed survives a failed submit. */
export function NetworkForm(props: Props) {
  const { mode, initial, onSubmit, pending, error, submitLabel, submittingLabel, errorSummaryHeading, status, onEdit } =
    props;
  const { t } = useTranslation();
  const counties = useCounties();
  const [values, setValues] = useState<NetworkFormValues>(initial);
  const [slugEdited, setSlugEdited] = useState(mode === 'edit');
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);

  const firstCounty = counties.data?.[0]?.number ?? '';
  const idOf = (f: FieldName) => {
    switch (f) {
      case 'topics':
        return `network-topic-${TOPICS[0]}`;
      case 'counties':
        return values.national || !firstCounty ? 'network-national' : `network-county-${firstCounty}`;
      case 'visibility':
        return `network-visibility-${VISIBILITIES[0]}`;
      default:
        return `network-${f}`;
    }
  };
  const { fieldErrors, summary, generalError } = formErrors({
    t,
    fields: mode === 'edit' ? FIELDS.filter((f) => f !== 'slug') : FIELDS,
    idOf,
    clientErrors,
    error: attempt > 0 ? error : undefined,
    scope: 'networkFields',
    codeFields: { 'network.slug_taken': 'slug' },
  });

  function change(next: Partial<NetworkFormValues>) {
    setValues((v) => ({ ...v, ...next }));
    onEdit?.();
  }

  function validate(v: NetworkFormValues): Partial<Record<FieldName, string>> {
    const errors: Partial<Record<FieldName, string>> = {};
    const name = v.name.trim();
    if (!name) errors.name = t('networkFields.name.required');
    else if (name.length > 120) errors.name = t('networkFields.name.too_long');
    else if (mode === 'create' && !v.slug && !slugify(name)) errors.slug = t('networkFields.slug.invalid');
    if (mode === 'create' && v.slug && (!SLUG_PATTERN.test(v.slug) || v.slug.length > 80)) {
      errors.slug = t('networkFields.slug.invalid');
    }
    if (v.description.length > 20000) errors.description = t('networkFields.description.too_long');
    if (v.topics.length > MAX_TOPICS) errors.topics = t('networkFields.topics.too_long');
    if (!v.national && v.counties.length === 0) errors.counties = t('networkFields.counties.required');
    if (!v.visibility) errors.visibility = t('networkFields.visibility.required');
    return errors;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate(values);
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    if (Object.keys(errors).length === 0) onSubmit(values);
  }

  const toggle = <T extends string>(list: T[], item: T, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormErrorSummary key={attempt} heading={errorSummaryHeading} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError}
        </Alert>
      )}
      <Textfield
        id="network-name"
        label={t('networkForm.name')}
        description={t('networkForm.nameDescription')}
        value={values.name}
        onChange={(e) => {
          const name = e.target.value;
          change(slugEdited ? { name } : { name, slug: slugify(name) });
        }}
        error={fieldErrors.name}
        autoComplete="off"
      />
      {mode === 'create' ? (
        <Textfield
          id="network-slug"
          label={t('networkForm.slug')}
          description={
            values.slug ? t('networkForm.slugDescription', { slug: values.slug }) : t('networkForm.slugDescriptionEmpty')
          }
          value={values.slug}
          onChange={(e) => {
            setSlugEdited(true);
            change({ slug: e.target.value.toLowerCase() });
          }}
          error={fieldErrors.slug}
          autoComplete="off"
          spellCheck={false}
        />
      ) : (
        <Textfield
          id="network-slug"
          label={t('networkForm.slug')}
          description={t('networkForm.slugFixed')}
          value={values.slug}
          readOnly
        />
      )}
      <div className="field-group">
        <Textfield
          id="network-description"
          multiline
          rows={8}
          label={t('networkForm.description')}
          description={t('networkForm.descriptionDescription')}
          value={values.description}
          onChange={(e) => change({ description: e.target.value })}
          error={fieldErrors.description}
        />
        <MarkdownHelp />
      </div>

      <Fieldset>
        <Fieldset.Legend>{t('networkForm.topics')}</Fieldset.Legend>
        <Fieldset.Description>
          {t('networkForm.topicsDescription', { max: MAX_TOPICS })}{' '}
          {t('networkForm.topicsChosen', { count: values.topics.length, max: MAX_TOPICS })}
        </Fieldset.Description>
        <div className="checkbox-grid">
          {TOPICS.map((topic) => (
            <Checkbox
              key={topic}
              id={`network-topic-${topic}`}
              label={t(`topics.${topic}`)}
              value={topic}
              checked={values.topics.includes(topic)}
              onChange={(e) => change({ topics: toggle(values.topics, topic, e.target.checked) })}
            />
          ))}
        </div>
        {fieldErrors.topics && <ValidationMessage>{fieldErrors.topics}</ValidationMessage>}
      </Fieldset>

      <Fieldset>
        <Fieldset.Legend>{t('networkForm.region')}</Fieldset.Legend>
        <Fieldset.Description>{t('networkForm.regionDescription')}</Fieldset.Description>
        <Switch
          id="network-national"
          label={t('networkForm.national')}
          checked={values.national}
          onChange={(e) => change({ national: e.target.checked })}
        />
        {!values.national && (
          <Fieldset>
            <Fieldset.Legend>{t('networkForm.counties')}</Fieldset.Legend>
            <div className="checkbox-grid">
              {(counties.data ?? []).map((c) => (
                <Checkbox
                  key={c.id}
                  id={`network-county-${c.number}`}
                  label={c.name}
                  value={c.number}
                  checked={values.counties.includes(c.number ?? '')}
                  onChange={(e) => change({ counties: toggle(values.counties, c.number ?? '', e.target.checked) })}
                />
              ))}
            </div>
            {fieldErrors.counties && <ValidationMessage>{fieldErrors.counties}</ValidationMessage>}
          </Fieldset>
        )}
        {values.national && fieldErrors.counties && <ValidationMessage>{fieldErrors.counties}</ValidationMessage>}
      </Fieldset>

      <Fieldset>
        <Fieldset.Legend>{t('networkForm.visibility')}</Fieldset.Legend>
        {VISIBILITIES.map((v) => (
          <Radio
            key={v}
            id={`network-visibility-${v}`}
            name="visibility"
            value={v}
            label={t(`visibility.${v}`)}
            description={t(`visibilityHelp.${v}`)}
            checked={values.visibility === v}
            onChange={() => change({ visibility: v })}
          />
        ))}
        {fieldErrors.visibility && <ValidationMessage>{fieldErrors.visibility}</ValidationMessage>}
      </Fieldset>

      <div className="actions">
        <Button type="submit" loading={pending}>
          {pending ? submittingLabel : submitLabel}
        </Button>
      </div>
      <div role="status" className="status">
        {status}
      </div>
    </form>
  );
}
