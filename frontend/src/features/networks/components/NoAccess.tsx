import { Alert } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

export function NoAccess() {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="ds-sr-only">{t('networkPage.noAccessTitle')}</h2>
      <Alert data-color="info">{t('networkPage.noAccess')}</Alert>
    </>
  );
}
