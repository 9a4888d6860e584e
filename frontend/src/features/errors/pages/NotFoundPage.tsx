import { Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('notFound.title')} />
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/">{t('notFound.home')}</RouterLink>
        </Link>
      </Paragraph>
    </div>
  );
}
