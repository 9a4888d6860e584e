import '../i18n';
import '../library.css';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { formErrors } from '../../../components/form-errors';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { isLicence, isResourceKind, type NetworkView, type ResourceView } from '../../../lib/api-types';
import { TabHeading, useNetworkContext } from '../../networks/context';
import { useResource, useUpdateResource } from '../api';
import {
  DESCRIBE_FIELDS,
  ResourceFields,
  describeFieldId,
  toInput,
  validateDescription,
  type DescribeValues,
} from '../components/ResourceFields';
import { LIBRARY_NS } from '../i18n';
import { libraryPath, resourcePath } from '../paths';

const FIELDS = ['link', ...DESCRIBE_FIELDS] as const;
type FieldName = (typeof FIELDS)[number];
const fieldId = (f: FieldName) => (f === 'link' ? 'resource-link' : describeFieldId(f));

/** /nettverk/<slug>/bibliotek/<id>/endre: change a resource's description (its uploader and the moderators). */
export default function EditResourcePage() {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const { network } = useNetworkContext();
  const { resourceId = '' } = useParams();
  const resource = useResource(resourceId);
  if (resource.isPending) return <Loading />;
  if (resource.isError || !resource.data.permissions.edit) {
    return (
      <div className="resource">
        <TabHeading title={t('edit.title')} />
        <Alert data-color={resource.isError ? 'danger' : 'info'} role={resource.isError ? 'alert' : undefined}>
          {resource.isError ? errorMessage(tc, resource.error) : tc('errors.library.not_uploader')}
        </Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to={libraryPath(network.slug)}>{t('backToLibrary')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }
  return <EditForm key={resource.data.id} resource={resource.data} network={network} />;
}

function initial(r: ResourceView): DescribeValues {
  return {
    title: r.title,
    description: r.description,
    kind: isResourceKind(r.kind) ? r.kind : '',
    topics: r.topics,
    otherOrg: false,
    org: null,
    year: r.year ? String(r.year) : '',
    licence: isLicence(r.licence) ? r.licence : '',
  };
}

function EditForm({ resource: r, network }: { resource: ResourceView; network: NetworkView }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateResource(r.id);
  const [values, setValues] = useState<DescribeValues>(() => initial(r));
  const [link, setLink] = useState(r.link ?? '');
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const isLink = !r.file;

  const { fieldErrors, summary, generalError } = formErrors({
    t: tc,
    fields: FIELDS,
    idOf: fieldId,
    clientErrors,
    error: update.error,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const errors: Partial<Record<FieldName, string>> = validateDescription(t, values);
    if (isLink) {
      const l = link.trim();
      if (!l) errors.link = t('form.linkRequired');
      else if (!/^https?:\/\/[^\s/]+/i.test(l)) errors.link = t('form.linkInvalid');
    }
    setClientErrors(errors);
    setAttempt((n) => n + 1);
    update.reset();
    if (Object.keys(errors).length > 0) return;
    update.mutate(toInput(isLink ? { ...values, link } : values, r.orgId), {
      onSuccess: (view) => navigate(resourcePath(network.slug, view.id)),
    });
  }

  return (
    <div className="resource page--form">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={resourcePath(network.slug, r.id)}>{t('edit.back', { title: r.title })}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={t('edit.title')} />
      <FormErrorSummary key={attempt} heading={t('form.errorSummary')} errors={summary} />
      {generalError && (
        <Alert data-color="danger" role="alert" key={`general-${attempt}`}>
          {generalError} {t('form.kept')}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={submit}>
        {isLink && (
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
        <ResourceFields
          values={values}
          onChange={(change) => setValues((v) => ({ ...v, ...change }))}
          errors={fieldErrors}
          ownerName={r.orgName}
          mode="edit"
        />
        <div className="actions">
          <Button type="submit" loading={update.isPending}>
            {update.isPending ? t('edit.saving') : t('edit.save')}
          </Button>
          <Button asChild variant="tertiary">
            <RouterLink to={resourcePath(network.slug, r.id)}>{tc('common.cancel')}</RouterLink>
          </Button>
        </div>
      </form>
    </div>
  );
}
