import '../i18n';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loading } from '../../../components/Loading';
import { SafeHtml } from '../../../components/SafeHtml';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import {
  WATCH_LEVELS,
  isWatchLevel,
  type NetworkView,
  type PostItem,
  type ThreadView,
} from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { TabHeading, useCanonicalPath, useNetworkContext, useSubTitle } from '../../networks/context';
import {
  POSTS_PAGE,
  useAcceptAnswer,
  useCategories,
  useDeletePost,
  useHidePost,
  useModerateThread,
  useOpeningPost,
  usePosts,
  useThread,
  useWatchThread,
} from '../api';
import { HideDialog } from '../components/HideDialog';
import { HistoryDialog } from '../components/HistoryDialog';
import { MembersOnly } from '../components/MembersOnly';
import { PostView, type PostActions } from '../components/PostView';
import { ReplyComposer, type ComposerHandle } from '../components/ReplyComposer';
import { ReportDialog } from '../components/ReportDialog';
import { ThreadTags } from '../components/ThreadTags';
import { FORUM_NS } from '../i18n';
import { forumPath, postAnchor, postFromHash, threadIdFrom, threadPath } from '../paths';
import { useReadTracker } from '../useReadTracker';

/** /nettverk/<slug>/forum/<id>-<slug>: a thread, opened at the first post the reader has not read. */
export default function ThreadPage() {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const { network } = useNetworkContext();
  const { thread: ref = '' } = useParams();
  const { hash } = useLocation();
  const id = threadIdFrom(ref);
  const thread = useThread(id);
  const view = thread.data;

  useSubTitle(view?.title);
  // The address names the thread by id; the rest (its network, its slug) is put right.
  const wrongAddress = useCanonicalPath(view && threadPath(view.networkSlug, view), `${forumPath(network.slug)}/${ref}`, hash);

  if (thread.isPending || wrongAddress) return <Loading />;
  if (thread.isError) {
    const e = thread.error;
    if (isApiError(e) && e.code === 'forum.members_only') {
      return (
        <div className="thread">
          <MembersOnly networkSlug={network.slug} />
        </div>
      );
    }
    const notFound = isApiError(e) && e.status === 404;
    return (
      <div className="thread">
        <TabHeading title={notFound ? t('thread.notFoundTitle') : tc('errorPage.title')} />
        <Alert data-color={notFound ? 'info' : 'danger'} role={notFound ? undefined : 'alert'}>
          {notFound ? t('thread.notFound') : errorMessage(tc, e)}
        </Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to={forumPath(network.slug)}>{t('thread.backToForum')}</RouterLink>
          </Link>
        </Paragraph>
      </div>
    );
  }
  if (!view) return <Loading />;
  return <ThreadBody key={view.id} thread={view} network={network} hash={hash} />;
}

/** Where the thread opens: a linked post, else the first unread one, else the top. */
export function startingPost(thread: Pick<ThreadView, 'lastRead' | 'postCount'>, linked?: number): number {
  const last = Math.max(1, thread.postCount);
  if (linked) return Math.min(linked, last);
  if (thread.lastRead > 0 && thread.lastRead < thread.postCount) return thread.lastRead + 1;
  return 1;
}

type Notice = { postId?: string; text: string } | null;

