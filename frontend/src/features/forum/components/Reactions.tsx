import { Alert, Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../i18n/errors';
import { REACTIONS, type PostItem } from '../../../lib/api-types';
import { formatNumber } from '../../../lib/format';
import { useToggleReaction } from '../api';
import { FORUM_NS } from '../i18n';

/**
 * The four reactions under a post: toggle buttons (aria-pressed) for members,
 * counts only for others. The count and "mine" change at once; a failure puts
 * them back and says so.
 */
export function Reactions({ post, threadId, canReact }: { post: PostItem; threadId: string; canReact: boolean }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const toggle = useToggleReaction(threadId);
  const context = t('post.reactionContext', { number: post.number, name: post.authorName });

  if (!canReact) {
    const given = REACTIONS.filter((r) => (post.reactions[r] ?? 0) > 0);
    if (given.length === 0) return null;
    return (
      <ul className="reactions reactions--static" aria-label={t('post.reactionsOf', { number: post.number })}>
        {given.map((r) => (
          <li key={r}>
            {t(`reaction.${r}`)} <span className="reactions__count">{formatNumber(post.reactions[r] ?? 0)}</span>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="reactions-wrap">
      <ul className="reactions" aria-label={t('post.reactionsOf', { number: post.number })}>
        {REACTIONS.map((r) => {
          const count = post.reactions[r] ?? 0;
          const mine = post.myReactions.includes(r);
          return (
            <li key={r}>
              <Button
                variant={mine ? 'secondary' : 'tertiary'}
                data-size="sm"
                aria-pressed={mine}
                className="reactions__button"
                onClick={() => toggle.mutate({ postId: post.id, reaction: r, on: !mine })}
              >
                {t(`reaction.${r}`)}
                {count > 0 && (
                  <>
                    {' '}
                    <span className="reactions__count">{formatNumber(count)}</span>
                  </>
                )}{' '}
                <span className="ds-sr-only">{context}</span>
              </Button>
            </li>
          );
        })}
      </ul>
      {toggle.error && (
        <Alert data-color="danger" role="alert" data-size="sm">
          {errorMessage(tc, toggle.error)}
        </Alert>
      )}
    </div>
  );
}
