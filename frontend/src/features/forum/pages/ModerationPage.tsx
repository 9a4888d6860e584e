import '../i18n';
import { useRef, useState } from 'react';
import { Alert, Button, Card, Field, Heading, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { SafeHtml } from '../../../components/SafeHtml';
import { errorMessage } from '../../../i18n/errors';
import { FLAG_STATUSES, isFlagStatus, type FlagItem, type FlagStatus, type NetworkView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { NoAccess } from '../../networks/components/NoAccess';
import { TabHeading, useNetworkContext } from '../../networks/context';
import { useCloseFlag, useFlags, useHidePost } from '../api';
import { HideDialog } from '../components/HideDialog';
import { FORUM_NS } from '../i18n';
import { forumPath, postAnchor, threadPath } from '../paths';

/** /nettverk/<slug>/forum/moderering: the moderators' queue of reported posts, oldest first. */
export default function ModerationPage() {
  const { network } = useNetworkContext();
  if (!network.permissions.moderate) return <NoAccess />;
  return <Queue network={network} />;
}

function Queue({ network }: { network: NetworkView }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const [status, setStatus] = useState<FlagStatus>('open');
  const [notice, setNotice] = useState('');
  const [hiding, setHiding] = useState<FlagItem | null>(null);
  const flags = useFlags(network.slug, status);
  const close = useCloseFlag(network.slug);
  const show = useHidePost();
  const listRef = useRef<HTMLUListElement>(null);
  const items = flags.data?.pages.flatMap((p) => p.items) ?? [];

  let summary = '';
  if (flags.isSuccess) {
    summary =
      items.length === 0
        ? t(`queue.empty.${status}`)
        : t(`queue.shown.${status}`, { count: items.length }) + (flags.hasNextPage ? ` ${t('list.more')}` : '');
  }
  const failure = close.error ?? show.error;

  return (
    <div className="moderation">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={forumPath(network.slug)}>{t('thread.backToForum')}</RouterLink>
        </Link>
      </Paragraph>
      <TabHeading title={t('queue.title')} />
      <Paragraph>{t('queue.intro')}</Paragraph>
      <Field className="filters__single">
        <Label>{t('queue.show')}</Label>
        <Select
          value={status}
          onChange={(e) => {
            if (isFlagStatus(e.target.value)) {
              setStatus(e.target.value);
              setNotice('');
            }
          }}
        >
          {FLAG_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`queue.status.${s}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <p role="status" className="results__status">
        {summary}
      </p>
      <div role="status" className="status">
        {notice && <Alert data-color="success">{notice}</Alert>}
      </div>
      {failure && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, failure)}
        </Alert>
      )}
      {flags.isPending && <Loading />}
      {flags.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, flags.error)}
        </Alert>
      )}
      {items.length > 0 && (
        <ul className="plain-list flag-list" ref={listRef}>
          {items.map((f) => (
            <li key={f.id}>
              <FlagCard
                flag={f}
                network={network}
                closing={close.isPending && close.variables?.flagId === f.id ? close.variables.status : null}
                onClose={(s) =>
                  close.mutate(
                    { flagId: f.id, status: s },
                    { onSuccess: () => setNotice(t(`queue.closed.${s}`, { name: f.reporterName })) },
                  )
                }
                onHide={() => {
                  show.reset();
                  setHiding(f);
                }}
                onShow={() =>
                  show.mutate(
                    { postId: f.postId, threadId: f.threadId, hidden: false },
                    { onSuccess: () => setNotice(t('post.shownNotice')) },
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        hasNextPage={flags.hasNextPage}
        isFetchingNextPage={flags.isFetchingNextPage}
        fetchNextPage={() => flags.fetchNextPage()}
        count={items.length}
        listRef={listRef}
      />
      <HideDialog
        key={hiding?.id ?? 'none'}
        post={
          hiding && {
            id: hiding.postId,
            threadId: hiding.threadId,
            number: hiding.post.number,
            authorName: hiding.post.authorName,
          }
        }
        onClose={() => setHiding(null)}
        onHidden={() => {
          setNotice(t('post.hiddenNotice'));
          setHiding(null);
        }}
      />
    </div>
  );
}

function FlagCard({
  flag: f,
  network,
  closing,
  onClose,
  onHide,
  onShow,
}: {
  flag: FlagItem;
  network: NetworkView;
  closing: 'resolved' | 'dismissed' | null;
  onClose: (status: 'resolved' | 'dismissed') => void;
  onHide: () => void;
  onShow: () => void;
}) {
  const { t } = useTranslation(FORUM_NS);
  const p = f.post;
  const about = { number: p.number, name: p.authorName, thread: f.threadTitle };
  const postLink = `${threadPath(network.slug, { id: f.threadId, slug: f.threadSlug })}#${postAnchor(p.number)}`;
  return (
    <Card data-color="neutral">
      <Card.Block className="flag-card">
        <Heading level={3} data-size="xs">
          <Link asChild>
            <RouterLink to={postLink}>{t('queue.postIn', about)}</RouterLink>
          </Link>
        </Heading>
        <dl className="facts">
          <dt>{t('queue.reason')}</dt>
          <dd>{t(`report.reasons.${f.reason}`)}</dd>
          {f.note && (
            <>
              <dt>{t('queue.note')}</dt>
              <dd className="pre-wrap">{f.note}</dd>
            </>
          )}
          <dt>{t('queue.reportedBy')}</dt>
          <dd>{t('queue.reportedByText', { name: f.reporterName, date: formatDateTime(f.createdAt) })}</dd>
          {f.resolvedAt &&
            (f.resolvedByName ? (
              <>
                <dt>{t(`queue.closedBy.${f.status}`)}</dt>
                <dd>{t('queue.closedByText', { name: f.resolvedByName, date: formatDateTime(f.resolvedAt) })}</dd>
              </>
            ) : (
              <>
                <dt>{t(`queue.closedAt.${f.status}`)}</dt>
                <dd>{formatDateTime(f.resolvedAt)}</dd>
              </>
            ))}
        </dl>
        <div className="flag-card__post">
          <Paragraph data-size="sm" className="muted">
            {t('queue.postBy', { name: p.authorName, org: p.authorOrg, date: formatDateTime(p.createdAt) })}
          </Paragraph>
          {p.deletedAt ? (
            <Paragraph className="post__placeholder">{t('post.deleted')}</Paragraph>
          ) : (
            <>
              {p.hidden && (
                <Alert data-color="warning" data-size="sm">
                  {p.hiddenReason ? t('post.hiddenBecause', { reason: p.hiddenReason }) : t('post.hidden')}
                </Alert>
              )}
              <SafeHtml html={p.bodyHtml} className="post__body" />
            </>
          )}
        </div>
        <div className="actions">
          {!p.deletedAt &&
            (p.hidden ? (
              <Button variant="secondary" data-size="sm" aria-label={t('queue.showFor', about)} onClick={onShow}>
                {t('post.show')}
              </Button>
            ) : (
              <Button
                variant="secondary"
                data-size="sm"
                aria-haspopup="dialog"
                aria-label={t('queue.hideFor', about)}
                onClick={onHide}
              >
                {t('post.hide')}
              </Button>
            ))}
          {f.status === 'open' && (
            <>
              <Button
                data-size="sm"
                loading={closing === 'resolved'}
                aria-label={t('queue.resolveFor', { name: f.reporterName })}
                onClick={() => onClose('resolved')}
              >
                {t('queue.resolve')}
              </Button>
              <Button
                variant="tertiary"
                data-size="sm"
                loading={closing === 'dismissed'}
                aria-label={t('queue.dismissFor', { name: f.reporterName })}
                onClick={() => onClose('dismissed')}
              >
                {t('queue.dismiss')}
              </Button>
            </>
          )}
        </div>
      </Card.Block>
    </Card>
  );
}
