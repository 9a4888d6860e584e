import '../i18n';
import { useRef, useState } from 'react';
import { Alert, Badge, Button, Field, Heading, Label, Link, Paragraph, Select, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { errorMessage } from '../../../i18n/errors';
import { isApiError } from '../../../lib/api-error';
import {
  THREAD_SORTS,
  WATCH_LEVELS,
  isThreadSort,
  isWatchLevel,
  type Category,
  type NetworkView,
  type ThreadItem,
  type ThreadSort,
} from '../../../lib/api-types';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { canReadForum } from '../../networks/access';
import { TabHeading, useNetworkContext } from '../../networks/context';
import { useCategories, useThreads, useWatchCategory, type ThreadFilters } from '../api';
import { CategoryManager } from '../components/CategoryManager';
import { MembersOnly } from '../components/MembersOnly';
import { ThreadTags } from '../components/ThreadTags';
import { FORUM_NS } from '../i18n';
import { forumPath, threadPath } from '../paths';

/** The list's filters live in the address: ?kategori=<id>&sorter=<activity|newest|reactions|unanswered>. */
export function threadFilters(params: URLSearchParams): ThreadFilters {
  const f: ThreadFilters = {};
  const category = params.get('kategori');
  const sort = params.get('sorter');
  if (category) f.category = category;
  if (isThreadSort(sort) && sort !== 'activity') f.sort = sort;
  return f;
}

export default function ForumTab() {
  const { network } = useNetworkContext();
  const { user } = useAuth();
  if (!canReadForum(network, user?.siteRole)) return <MembersOnly networkSlug={network.slug} />;
  return <Forum network={network} />;
}

/** The server counts reports waiting up to here; at the cap the badge says "100+". */
const OPEN_FLAGS_CAP = 100;

function Forum({ network }: { network: NetworkView }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = threadFilters(params);
  const sort: ThreadSort = filters.sort ?? 'activity';
  const categories = useCategories(network.slug);
  const threads = useThreads(network.slug, filters);
  const listRef = useRef<HTMLUListElement>(null);
  const member = network.myRole !== undefined;
  const moderator = network.permissions.moderate;
  const byId = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const category = filters.category ? byId.get(filters.category) : undefined;
  const pinned = threads.data?.pages[0]?.pinned ?? [];
  const items = threads.data?.pages.flatMap((p) => p.items) ?? [];
  const denied = isApiError(threads.error) && (threads.error.status === 403 || threads.error.status === 404) && !category;
  const openFlags = threads.data?.pages[0]?.openFlags ?? 0;

  function setFilter(name: 'kategori' | 'sorter', value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value && !(name === 'sorter' && value === 'activity')) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  if (denied) return <MembersOnly networkSlug={network.slug} />;

  let status = '';
  if (threads.isSuccess) {
    const shown = items.length + pinned.length;
    status =
      shown === 0
        ? sort === 'unanswered'
          ? t('list.emptyUnanswered')
          : t('list.empty')
        : t('list.shown', { count: shown }) + (threads.hasNextPage ? ` ${t('list.more')}` : '');
  }

  return (
    <div className="forum">
      <TabHeading title={tc('networkPage.tabs.forum')} />
      <div className="actions">
        {member && (categories.data?.length ?? 0) > 0 && (
          <Button asChild>
            <RouterLink to={`${forumPath(network.slug)}/ny${filters.category ? `?kategori=${filters.category}` : ''}`}>
              {t('list.newThread')}
            </RouterLink>
          </Button>
        )}
        {moderator && (
          <Button asChild variant="secondary">
            <RouterLink to={`${forumPath(network.slug)}/moderering`}>
              {t('list.moderation')}
              {openFlags > 0 && <OpenFlagsBadge count={openFlags} />}
            </RouterLink>
          </Button>
        )}
      </div>
      {!member && <Paragraph>{t('list.readOnly')}</Paragraph>}

      <section aria-labelledby="forum-filters" className="filters">
        <h3 id="forum-filters" className="ds-sr-only">
          {t('list.filtersTitle')}
        </h3>
        <Field>
          <Label>{t('list.category')}</Label>
          <Select value={filters.category ?? ''} onChange={(e) => setFilter('kategori', e.target.value)}>
            <Select.Option value="">{t('list.allCategories')}</Select.Option>
            {(categories.data ?? []).map((c) => (
              <Select.Option key={c.id} value={c.id}>
                {`${c.name} (${formatNumber(c.threadCount)})`}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('list.sort')}</Label>
          <Select
            value={sort}
            onChange={(e) => {
              if (isThreadSort(e.target.value)) setFilter('sorter', e.target.value);
            }}
          >
            {THREAD_SORTS.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`list.sorts.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </section>

      {category && <CategoryInfo slug={network.slug} category={category} />}

      <p role="status" className="results__status">
        {status}
      </p>
      {(threads.isPending || categories.isPending) && <Loading />}
      {threads.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(tc, threads.error)}
        </Alert>
      )}
      {categories.isSuccess && categories.data.length === 0 && (
        <Paragraph>{moderator ? t('list.noCategoriesModerator') : t('list.noCategories')}</Paragraph>
      )}

      {pinned.length > 0 && (
        <section aria-labelledby="forum-pinned" className="thread-list-section">
          <Heading level={3} data-size="xs" id="forum-pinned">
            {t('list.pinned')}
          </Heading>
          <ul className="plain-list thread-list">
            {pinned.map((th) => (
              <li key={th.id}>
                <ThreadRow thread={th} network={network} category={filters.category ? undefined : byId.get(th.categoryId)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {items.length > 0 && (
        <section aria-labelledby="forum-threads" className="thread-list-section">
          <Heading level={3} data-size="xs" id="forum-threads">
            {category ? t('list.threadsIn', { category: category.name }) : t('list.threads')}
          </Heading>
          <ul className="plain-list thread-list" ref={listRef}>
            {items.map((th) => (
              <li key={th.id}>
                <ThreadRow thread={th} network={network} category={filters.category ? undefined : byId.get(th.categoryId)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <LoadMore
        hasNextPage={threads.hasNextPage}
        isFetchingNextPage={threads.isFetchingNextPage}
        fetchNextPage={() => threads.fetchNextPage()}
        count={items.length}
        listRef={listRef}
      />

      {!category && categories.isSuccess && categories.data.length > 0 && (
        <CategoryFollowList slug={network.slug} categories={categories.data} />
      )}

      {moderator && categories.isSuccess && <CategoryManager slug={network.slug} categories={categories.data} />}
    </div>
  );
}

function ThreadRow({ thread: th, network, category }: { thread: ThreadItem; network: NetworkView; category?: Category }) {
  const { t } = useTranslation(FORUM_NS);
  const replies = Math.max(0, th.postCount - 1);
  return (
    <div className={th.new || th.unread > 0 ? 'thread-item thread-item--unread' : 'thread-item'}>
      <Heading level={4} data-size="2xs" className="thread-item__title">
        <Link asChild>
          <RouterLink to={threadPath(network.slug, th)}>{th.title}</RouterLink>
        </Link>
      </Heading>
      <div className="tag-row">
        {th.new ? (
          <Tag data-color="info" data-size="sm">
            {t('list.new')}
          </Tag>
        ) : (
          th.unread > 0 && (
            <Tag data-color="info" data-size="sm">
              {t('list.unread', { count: th.unread, formatted: formatNumber(th.unread) })}
            </Tag>
          )
        )}
        <ThreadTags thread={th} />
        {category && <span className="muted small">{category.name}</span>}
      </div>
      {th.excerpt && <Paragraph data-size="sm" className="thread-item__excerpt">{th.excerpt}</Paragraph>}
      <Paragraph data-size="sm" className="muted">
        {[
          t('list.startedBy', { name: th.authorName }),
          t('list.replies', { count: replies, formatted: formatNumber(replies) }),
          th.reactionCount > 0 && t('list.reactions', { count: th.reactionCount, formatted: formatNumber(th.reactionCount) }),
          t('list.lastActivity', { name: th.lastPosterName, date: formatDateTime(th.lastActivityAt) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Paragraph>
    </div>
  );
}

/**
 * How many reports wait in the moderators' queue. The number is drawn by the
 * badge (hidden from screen readers) and said in words in the link's text.
 */
function OpenFlagsBadge({ count }: { count: number }) {
  const { t } = useTranslation(FORUM_NS);
  const atCap = count >= OPEN_FLAGS_CAP;
  const formatted = formatNumber(Math.min(count, OPEN_FLAGS_CAP));
  return (
    <>
      {/* Badge shows "<maxCount>+" above maxCount: one over the cap gives "100+". */}
      <Badge data-color="danger" count={atCap ? OPEN_FLAGS_CAP + 1 : count} maxCount={OPEN_FLAGS_CAP} aria-hidden="true" />{' '}
      <span className="ds-sr-only">
        ({atCap ? t('list.openFlagsAtCap', { formatted }) : t('list.openFlags', { count, formatted })})
      </span>
    </>
  );
}

/** The chosen category: its description, and following or muting it. */
function CategoryInfo({ slug, category }: { slug: string; category: Category }) {
  const [saved, setSaved] = useState('');
  return (
    <section aria-labelledby="category-title" className="panel category-info">
      <Heading level={3} data-size="xs" id="category-title">
        {category.name}
      </Heading>
      {category.description && <Paragraph>{category.description}</Paragraph>}
      <CategoryWatch slug={slug} category={category} onSaved={setSaved} />
      <p role="status" className="small">
        {saved}
      </p>
    </section>
  );
}

/**
 * Every category, with what it notifies the reader of (follow, as usual, or
 * muted). With a category chosen, its own panel has the choice instead.
 */
function CategoryFollowList({ slug, categories }: { slug: string; categories: Category[] }) {
  const { t } = useTranslation(FORUM_NS);
  const [saved, setSaved] = useState('');
  const ordered = [...categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'nb'));
  return (
    <section aria-labelledby="category-follow-title" className="category-follow">
      <Heading level={3} data-size="xs" id="category-follow-title">
        {t('watch.categoryListTitle')}
      </Heading>
      <Paragraph data-size="sm">{t('watch.categoryListIntro')}</Paragraph>
      <ul className="plain-list category-follow__list">
        {ordered.map((c) => (
          <li key={c.id} className="category-follow__item">
            <div className="category-follow__text">
              <span className="category-follow__name">{c.name}</span>
              <span className="muted small">
                {t('categories.threadCount', { count: c.threadCount, formatted: formatNumber(c.threadCount) })}
              </span>
            </div>
            <CategoryWatch slug={slug} category={c} onSaved={setSaved} />
          </li>
        ))}
      </ul>
      <p role="status" className="small">
        {saved}
      </p>
    </section>
  );
}

/** Follow, notify as usual, or mute one category: the level saved now is the one shown. */
function CategoryWatch({ slug, category, onSaved }: { slug: string; category: Category; onSaved: (text: string) => void }) {
  const { t } = useTranslation(FORUM_NS);
  const { t: tc } = useTranslation();
  const watch = useWatchCategory(slug);
  const level = watch.isPending && watch.variables ? watch.variables.level : category.watch;
  return (
    <div className="category-watch">
      <Field data-size="sm">
        <Label>
          {t('watch.categoryShort')}
          <span className="ds-sr-only"> {t('watch.categoryFor', { category: category.name })}</span>
        </Label>
        <Select
          value={level}
          onChange={(e) => {
            const next = e.target.value;
            if (!isWatchLevel(next)) return;
            onSaved('');
            watch.mutate(
              { id: category.id, level: next },
              { onSuccess: () => onSaved(t(`watch.categorySaved.${next}`, { category: category.name })) },
            );
          }}
        >
          {WATCH_LEVELS.map((l) => (
            <Select.Option key={l} value={l}>
              {t(`watch.categoryLevel.${l}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {watch.error && (
        <Alert data-color="danger" role="alert" data-size="sm">
          {errorMessage(tc, watch.error)}
        </Alert>
      )}
    </div>
  );
}
