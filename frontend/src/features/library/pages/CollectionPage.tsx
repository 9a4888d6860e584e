import '../i18n';
import '../library.css';
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import type { CollectionView, NetworkView } from '../../../lib/api-types';
import { TabHeading, useCanonicalPath, useNetworkContext, useSubTitle } from '../../networks/context';
import { useCollection, useDeleteCollection, useResourceChoices, useUpdateCollection } from '../api';
import { CollectionForm } from '../components/CollectionForm';
import { ResourceRow } from '../components/ResourceRow';
import { LIBRARY_NS } from '../i18n';
import { collectionPath, libraryPath } from '../paths';

/** /nettverk/<slug>/bibliotek/mapper/<id>: a collection's resources in order; moderators curate it here. */
export default function CollectionPage() {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const { network } = useNetworkContext();
  const { collectionId = '' } = useParams();
  const collection = useCollection(collectionId);
  const view = collection.data;

  useSubTitle(view?.name);
  const wrongNetwork = useCanonicalPath(view && collectionPath(view.networkSlug, view.id), collectionPath(network.slug, collectionId));

  if (collection.isPending || wrongNetwork) return <Loading />;
  if (collection.isError) {
    const notFound = isApiError(collection.error) && collection.error.status === 404;
    return (
      <div className="collection">
        <TabHeading title={notFound ? t('collections.notFoundTitle') : tc('errorPage.title')} />
        <Alert data-color={notFound ? 'info' : 'danger'} role={notFound ? undefined : 'alert'}>
          {errorMessage(tc, collection.error)}
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
  return <CollectionBody key={view.id} collection={view} network={network} />;
}

type Focus = { id: string; prefer: 'up' | 'down' } | { id: 'add' };

function CollectionBody({ collection: c, network }: { collection: CollectionView; network: NetworkView }) {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateCollection(c.id);
  const del = useDeleteCollection(network.slug);
  const choices = useResourceChoices(network.slug, c.moderate);
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState('');
  const focus = useRef<Focus | null>(null);
  const ids = c.resources.map((r) => r.id);
  const available = (choices.data?.items ?? []).filter((r) => !c.resourceIds.includes(r.id));

  // After a move, focus stays on the moved resource's button (or its other one at the ends of the list).
  useEffect(() => {
    const f = focus.current;
    if (!f) return;
    focus.current = null;
    if (!('prefer' in f)) {
      document.getElementById('collection-add')?.focus();
      return;
    }
    const first = document.getElementById(`collection-${f.prefer}-${f.id}`);
    const other = document.getElementById(`collection-${f.prefer === 'up' ? 'down' : 'up'}-${f.id}`);
    const target = first instanceof HTMLButtonElement && !first.disabled ? first : other;
    target?.focus();
  }, [c.revision]);

  function save(resourceIds: string[], message: string, then?: Focus) {
    update.mutate(
      { name: c.name, description: c.description, resourceIds, revision: c.revision },
      {
        onSuccess: () => {
          focus.current = then ?? null;
          setNotice(message);
        },
      },
    );
  }

  function move(index: number, step: -1 | 1) {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(index + step, 0, moved);
    const title = c.resources[index]?.title ?? '';
    save(next, t('collections.moved', { title, position: index + step + 1, count: next.length }), {
      id: moved,
      prefer: step < 0 ? 'up' : 'down',
    });
  }

  const moderate = c.moderate;
  return (
    <div className="collection">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={libraryPath(network.slug)}>{t('backToLibrary')}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={c.name} />
      <Paragraph className="muted">{t('collections.kind')}</Paragraph>
      {c.description && <Paragraph>{c.description}</Paragraph>}
      <p role="status" className="results__status">
        {notice}
      </p>
      {update.isError && !editing && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, update.error)}
        </Alert>
      )}

      {c.resources.length === 0 ? (
        <Paragraph>{moderate ? t('collections.emptyModerator') : t('collections.empty')}</Paragraph>
      ) : (
        <ol className="collection-order" aria-label={t('collections.listLabel', { name: c.name })}>
          {c.resources.map((r, i) => (
            <li key={r.id}>
              <ResourceRow resource={r} slug={network.slug} level={3} />
              {moderate && (
                <div className="collection-order__tools">
                  <Button
                    id={`collection-up-${r.id}`}
                    variant="tertiary"
                    data-size="sm"
                    disabled={i === 0 || update.isPending}
                    onClick={() => move(i, -1)}
                    aria-label={t('collections.moveUp', { title: r.title })}
                  >
                    {t('collections.up')}
                  </Button>
                  <Button
                    id={`collection-down-${r.id}`}
                    variant="tertiary"
                    data-size="sm"
                    disabled={i === c.resources.length - 1 || update.isPending}
                    onClick={() => move(i, 1)}
                    aria-label={t('collections.moveDown', { title: r.title })}
                  >
                    {t('collections.down')}
                  </Button>
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    data-color="danger"
                    disabled={update.isPending}
                    onClick={() =>
                      save(
                        ids.filter((id) => id !== r.id),
                        t('collections.removed', { title: r.title }),
                        { id: 'add' },
                      )
                    }
                    aria-label={t('collections.removeLabel', { title: r.title })}
                  >
                    {t('collections.remove')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {moderate && (
        <section aria-labelledby="collection-add-title" className="panel">
          <Heading level={3} data-size="xs" id="collection-add-title">
            {t('collections.addTitle')}
          </Heading>
          {choices.isPending ? (
            <Loading />
          ) : available.length === 0 ? (
            <Paragraph data-size="sm">{t('collections.nothingToAdd')}</Paragraph>
          ) : (
            <form
              className="actions"
              onSubmit={(e) => {
                e.preventDefault();
                const r = available.find((x) => x.id === adding);
                if (!r || update.isPending) return;
                setAdding('');
                save([...c.resourceIds, r.id], t('collections.added', { title: r.title }), { id: 'add' });
              }}
            >
              <Field>
                <Label>{t('collections.addLabel')}</Label>
                <Select id="collection-add" value={adding} onChange={(e) => setAdding(e.target.value)}>
                  <Select.Option value="">{t('collections.choose')}</Select.Option>
                  {available.map((r) => (
                    <Select.Option key={r.id} value={r.id}>
                      {r.title}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              <Button type="submit" variant="secondary" disabled={!adding} loading={update.isPending}>
                {t('collections.add')}
              </Button>
            </form>
          )}
        </section>
      )}

      {moderate && (
        <section aria-labelledby="collection-edit-title" className="panel">
          <Heading level={3} data-size="xs" id="collection-edit-title">
            {t('collections.editTitle')}
          </Heading>
          {editing ? (
            <CollectionForm
              initial={{ name: c.name, description: c.description }}
              submitLabel={t('collections.save')}
              pending={update.isPending}
              error={update.error}
              onCancel={() => {
                update.reset();
                setEditing(false);
              }}
              onSubmit={(v) =>
                update.mutate(
                  { ...v, resourceIds: c.resourceIds, revision: c.revision },
                  {
                    onSuccess: () => {
                      setEditing(false);
                      setNotice(t('collections.saved'));
                    },
                  },
                )
              }
            />
          ) : (
            <div className="actions">
              <Button
                variant="secondary"
                onClick={() => {
                  update.reset();
                  setEditing(true);
                  requestAnimationFrame(() => document.getElementById('collection-name')?.focus());
                }}
              >
                {t('collections.edit')}
              </Button>
              <Button
                variant="tertiary"
                data-color="danger"
                aria-haspopup="dialog"
                onClick={() => {
                  del.reset();
                  setDeleting(true);
                }}
              >
                {t('collections.delete')}
              </Button>
            </div>
          )}
        </section>
      )}

      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          del.mutate(c.id, {
            onSuccess: () => {
              setDeleting(false);
              navigate(libraryPath(network.slug), { state: { deleted: c.name } });
            },
          })
        }
        title={t('collections.deleteTitle', { name: c.name })}
        confirmLabel={t('collections.deleteConfirm')}
        pending={del.isPending}
        error={del.error ? errorMessage(tc, del.error) : undefined}
      >
        {t('collections.deleteBody')}
      </ConfirmDialog>
    </div>
  );
}