function ThreadBody({ thread, network, hash }: { thread: ThreadView; network: NetworkView; hash: string }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const [start] = useState(() => startingPost(thread, postFromHash(hash)));
  const opening = useOpeningPost(thread.id, start > 1);
  const posts = usePosts(thread.id, start);
  const observe = useReadTracker(thread.id, network.slug, thread.lastRead);
  const composer = useRef<ComposerHandle>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [reporting, setReporting] = useState<PostItem | null>(null);
  const [hiding, setHiding] = useState<PostItem | null>(null);
  const [deleting, setDeleting] = useState<PostItem | null>(null);
  const [historyOf, setHistoryOf] = useState<PostItem | null>(null);
  // The post to move to once it is on the page: the first unread (or linked) one
  // when the thread opens, the first of those "Vis tidligere innlegg" loaded, a new reply.
  const focusTarget = useRef<number | null>(start > 1 ? start : null);
  const accept = useAcceptAnswer(thread.id);
  const hide = useHidePost();
  const del = useDeletePost(thread.id);

  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  const openingPost = start > 1 ? opening.data?.items[0] : items.find((p) => p.number === 1);
  const rest = items.filter((p) => p.number > 1);
  const firstUnread = thread.lastRead > 0 && thread.lastRead < thread.postCount ? thread.lastRead + 1 : undefined;

  const moveToTarget = useCallback(() => {
    const n = focusTarget.current;
    const el = n === null ? null : document.getElementById(postAnchor(n));
    if (!el) return;
    focusTarget.current = null;
    el.focus({ preventScroll: true });
    el.scrollIntoView?.({ block: 'start' });
  }, []);
  const focusPost = (n: number) => {
    focusTarget.current = n;
    requestAnimationFrame(moveToTarget);
  };
  useEffect(moveToTarget, [moveToTarget, items.length, openingPost]);

  const actions: PostActions = {
    onQuote: (post) => composer.current?.quote(post),
    onReport: setReporting,
    onHide: setHiding,
    onShow: (post) =>
      hide.mutate(
        { postId: post.id, threadId: thread.id, hidden: false },
        { onSuccess: () => setNotice({ postId: post.id, text: t('post.shownNotice') }) },
      ),
    onDelete: (post) => {
      del.reset();
      setDeleting(post);
    },
    onHistory: setHistoryOf,
    onAccept: (post, on) =>
      accept.mutate(on ? post.id : '', {
        onSuccess: () => setNotice({ postId: post.id, text: on ? t('post.acceptedNotice') : t('post.unacceptedNotice') }),
      }),
  };

  const failure = accept.error ?? hide.error;
  const postProps = (post: PostItem) => ({
    post,
    thread,
    networkSlug: network.slug,
    firstUnread: post.number === firstUnread && start > 1,
    notice: notice?.postId === post.id ? notice.text : undefined,
  });

  return (
    <div className="thread">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={forumPath(network.slug)}>{t('thread.backToForum')}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={thread.title} focus={start === 1} />
      <div className="tag-row">
        <ThreadTags thread={thread} />
      </div>
      <Paragraph data-size="sm" className="muted">
        {t('thread.startedBy', {
          name: thread.authorName,
          category: thread.categoryName,
          date: formatDateTime(thread.createdAt),
        })}
      </Paragraph>

      <ThreadTools thread={thread} network={network} />

      <p role="status" className="ds-sr-only">
        {notice?.text ?? ''}
      </p>
      {failure && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, failure)}
        </Alert>
      )}

      {openingPost ? (
        <PostView {...postProps(openingPost)} actions={actions} readRef={observe} />
      ) : (
        (opening.isPending || posts.isPending) && <Loading />
      )}

      {thread.kind === 'question' && <AcceptedAnswer thread={thread} shown={rest} />}

      {posts.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, posts.error)}
        </Alert>
      )}

      {(posts.hasPreviousPage || rest.length > 0 || posts.hasNextPage) && (
        <section aria-labelledby="replies-title" className="thread__replies">
          <Heading level={3} data-size="xs" id="replies-title" className="ds-sr-only">
            {t('thread.replies', { count: Math.max(0, thread.postCount - 1) })}
          </Heading>
          {posts.hasPreviousPage && (
            <div className="actions">
              <Button
                variant="secondary"
                loading={posts.isFetchingPreviousPage}
                onClick={() => {
                  const first = rest[0]?.number;
                  void posts.fetchPreviousPage().then(() => {
                    if (first !== undefined) focusPost(Math.max(2, first - POSTS_PAGE));
                  });
                }}
              >
                {t('thread.earlier', { count: Math.max(0, (rest[0]?.number ?? 2) - 2) })}
              </Button>
            </div>
          )}
          <ol className="post-list">
            {rest.map((post) => (
              <li key={post.id}>
                <PostView {...postProps(post)} actions={actions} readRef={observe} />
              </li>
            ))}
          </ol>
          {posts.hasNextPage && (
            <div className="actions">
              <Button
                variant="secondary"
                loading={posts.isFetchingNextPage}
                onClick={() => {
                  const last = items[items.length - 1]?.number;
                  void posts.fetchNextPage().then(() => {
                    if (last !== undefined) focusPost(last + 1);
                  });
                }}
              >
                {posts.isFetchingNextPage ? tc('common.loadingMore') : t('thread.later')}
              </Button>
            </div>
          )}
        </section>
      )}

      <ReplyArea
        thread={thread}
        network={network}
        composer={composer}
        shown={openingPost ? [openingPost, ...rest] : rest}
        onPosted={(post) => {
          setNotice({ postId: post.id, text: t('composer.posted') });
          focusPost(post.number);
        }}
      />

      <ReportDialog
        key={reporting?.id ?? 'none'}
        post={reporting}
        onClose={() => setReporting(null)}
        onSent={() => {
          if (reporting) setNotice({ postId: reporting.id, text: t('report.sent') });
          setReporting(null);
        }}
      />
      <HideDialog
        key={hiding?.id ?? 'none-hide'}
        post={hiding}
        onClose={() => setHiding(null)}
        onHidden={() => {
          if (hiding) setNotice({ postId: hiding.id, text: t('post.hiddenNotice') });
          setHiding(null);
        }}
      />
      <HistoryDialog post={historyOf} networkSlug={network.slug} onClose={() => setHistoryOf(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          const post = deleting;
          if (!post) return;
          del.mutate(post.id, {
            onSuccess: () => {
              setDeleting(null);
              setNotice({ postId: post.id, text: t('post.deletedNotice') });
            },
          });
        }}
        title={t('post.deleteTitle', { number: deleting?.number ?? 0, name: deleting?.authorName ?? '' })}
        confirmLabel={t('post.deleteConfirm')}
        pending={del.isPending}
        error={del.error ? errorMessage(tc, del.error) : undefined}
      >
        {t('post.deleteBody')}
      </ConfirmDialog>
    </div>
  );
}

