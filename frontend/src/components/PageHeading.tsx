import { useEffect, useRef, type ReactNode } from 'react';
import { Heading } from '@digdir/designsystemet-react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

type Props = {
  title: string;
  children?: ReactNode;
  /**
   * Focus moves here when this changes (by default the path). Pages with tabs
   * pass their own base path, so switching tabs does not pull focus up here.
   */
  focusPath?: string;
};

/**
 * The page's h1. It sets the document title and, after an in-app navigation to
 * another page (not on the first page load, and not when only the query string
 * changes, e.g. a filter), takes focus so screen-reader and keyboard users start
 * at the top of the new page.
 */
export function PageHeading({ title, children, focusPath }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const { key, pathname } = useLocation();
  const path = focusPath ?? pathname;
  // On the first page load the browser starts at the top anyway.
  const focusedFor = useRef<string | null>(key === 'default' ? path : null);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    if (focusedFor.current === path) return;
    focusedFor.current = path;
    ref.current?.focus();
  }, [path]);

  return (
    <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </Heading>
  );
}
