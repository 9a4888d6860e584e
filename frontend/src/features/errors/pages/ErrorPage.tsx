import { useEffect } from 'react';
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-error';

/**
 * Shown by the error boundaries. `standalone` is the outermost boundary, where
 * the shell itself failed, so it brings its own <main>. Links are plain <a>:
 * a full page load is the surest way out of a broken state.
 */
export function ErrorPage({ error, standalone = false }: { error: unknown; standalone?: boolean }) {
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('errorPage.title') });
  }, [t]);

  const content = (
    <div className="page page--narrow">
      <Heading level={1} data-size="lg">
        {t('errorPage.title')}
      </Heading>
      <Paragraph>{t('errorPage.body')}</Paragraph>
      {isApiError(error) && error.requestId && (
        <Paragraph data-size="sm">{t('errors.reference', { id: error.requestId })}</Paragraph>
      )}
      <div className="actions">
        <Button onClick={() => window.location.reload()}>{t('errorPage.reload')}</Button>
        <Link href="/">{t('errorPage.home')}</Link>
      </div>
    </div>
  );
  return standalone ? (
    <main id="main" className="app-main">
      <div className="container">{content}</div>
    </main>
  ) : (
    content
  );
}
