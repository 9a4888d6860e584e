import { useEffect, useRef, type ReactNode } from 'react';
import { Heading } from '@digdir/designsystemet-react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * The page's h1. It sets the document title and, after an in-app navigation
 * (not on the first page load), takes focus so screen-reader and keyboard users
 * start at the top of the new page.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();

  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    if (key !== 'default') ref.current?.focus();
  }, [key]);

  return (
    <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </Heading>
  );
}
