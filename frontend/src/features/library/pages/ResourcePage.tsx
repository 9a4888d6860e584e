import '../i18n';
import '../library.css';
import { useState } from 'react';
import { Alert, Button, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loading } from '../../../components/Loading';
import { SafeHtml } from '../../../components/SafeHtml';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import type { NetworkView, ResourceRef, ResourceView } from '../../../lib/api-types';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { topicLabel } from '../../networks/labels';
import { TabHeading, useCanonicalPath, useNetworkContext, useSubTitle } from '../../networks/context';
import { useDeleteResource, useDownload, useResource } from '../api';
import { Discussions } from '../components/Discussions';
import { NewVersionForm } from '../components/NewVersionForm';
import { Preview } from '../components/Preview';
import { Versions } from '../components/Versions';
import { fileSummary, kindLabel, licenceLabel, previewable } from '../format';
import { LIBRARY_NS } from '../i18n';
import { collectionPath, editResourcePath, libraryPath, resourcePath } from '../paths';

/** /nettverk/<slug>/bibliotek/<id>: a resource, its file and versions, and what one may do with it. */
export default function ResourcePage() {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const { network } = useNetworkContext();
  const { resourceId = '' } = useParams();
  const resource = useResource(resourceId);
  const view = resource.data;

  useSubTitle(view?.title);
  // A resource of another network is shown under that network.
  const wrongNetwork = useCanonicalPath(view && resourcePath(view.networkSlug, view.id), resourcePath(network.slug, resourceId));

  if (resource.isPending || wrongNetwork) return <Loading />;
  if (resource.isError) {
    const e = resource.error;
    const notFound = isApiError(e) && e.status === 404;
    const denied = isApiError(e) && e.status === 403;
    return (
      <div className="resource">
        <TabHeading title={notFound ? t('resource.notFoundTitle') : denied ? t('list.noAccessTitle') : tc('errorPage.title')} />
        <Alert data-color={notFound || denied ? 'info' : 'danger'} role={notFound || denied ? undefined : 'alert'}>
          {notFound ? t('resource.notFound') : denied ? t('list.membersOnly') : errorMessage(tc, e)}
        </Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to={libraryPath(network.slug)}>{t('backToLibrary')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }
  if (!view) return <Loading />;
  return <ResourceBody key={view.id} resource={view} network={network} />;
}

function sameFileFrom(state: unknown): ResourceRef[] {
  if (state && typeof state === 'object' && 'sameFileIn' in state && Array.isArray(state.sameFileIn)) {
    return state.sameFileIn as ResourceRef[];
  }
  return [];
}

function ResourceBody({ resource: r, network }: { resource: ResourceView; network: NetworkView }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const { state } = useLocation();
  const navigate = useNavigate();
  const [sameFileIn, setSameFileIn] = useState<ResourceRef[]>(() => sameFileFrom(state));
  const download = useDownload();
  const del = useDeleteResource(network.slug);
  const [deleting, setDeleting] = useState(false);
  const file = r.file;

  return (
    <div className="resource">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={libraryPath(network.slug)}>{t('backToLibrary')}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={r.title} />
      <div className="tag-row">
        <Tag data-color="neutral" data-size="sm">
          {kindLabel(t, r.kind)}
        </Tag>
        {r.link && (
          <Tag data-color="info" data-size="sm">
            {t('facts.webLink')}
          </Tag>
        )}
        {r.topics.map((topic) => (
          <Tag key={topic} data-color="brand1" data-size="sm">
            {topicLabel(tc, topic)}
          </Tag>
        ))}
      </div>
      {sameFileIn.length > 0 && (
        <Alert data-color="info">
          <Paragraph>{t('resource.sameFileIn', { count: sameFileIn.length })}</Paragraph>
          <ul>
            {sameFileIn.map((s) => (
              <li key={s.id}>
                <Link asChild>
                  <RouterLink to={resourcePath(network.slug, s.id)} onClick={() => setSameFileIn([])}>
                    {s.title}
                  </RouterLink>
                </Link>
              </li>
            ))}
          </ul>
        </Alert>
      )}

      <div className="actions">
        {file && (
          <Button loading={download.isPending && !download.variables?.version} onClick={() => download.mutate({ resourceId: r.id })}>
            {t('resource.download', { file: fileSummary(t, file) })}
          </Button>
        )}
        {r.link && (
          <Button asChild>
            <a href={r.link} rel="noopener noreferrer">
              {t('resource.openLink')}
            </a>
          </Button>
        )}
        {r.permissions.edit && (
          <Button asChild variant="secondary">
            <RouterLink to={editResourcePath(network.slug, r.id)}>{t('resource.edit')}</RouterLink>
          </Button>
        )}
        {r.permissions.delete && (
          <Button
            variant="tertiary"
            data-color="danger"
            aria-haspopup="dialog"
            onClick={() => {
              del.reset();
              setDeleting(true);
            }}
          >
            {t('resource.delete')}
          </Button>
        )}
      </div>
      {download.isError && !download.variables?.version && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, download.error)}
        </Alert>
      )}

      <div className="resource__main">
        {r.descriptionHtml ? (
          <SafeHtml html={r.descriptionHtml} />
        ) : (
          <Paragraph className="muted">{t('resource.noDescription')}</Paragraph>
        )}
        <dl className="facts">
          <dt>{t('facts.org')}</dt>
          <dd>{r.orgName}</dd>
          {r.year ? (
            <>
              <dt>{t('facts.year')}</dt>
              <dd>{String(r.year)}</dd>
            </>
          ) : null}
          <dt>{t('facts.licence')}</dt>
          <dd>{licenceLabel(t, r.licence)}</dd>
          {r.collections && r.collections.length > 0 && (
            <>
              <dt>{t('facts.collections')}</dt>
              <dd>
                <ul className="facts__collections">
                  {r.collections.map((c) => (
                    <li key={c.id}>
                      <Link asChild>
                        <RouterLink to={collectionPath(network.slug, c.id)}>{c.name}</RouterLink>
                      </Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{t('facts.addedBy')}</dt>
          <dd>{t('facts.byOn', { name: r.uploaderName, date: formatDateTime(r.createdAt) })}</dd>
          {r.updatedAt !== r.createdAt && (
            <>
              <dt>{t('facts.updated')}</dt>
              <dd>{formatDateTime(r.updatedAt)}</dd>
            </>
          )}
          {file && (
            <>
              <dt>{t('facts.file')}</dt>
              <dd>
                {file.fileName} ({fileSummary(t, file)})
              </dd>
              <dt>{t('facts.downloads')}</dt>
              <dd>{formatNumber(r.downloads)}</dd>
            </>
          )}
          {r.link && (
            <>
              <dt>{t('facts.address')}</dt>
              <dd>
                <Link href={r.link} rel="noopener noreferrer">
                  {r.link}
                </Link>
              </dd>
            </>
          )}
        </dl>
      </div>

      {file && previewable(file.format) && <Preview key={file.version} resource={{ ...r, file }} />}
      {file && <Versions resourceId={r.id} />}
      <Discussions resourceId={r.id} networkSlug={network.slug} />
      {file && r.permissions.edit && <NewVersionForm resource={r} onUploaded={(view) => setSameFileIn(view.sameFileIn ?? [])} />}

      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          del.mutate(r.id, {
            onSuccess: () => {
              setDeleting(false);
              navigate(libraryPath(network.slug), { state: { deleted: r.title } });
            },
          })
        }
        title={t('resource.deleteTitle', { title: r.title })}
        confirmLabel={t('resource.deleteConfirm')}
        pending={del.isPending}
        error={del.error ? errorMessage(tc, del.error) : undefined}
      >
        {file ? t('resource.deleteBodyFile', { count: r.versionCount }) : t('resource.deleteBodyLink')}
      </ConfirmDialog>
    </div>
  );
}
