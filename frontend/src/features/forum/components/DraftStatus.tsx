import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../lib/format';
import { FORUM_NS } from '../i18n';
import type { DraftState } from '../useDraft';

/** "Utkastet er lagret kl. 14:03": shown, not announced (it changes while one types). */
export function DraftStatus({ state, savedAt }: { state: DraftState; savedAt: string | null }) {
  const { t } = useTranslation(FORUM_NS);
  let text = '';
  if (state === 'saving') text = t('draft.saving');
  else if (state === 'saved' && savedAt) text = t('draft.saved', { time: formatTime(savedAt) });
  else if (state === 'error') text = t('draft.failed');
  else if (state === 'discarded') text = t('draft.discarded');
  return <span className="draft-status muted small">{text}</span>;
}
