import { Alert } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useUpdateNetwork } from '../api';
import { NetworkForm } from '../components/NetworkForm';
import { NoAccess } from '../components/NoAccess';
import { TabHeading, useNetworkContext } from '../context';
import { toPatch, valuesOf } from '../form-values';

export default function SettingsTab() {
  const { t } = useTranslation();
  const { network } = useNetworkContext();
  const update = useUpdateNetwork(network.slug);
  if (!network.permissions.manage) return <NoAccess />;

  return (
    <div className="settings page--form">
      <TabHeading title={t('networkPage.tabs.settings')} />
      <NetworkForm
        mode="edit"
        initial={valuesOf(network)}
        onSubmit={(values) => update.mutate(toPatch(values))}
        pending={update.isPending}
        error={update.error}
        submitLabel={t('settings.save')}
        submittingLabel={t('settings.saving')}
        errorSummaryHeading={t('settings.errorSummary')}
        status={update.isSuccess ? <Alert data-color="success">{t('settings.saved')}</Alert> : null}
        onEdit={() => {
          if (update.isSuccess) update.reset();
        }}
      />
    </div>
  );
}
