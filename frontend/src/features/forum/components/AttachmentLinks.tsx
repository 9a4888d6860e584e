import '../attachments.css';
import { useId } from 'react';
import { Link } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../lib/api-types';
import { kindLabel } from '../../library/format';
import { LIBRARY_NS } from '../../library/i18n';
import { resourcePath } from '../../library/paths';
import { FORUM_NS } from '../i18n';

/** The library resources a post attaches, under its text: links to their pages, with kind and file name. */
export function AttachmentLinks({ attachments, networkSlug }: { attachments: Attachment[]; networkSlug: string }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tl } = useTranslation(LIBRARY_NS);
  const labelId = useId();
  if (attachments.length === 0) return null;
  return (
    <div className="post-attachments">
      <p className="post-attachments__label small" id={labelId}>
        {t('attachments.postLabel', { count: attachments.length })}
      </p>
      <ul aria-labelledby={labelId} className="post-attachments__list">
        {attachments.map((a) => (
          <li key={a.id}>
            <Link asChild>
              <RouterLink to={resourcePath(networkSlug, a.id)}>{a.title}</RouterLink>
            </Link>{' '}
            <span className="muted small">
              ({[kindLabel(tl, a.kind), a.fileName || t('attachments.webLink')].join(', ')})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
