import '../i18n';
import '../library.css';
import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { TabHeading, useNetworkContext } from '../../networks/context';
import { useCreateCollection } from '../api';
import { CollectionForm } from '../components/CollectionForm';
import { LIBRARY_NS } from '../i18n';
import { collectionPath, libraryPath } from '../paths';

/** /nettverk/<slug>/bibliotek/mapper/ny: make a collection ("mappe") of resources (moderators). */
export default function NewCollectionPage() {
  const { t } = useTranslation(LIBRARY_NS);
  const { t: tc } = useTranslation();
  const { network } = useNetworkContext();
  const { user } = useAuth();
  const navigate = useNavigate();
  const create = useCreateCollection(network.slug);
  const moderate = network.permissions.moderate || user?.siteRole === 'admin';
  return (
    <div className="collection page--form">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={libraryPath(network.slug)}>{t('backToLibrary')}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={t('collections.newTitle')} />
      {moderate ? (
        <>
          <Paragraph>{t('collections.newIntro')}</Paragraph>
          <CollectionForm
            initial={{ name: '', description: '' }}
            submitLabel={t('collections.create')}
            pending={create.isPending}
            error={create.error}
            onSubmit={(v) =>
              create.mutate(
                { ...v, resourceIds: [] },
                { onSuccess: (view) => navigate(collectionPath(network.slug, view.id)) },
              )
            }
          />
        </>
      ) : (
        <Alert data-color="info">{tc('errors.library.moderators_only')}</Alert>
      )}
    </div>
  );
}