/** A question's accepted answer, right under the question. */
function AcceptedAnswer({ thread, shown }: { thread: ThreadView; shown: PostItem[] }) {
  const { t } = useTranslation(FORUM_NS);
  const answer = thread.acceptedPost;
  if (!answer) {
    return thread.permissions.accept ? (
      <Paragraph data-size="sm" className="muted">
        {t('thread.noAcceptedYet')}
      </Paragraph>
    ) : null;
  }
  const inList = shown.some((p) => p.id === answer.id);
  return (
    <section aria-labelledby="accepted-title" className="accepted">
      <Heading level={3} data-size="xs" id="accepted-title" className="accepted__title">
        {t('thread.acceptedAnswer')}
      </Heading>
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={`/personer/${answer.authorId}`}>{answer.authorName}</RouterLink>
        </Link>
        {answer.authorOrg && <span className="muted"> · {answer.authorOrg}</span>}
        <span className="muted"> · {formatDateTime(answer.createdAt)}</span>
      </Paragraph>
      {answer.deletedAt ? (
        <Paragraph className="post__placeholder">{t('post.deleted')}</Paragraph>
      ) : answer.bodyHtml ? (
        <SafeHtml html={answer.bodyHtml} className="post__body" />
      ) : (
        <Paragraph className="post__placeholder">
          {answer.hiddenReason ? t('post.hiddenBecause', { reason: answer.hiddenReason }) : t('post.hidden')}
        </Paragraph>
      )}
      {inList && (
        <Paragraph data-size="sm">
          <a href={`#${postAnchor(answer.number)}`}>{t('thread.goToAnswer')}</a>
        </Paragraph>
      )}
    </section>
  );
}

