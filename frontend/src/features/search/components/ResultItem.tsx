import { Link, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchResult, SearchType } from '../../../lib/api-types';
import { formatDate } from '../../../lib/format';
import { safePath } from '../params';
import { Snippet } from './Snippet';

const TYPE_COLOR: Record<SearchType, 'accent' | 'neutral' | 'success' | 'brand1' | 'info'> = {
  thread: 'accent',
  post: 'neutral',
  resource: 'success',
  network: 'brand1',
  person: 'info',
};

/** Threads, posts and resources are dated; a network's or person's date says little. */
const DATED: SearchType[] = ['thread', 'post', 'resource'];

/** One search result: its type, the title as a link, the snippet and where it is from. */
export function ResultItem({ result: r }: { result: SearchResult }) {
  const { t } = useTranslation('search');
  const path = safePath(r.link);
  const network = r.type !== 'network' ? r.networkName : undefined;
  return (
    <li className="search-result">
      <div className="search-result__head">
        <h3 className="search-result__title">
          {path ? (
            <Link asChild>
              <RouterLink to={path}>{r.title}</RouterLink>
            </Link>
          ) : (
            r.title
          )}
        </h3>
        <Tag data-size="sm" data-color={TYPE_COLOR[r.type]}>
          {t(`types.${r.type}`)}
        </Tag>
      </div>
      <Snippet html={r.snippet} className="search-result__snippet" />
      {(network || r.orgName || DATED.includes(r.type)) && (
        <p className="search-result__meta">
          {network && <span>{network}</span>}
          {r.orgName && <span>{r.orgName}</span>}
          {DATED.includes(r.type) && (
            <span>
              <time dateTime={r.date}>{formatDate(r.date)}</time>
            </span>
          )}
        </p>
      )}
    </li>
  );
}
