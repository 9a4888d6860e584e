import { Checkbox, Fieldset, Paragraph, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MarkdownHelp } from '../../../components/MarkdownHelp';
import {
  LICENCES,
  MAX_TOPICS,
  RESOURCE_KINDS,
  TOPICS,
  type Licence,
  type Org,
  type ResourceInput,
  type ResourceKind,
} from '../../../lib/api-types';
import { OrgPicker } from '../../orgs/OrgPicker';
import { LIBRARY_NS } from '../i18n';

/** What describes a resource, as the form holds it. */
export type DescribeValues = {
  title: string;
  description: string;
  kind: ResourceKind | '';
  topics: string[];
  /** Owned by another organisation than the default (mine, or the owner it has). */
  otherOrg: boolean;
  org: Org | null;
  year: string;
  licence: Licence | '';
};

export const emptyDescription: DescribeValues = {
  title: '',
  description: '',
  kind: '',
  topics: [],
  otherOrg: false,
  org: null,
  year: '',
  licence: '',
};

/** The description's fields, in the order the form shows them. */
export const DESCRIBE_FIELDS = ['title', 'description', 'kind', 'topics', 'orgId', 'year', 'licence'] as const;
export type DescribeField = (typeof DESCRIBE_FIELDS)[number];
export const describeFieldId = (f: DescribeField) => (f === 'orgId' ? 'resource-org' : `resource-${f}`);

// The server's limits (library.go).
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 10_000;
const MIN_YEAR = 1900;

export function validateDescription(t: TFunction<typeof LIBRARY_NS>, v: DescribeValues, now = new Date()) {
  const errors: Partial<Record<DescribeField, string>> = {};
  const title = v.title.trim();
  if (!title) errors.title = t('form.titleRequired');
  else if ([...title].length > MAX_TITLE) errors.title = t('form.titleTooLong', { max: MAX_TITLE });
  if ([...v.description].length > MAX_DESCRIPTION) errors.description = t('form.descriptionTooLong', { max: MAX_DESCRIPTION });
  if (!v.kind) errors.kind = t('form.kindRequired');
  if (v.topics.length > MAX_TOPICS) errors.topics = t('form.topicsTooMany', { max: MAX_TOPICS });
  if (v.otherOrg && !v.org) errors.orgId = t('form.orgRequired');
  const year = v.year.trim();
  const maxYear = now.getFullYear() + 10;
  if (year && !(/^\d{4}$/.test(year) && Number(year) >= MIN_YEAR && Number(year) <= maxYear)) {
    errors.year = t('form.yearInvalid', { min: MIN_YEAR, max: maxYear });
  }
  if (!v.licence) errors.licence = t('form.licenceRequired');
  return errors;
}

/** The API's input from the form; `orgId` is left out to keep the default owner. */
export function toInput(v: DescribeValues & { link?: string }, keepOrgId?: string): ResourceInput {
  const orgId = v.otherOrg && v.org ? v.org.id : keepOrgId;
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    kind: v.kind as ResourceKind,
    topics: v.topics,
    licence: v.licence as Licence,
    ...(v.year.trim() ? { year: Number(v.year.trim()) } : {}),
    ...(orgId ? { orgId } : {}),
    ...(v.link !== undefined ? { link: v.link.trim() } : {}),
  };
}

type Props = {
  values: DescribeValues;
  onChange: (change: Partial<DescribeValues>) => void;
  errors: Partial<Record<DescribeField, string>>;
  /** Who owns the resource unless another organisation is chosen. */
  ownerName: string;
  /** A new resource (the owner is mine by default) or one being changed (it keeps its owner). */
  mode: 'new' | 'edit';
};

/** Title, description, kind, topics, owner, year and licence: the same for a file, a link and an edit. */
export function ResourceFields({ values, onChange, errors, ownerName, mode }: Props) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  return (
    <>
      <Textfield
        id={describeFieldId('title')}
        label={t('form.title')}
        description={t('form.titleDescription')}
        value={values.title}
        onChange={(e) => onChange({ title: e.target.value })}
        error={errors.title}
      />
      <div className="field-group">
        <Textfield
          id={describeFieldId('description')}
          multiline
          rows={6}
          label={t('form.description')}
          description={t('form.descriptionDescription')}
          value={values.description}
          onChange={(e) => onChange({ description: e.target.value })}
          error={errors.description}
        />
        <MarkdownHelp />
      </div>
      <Fieldset id={describeFieldId('kind')} tabIndex={-1}>
        <Fieldset.Legend>{t('form.kind')}</Fieldset.Legend>
        {RESOURCE_KINDS.map((k) => (
          <Radio
            key={k}
            name="resource-kind"
            value={k}
            label={t(`kind.${k}`)}
            checked={values.kind === k}
            onChange={() => onChange({ kind: k })}
          />
        ))}
        {errors.kind && <ValidationMessage>{errors.kind}</ValidationMessage>}
      </Fieldset>
      <Fieldset id={describeFieldId('topics')} tabIndex={-1}>
        <Fieldset.Legend>{t('form.topics')}</Fieldset.Legend>
        <Fieldset.Description>
          {t('form.topicsDescription', { max: MAX_TOPICS })}{' '}
          {t('form.topicsChosen', { count: values.topics.length, max: MAX_TOPICS })}
        </Fieldset.Description>
        <div className="checkbox-grid">
          {TOPICS.map((topic) => (
            <Checkbox
              key={topic}
              id={`resource-topic-${topic}`}
              label={tc(`topics.${topic}`)}
              value={topic}
              checked={values.topics.includes(topic)}
              onChange={(e) =>
                onChange({
                  topics: e.target.checked ? [...values.topics, topic] : values.topics.filter((x) => x !== topic),
                })
              }
            />
          ))}
        </div>
        {errors.topics && <ValidationMessage>{errors.topics}</ValidationMessage>}
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('form.owner')}</Fieldset.Legend>
        <Paragraph data-size="sm">
          {mode === 'new' ? t('form.ownerMine', { name: ownerName }) : t('form.ownerNow', { name: ownerName })}
        </Paragraph>
        <Checkbox
          id="resource-other-org"
          label={t('form.otherOrg')}
          checked={values.otherOrg}
          onChange={(e) => onChange({ otherOrg: e.target.checked })}
        />
        {values.otherOrg && (
          <OrgPicker id={describeFieldId('orgId')} value={values.org} onChange={(org) => onChange({ org })} error={errors.orgId} />
        )}
        {!values.otherOrg && errors.orgId && <ValidationMessage>{errors.orgId}</ValidationMessage>}
      </Fieldset>
      <Textfield
        id={describeFieldId('year')}
        label={t('form.year')}
        description={t('form.yearDescription')}
        inputMode="numeric"
        autoComplete="off"
        value={values.year}
        onChange={(e) => onChange({ year: e.target.value })}
        error={errors.year}
      />
      <Fieldset id={describeFieldId('licence')} tabIndex={-1}>
        <Fieldset.Legend>{t('form.licence')}</Fieldset.Legend>
        {LICENCES.map((l) => (
          <Radio
            key={l}
            name="resource-licence"
            value={l}
            label={t(`licence.${l}`)}
            description={t(`licenceHelp.${l}`)}
            checked={values.licence === l}
            onChange={() => onChange({ licence: l })}
          />
        ))}
        {errors.licence && <ValidationMessage>{errors.licence}</ValidationMessage>}
      </Fieldset>
    </>
  );
}
