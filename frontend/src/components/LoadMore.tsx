import { useEffect, useRef, type RefObject } from 'react';
import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

type Props = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  /** How many items the list shows now. */
  count: number;
  /** The element whose children are the list's items (a <ul> or <tbody>). */
  listRef: RefObject<HTMLElement | null>;
  /** When not every child is an item (e.g. a detail row after each row): which are. */
  itemSelector?: string;
};

/**
 * "Vis flere": loads the next page, then moves focus to the first new item so
 * keyboard and screen-reader users continue where the new results start. Pair it
 * with a role="status" summary of the list ("Viser 40 …"), which announces the change.
 */
export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, count, listRef, itemSelector }: Props) {
  const { t } = useTranslation();
  const focusFrom = useRef<number | null>(null);

  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || count <= from) return;
    focusFrom.current = null;
    const children = Array.from(listRef.current?.children ?? []);
    const item = (itemSelector ? children.filter((el) => el.matches(itemSelector)) : children)[from];
    if (!(item instanceof HTMLElement)) return;
    const target = item.querySelector<HTMLElement>('a[href], button:not([disabled])');
    if (target) {
      target.focus();
    } else {
      item.tabIndex = -1;
      item.focus();
    }
  }, [count, listRef, itemSelector]);

  if (!hasNextPage) return null;
  return (
    <div className="actions">
      <Button
        variant="secondary"
        loading={isFetchingNextPage}
        onClick={() => {
          if (isFetchingNextPage) return;
          focusFrom.current = count;
          fetchNextPage();
        }}
      >
        {isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
      </Button>
    </div>
  );
}
