import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import { forumKeys } from './api';

/** At most one "read up to" call per this many milliseconds. */
export const READ_THROTTLE = 2000;

/**
 * Remembers how far the reader has read: each post's footer coming into view
 * counts, and the furthest number goes to the server now and then (throttled),
 * only ever forwards. Returns a ref callback for the footers (with data-number).
 */
export function useReadTracker(threadId: string, networkSlug: string, lastRead: number) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const sent = useRef(lastRead);
  const best = useRef(lastRead);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const n = best.current;
    if (n <= sent.current) return;
    sent.current = n;
    // Failing to remember is not worth interrupting the reader for.
    client.markRead(threadId, n).catch(() => undefined);
  }, [client, threadId]);

  const seen = useCallback(
    (n: number) => {
      if (!Number.isFinite(n) || n <= best.current) return;
      best.current = n;
      timer.current ??= setTimeout(flush, READ_THROTTLE);
    },
    [flush],
  );

  // Made when the first footer comes, so nothing about it happens while rendering.
  const observer = useRef<IntersectionObserver | null>(null);

  useEffect(
    () => () => {
      observer.current?.disconnect();
      observer.current = null;
      const moved = best.current > sent.current;
      flush();
      // The lists' unread counts are stale now.
      if (moved || best.current > lastRead)
        void queryClient.invalidateQueries({ queryKey: forumKeys.threadsOf(networkSlug) });
    },
    [flush, queryClient, networkSlug, lastRead],
  );

  return useCallback(
    (el: HTMLElement | null) => {
      if (!el || typeof IntersectionObserver === 'undefined') return;
      observer.current ??= new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (e.isIntersecting && e.target instanceof HTMLElement) seen(Number(e.target.dataset.number));
        }
      });
      const o = observer.current;
      o.observe(el);
      return () => o.unobserve(el);
    },
    [seen],
  );
}
