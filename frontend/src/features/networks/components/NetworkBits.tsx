import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Role, Visibility } from '../../../lib/api-types';
import { roleLabel, topicLabel, visibilityLabel } from '../labels';

export function TopicTags({ topics, label }: { topics: string[]; label?: string }) {
  const { t } = useTranslation();
  if (topics.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={label ?? t('networkCard.topics')}>
      {topics.map((topic) => (
        <li key={topic}>
          <Tag data-color="neutral" data-size="sm">
            {topicLabel(t, topic)}
          </Tag>
        </li>
      ))}
    </ul>
  );
}

const VISIBILITY_COLOR = { open: 'success', on_request: 'info', closed: 'warning' } as const;

export function VisibilityTag({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={VISIBILITY_COLOR[visibility]} data-size="sm">
      {visibilityLabel(t, visibility)}
    </Tag>
  );
}

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Tag data-color="accent" data-size="sm" variant="outline">
      {t('networkCard.myRole', { role: roleLabel(t, role) })}
    </Tag>
  );
}
