import { useState, type FormEvent, type Ref } from 'react';
import { Alert, Button, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { SafeHtml } from '../../../components/SafeHtml';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import { MAX_POST_LENGTH, type PostItem, type ThreadView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { useEditPost } from '../api';
import { FORUM_NS } from '../i18n';
import { attachmentProblem, idsOf, type Chosen } from '../attachments';
import { textLength } from '../markdown';
import { postAnchor } from '../paths';
import { AttachmentField } from './AttachmentField';
import { AttachmentLinks } from './AttachmentLinks';
import { MarkdownEditor } from './MarkdownEditor';
import { Reactions } from './Reactions';

export type PostActions = {
  onQuote: (post: PostItem) => void;
  onReport: (post: PostItem) => void;
  onHide: (post: PostItem) => void;
  onShow: (post: PostItem) => void;
  onDelete: (post: PostItem) => void;
  onHistory: (post: PostItem) => void;
  onAccept: (post: PostItem, accept: boolean) => void;
};

type Props = {
  post: PostItem;
  thread: ThreadView;
  networkSlug: string;
  actions: PostActions;
  /** The element whose coming into view means the post has been read. */
  readRef?: Ref<HTMLElement>;
  /** Marks the first post that is new to the reader. */
  firstUnread?: boolean;
  /** Something just happened to this post (reported, hidden): said under it. */
  notice?: string;
};

/**
 * One post: who wrote it and when, its text (the server's sanitised HTML), or
 * the placeholder for a deleted or hidden post, reactions, and what the reader
 * may do with it. Its own author edits it in place.
 */
export function PostView({ post, thread, networkSlug, actions, readRef, firstUnread, notice }: Props) {
  const { t } = useTranslation(FORUM_NS);
  const { user } = useAuth();
  const [editing, setEditing] = useState(false);
  const can = thread.permissions;
  const deleted = Boolean(post.deletedAt);
  const hiddenFromMe = post.hidden && !post.bodyHtml;
  const visible = !deleted && !hiddenFromMe;
  const accepted = thread.acceptedPostId === post.id;
  const mine = post.authorId === user?.id;
  const headingId = `${postAnchor(post.number)}-title`;
  const who = { number: post.number, name: post.authorName };

  return (
    <article
      id={postAnchor(post.number)}
      tabIndex={-1}
      aria-labelledby={headingId}
      className={['post', accepted && 'post--accepted', post.number === 1 && 'post--opening'].filter(Boolean).join(' ')}
      data-number={post.number}
    >
      {firstUnread && (
        <p className="post__unread-marker">
          <span>{t('post.firstUnread')}</span>
        </p>
      )}
      <header className="post__head">
        <Heading level={3} data-size="2xs" id={headingId} className="post__author">
          <span className="ds-sr-only">{t('post.numberLabel', { number: post.number })}</span>{' '}
          <Link asChild>
            <RouterLink to={`/personer/${post.authorId}`}>{post.authorName}</RouterLink>
          </Link>
        </Heading>
        {post.authorOrg && <span className="muted small">{post.authorOrg}</span>}
        <span className="muted small">
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
        </span>
        {post.editedAt && !deleted && (
          <Button
            variant="tertiary"
            data-size="sm"
            className="post__edited"
            aria-haspopup="dialog"
            aria-label={t('post.historyFor', who)}
            onClick={() => actions.onHistory(post)}
          >
            {t('post.edited')}
          </Button>
        )}
        <a href={`#${postAnchor(post.number)}`} className="post__number muted small" aria-label={t('post.linkTo', who)}>
          #{post.number}
        </a>
      </header>
      {accepted && (
        <Tag data-color="success" data-size="sm" className="post__accepted-tag">
          {t('thread.acceptedAnswer')}
        </Tag>
      )}

      {deleted ? (
        <Paragraph className="post__placeholder">{t('post.deleted')}</Paragraph>
      ) : hiddenFromMe ? (
        <Paragraph className="post__placeholder">
          {post.hiddenReason ? t('post.hiddenBecause', { reason: post.hiddenReason }) : t('post.hidden')}
        </Paragraph>
      ) : editing ? (
        <PostEditor
          post={post}
          threadId={thread.id}
          networkSlug={networkSlug}
          onDone={() => {
            setEditing(false);
            requestAnimationFrame(() => document.getElementById(postAnchor(post.number))?.focus());
          }}
        />
      ) : (
        <>
          {post.hidden && (
            <Alert data-color="warning" data-size="sm" className="post__hidden-marker">
              {post.hiddenReason ? t('post.hiddenBecause', { reason: post.hiddenReason }) : t('post.hidden')}{' '}
              {t(mine && !can.moderate ? 'post.hiddenYouSee' : 'post.hiddenModeratorSees')}
            </Alert>
          )}
          <SafeHtml html={post.bodyHtml} className="post__body" />
          <AttachmentLinks attachments={post.attachments ?? []} networkSlug={networkSlug} />
        </>
      )}

      {notice && (
        <Alert data-color="success" data-size="sm">
          {notice}
        </Alert>
      )}

      <footer className="post__foot" ref={readRef} data-number={post.number}>
        {visible && !editing && <Reactions post={post} threadId={thread.id} canReact={can.react} />}
        {!editing && (
          <div className="post__actions">
            {visible && can.reply && (
              <Button variant="tertiary" data-size="sm" aria-label={t('post.quoteFor', who)} onClick={() => actions.onQuote(post)}>
                {t('post.quote')}
              </Button>
            )}
            {visible && can.accept && post.number > 1 && !post.hidden && (
              <Button
                variant="tertiary"
                data-size="sm"
                aria-label={t(accepted ? 'post.unacceptFor' : 'post.acceptFor', who)}
                onClick={() => actions.onAccept(post, !accepted)}
              >
                {t(accepted ? 'post.unaccept' : 'post.accept')}
              </Button>
            )}
            {post.canEdit && !deleted && (
              <Button
                variant="tertiary"
                data-size="sm"
                aria-label={t('post.editFor', who)}
                onClick={() => setEditing(true)}
              >
                {t('post.edit')}
              </Button>
            )}
            {can.flag && visible && !mine && (
              <Button
                variant="tertiary"
                data-size="sm"
                aria-haspopup="dialog"
                aria-label={t('post.reportFor', who)}
                onClick={() => actions.onReport(post)}
              >
                {t('post.report')}
              </Button>
            )}
            {can.moderate && !deleted && (
              <Button
                variant="tertiary"
                data-size="sm"
                aria-haspopup={post.hidden ? undefined : 'dialog'}
                aria-label={t(post.hidden ? 'post.showFor' : 'post.hideFor', who)}
                onClick={() => (post.hidden ? actions.onShow(post) : actions.onHide(post))}
              >
                {t(post.hidden ? 'post.show' : 'post.hide')}
              </Button>
            )}
            {post.canDelete && (
              <Button
                variant="tertiary"
                data-color="danger"
                data-size="sm"
                aria-haspopup="dialog"
                aria-label={t('post.deleteFor', who)}
                onClick={() => actions.onDelete(post)}
              >
                {t('post.delete')}
              </Button>
            )}
          </div>
        )}
      </footer>
    </article>
  );
}

/**
 * Editing one's own post, from the revision it was loaded at. If someone (or
 * another tab) changed it meanwhile, the server refuses (409 edit_conflict): the
 * text written here stays, and the current text can be fetched to compare.
 */
function PostEditor({
  post,
  threadId,
  networkSlug,
  onDone,
}: {
  post: PostItem;
  threadId: string;
  networkSlug: string;
  onDone: () => void;
}) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const { client } = useAuth();
  const [body, setBody] = useState(post.body);
  const [attachments, setAttachments] = useState<Chosen[]>(() => post.attachments ?? []);
  // Sent only once changed here: left out, the post keeps what it attaches.
  const [attachmentsChanged, setAttachmentsChanged] = useState(false);
  const [revision, setRevision] = useState(post.revision);
  const [clientError, setClientError] = useState('');
  const [current, setCurrent] = useState<PostItem | null>(null);
  const [loadingCurrent, setLoadingCurrent] = useState(false);
  const [currentError, setCurrentError] = useState<unknown>(null);
  const edit = useEditPost(threadId);
  const conflict = isApiError(edit.error) && edit.error.code === 'forum.edit_conflict';
  const attachmentError = attachmentProblem(t, tc, edit.error, edit.variables?.attachments ?? []);
  const id = `edit-${post.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const length = textLength(body.trim());
    const problem = length === 0 ? t('composer.bodyRequired') : length > MAX_POST_LENGTH ? t('composer.bodyTooLong') : '';
    setClientError(problem);
    if (problem) return;
    // Changed attachments replace the post's ([] removes them all).
    edit.mutate(
      { postId: post.id, body, revision, ...(attachmentsChanged ? { attachments: idsOf(attachments) } : {}) },
      { onSuccess: onDone },
    );
  }

  async function loadCurrent() {
    setLoadingCurrent(true);
    setCurrentError(null);
    try {
      const page = await client.listPosts(threadId, { from: post.number, limit: 1 });
      const fresh = page.items[0];
      if (fresh) {
        setCurrent(fresh);
        // Saving now is a deliberate choice to replace what is there.
        setRevision(fresh.revision);
      }
    } catch (e) {
      setCurrentError(e);
    } finally {
      setLoadingCurrent(false);
    }
  }

  return (
    <form className="form post-editor" noValidate onSubmit={submit}>
      <div className={current ? 'post-editor__compare' : undefined}>
        <MarkdownEditor
          id={id}
          label={current ? t('edit.yourText') : t('edit.label', { number: post.number })}
          value={body}
          onChange={setBody}
          error={clientError || undefined}
          mentionSlug={networkSlug}
        />
        {current && (
          <section aria-labelledby={`${id}-current`} className="post-editor__current">
            <Heading level={4} data-size="2xs" id={`${id}-current`}>
              {t('edit.currentText')}
            </Heading>
            <Paragraph data-size="sm" className="muted">
              {t('edit.currentSaved', { date: formatDateTime(current.editedAt ?? current.createdAt) })}
            </Paragraph>
            <SafeHtml html={current.bodyHtml} className="post__body" />
            <AttachmentLinks attachments={current.attachments ?? []} networkSlug={networkSlug} />
            <div className="actions">
              <Button
                type="button"
                variant="secondary"
                data-size="sm"
                onClick={() => {
                  setBody(current.body);
                  setAttachments(current.attachments ?? []);
                  setAttachmentsChanged(false);
                  edit.reset();
                }}
              >
                {t('edit.useCurrent')}
              </Button>
            </div>
          </section>
        )}
      </div>
      <AttachmentField
        id={`${id}-attachments`}
        networkSlug={networkSlug}
        value={attachments}
        onChange={(next) => {
          setAttachments(next);
          setAttachmentsChanged(true);
          if (attachmentError) edit.reset();
        }}
        error={attachmentError?.message}
        itemErrors={attachmentError?.items}
      />
      {edit.error && (
        <Alert data-color={conflict ? 'warning' : 'danger'} role="alert">
          {attachmentError ? attachmentError.message : errorMessage(tc, edit.error)}
          {conflict && !current && (
            <div className="actions alert-actions">
              <Button type="button" variant="secondary" data-size="sm" loading={loadingCurrent} onClick={() => void loadCurrent()}>
                {t('edit.showCurrent')}
              </Button>
            </div>
          )}
        </Alert>
      )}
      {current && <Paragraph data-size="sm">{t('edit.saveReplaces')}</Paragraph>}
      {Boolean(currentError) && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, currentError)}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" loading={edit.isPending}>
          {edit.isPending ? t('edit.saving') : t('edit.save')}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          {tc('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