/** The composer, or why there is none (locked, or not a member). */
function ReplyArea({
  thread,
  network,
  composer,
  shown,
  onPosted,
}: {
  thread: ThreadView;
  network: NetworkView;
  composer: RefObject<ComposerHandle | null>;
  /** The posts on the page, to name the post a restored draft quotes. */
  shown: PostItem[];
  onPosted: (post: PostItem) => void;
}) {
  const { t } = useTranslation(FORUM_NS);
  if (thread.permissions.reply) {
    return (
      <>
        {thread.locked && (
          <Alert data-color="info" data-size="sm">
            {t('thread.lockedModerator')}
          </Alert>
        )}
        <ReplyComposer
          ref={composer}
          threadId={thread.id}
          networkSlug={network.slug}
          findPost={(id) => shown.find((p) => p.id === id) ?? (thread.acceptedPost?.id === id ? thread.acceptedPost : undefined)}
          onPosted={onPosted}
        />
      </>
    );
  }
  if (thread.locked) return <Alert data-color="info">{t('thread.locked')}</Alert>;
  return (
    <Alert data-color="info">
      {t('thread.membersReply')}{' '}
      <Link asChild>
        <RouterLink to={`/nettverk/${network.slug}`}>{t('thread.membersReplyLink')}</RouterLink>
      </Link>
    </Alert>
  );
}

/** Following the thread, and the moderators' pin, lock and move. */
function ThreadTools({ thread, network }: { thread: ThreadView; network: NetworkView }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const watch = useWatchThread(thread.id);
  const moderate = useModerateThread(thread.id);
  const categories = useCategories(network.slug, thread.permissions.moderate);
  const [moveTo, setMoveTo] = useState('');
  const [done, setDone] = useState('');

  return (
    <section aria-labelledby="thread-tools" className="thread-tools">
      <h3 id="thread-tools" className="ds-sr-only">
        {t('thread.tools')}
      </h3>
      <Field data-size="sm" className="thread-tools__watch">
        <Label>{t('watch.threadLabel')}</Label>
        <Select
          value={watch.isPending && watch.variables ? watch.variables : thread.watch}
          onChange={(e) => {
            const level = e.target.value;
            if (!isWatchLevel(level)) return;
            setDone('');
            watch.mutate(level, { onSuccess: () => setDone(t(`watch.saved.${level}`)) });
          }}
        >
          {WATCH_LEVELS.map((l) => (
            <Select.Option key={l} value={l}>
              {t(`watch.level.${l}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {thread.permissions.moderate && (
        <div className="thread-tools__moderate">
          <div className="actions">
            <Button
              variant="secondary"
              data-size="sm"
              loading={moderate.isPending && moderate.variables?.pinned !== undefined}
              onClick={() =>
                moderate.mutate(
                  { pinned: !thread.pinned },
                  { onSuccess: (v) => setDone(v.pinned ? t('moderation.pinned') : t('moderation.unpinned')) },
                )
              }
            >
              {thread.pinned ? t('moderation.unpin') : t('moderation.pin')}
            </Button>
            <Button
              variant="secondary"
              data-size="sm"
              loading={moderate.isPending && moderate.variables?.locked !== undefined}
              onClick={() =>
                moderate.mutate(
                  { locked: !thread.locked },
                  { onSuccess: (v) => setDone(v.locked ? t('moderation.locked') : t('moderation.unlocked')) },
                )
              }
            >
              {thread.locked ? t('moderation.unlock') : t('moderation.lock')}
            </Button>
          </div>
          <form
            className="thread-tools__move"
            onSubmit={(e) => {
              e.preventDefault();
              if (!moveTo) return;
              moderate.mutate(
                { categoryId: moveTo },
                { onSuccess: (v) => setDone(t('moderation.moved', { category: v.categoryName })) },
              );
            }}
          >
            <Field data-size="sm">
              <Label>{t('moderation.moveTo')}</Label>
              <Select value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
                <Select.Option value="">{t('moderation.chooseCategory')}</Select.Option>
                {(categories.data ?? [])
                  .filter((c) => c.id !== thread.categoryId)
                  .map((c) => (
                    <Select.Option key={c.id} value={c.id}>
                      {c.name}
                    </Select.Option>
                  ))}
              </Select>
            </Field>
            <Button type="submit" variant="secondary" data-size="sm" disabled={!moveTo}>
              {t('moderation.move')}
            </Button>
          </form>
        </div>
      )}
      <p role="status" className="thread-tools__status small">
        {done}
      </p>
      {(watch.error ?? moderate.error) && (
        <Alert data-color="danger" role="alert" data-size="sm">
          {errorMessage(tc, watch.error ?? moderate.error)}
        </Alert>
      )}
    </section>
  );
}
