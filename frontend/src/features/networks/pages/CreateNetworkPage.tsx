import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../components/PageHeading';
import { useCreateNetwork } from '../api';
import { EMPTY_NETWORK, NetworkForm } from '../components/NetworkForm';
import { toInput } from '../form-values';

export default function CreateNetworkPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const create = useCreateNetwork();
  const mayCreate = user?.siteRole === 'adviser' || user?.siteRole === 'admin';

  return (
    <div className="page page--form">
      <PageHeading title={t('createNetwork.title')} />
      {mayCreate ? (
        <>
          <Paragraph>{t('createNetwork.intro')}</Paragraph>
          <NetworkForm
            mode="create"
            initial={EMPTY_NETWORK}
            onSubmit={(values) =>
              create.mutate(toInput(values), {
                onSuccess: (network) => navigate(`/nettverk/${network.slug}`),
              })
            }
            pending={create.isPending}
            error={create.error}
            submitLabel={t('createNetwork.submit')}
            submittingLabel={t('createNetwork.submitting')}
            errorSummaryHeading={t('createNetwork.errorSummary')}
          />
        </>
      ) : (
        <Alert data-color="info">{t('errors.network.create_forbidden')}</Alert>
      )}
    </div>
  );
}
