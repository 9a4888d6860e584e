import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import { isApiError } from '../../lib/api-error';
import type { Draft, DraftInput } from '../../lib/api-types';
import { forumKeys } from './api';

/** How long typing has to pause before the draft is saved. */
export const DRAFT_DELAY = 1000;

export type DraftState = 'idle' | 'saving' | 'saved' | 'error' | 'discarded';

const isEmpty = (d: DraftInput) => !d.body.trim() && !d.title?.trim() && !d.attachments?.length;

/**
 * A server-side draft of unposted text ("thread:<id>" or "new:<network slug>"):
 * `draft` is what was saved before (null when nothing was, undefined while
 * loading); `change` saves the text a second after typing stops (and deletes the
 * draft when the text is emptied); `settle` waits for any save under way, so a
 * post made right after cannot be followed by a stale save; `discard` deletes it.
 * A save still waiting when the page closes is made at once.
 */
export function useDraft(key: string, enabled: boolean) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const [state, setState] = useState<DraftState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const waiting = useRef<DraftInput | null>(null);
  const inflight = useRef<Promise<void>>(Promise.resolve());

  const loaded = useQuery({
    queryKey: forumKeys.draft(key),
    queryFn: async (): Promise<Draft | null> => {
      try {
        return await client.getDraft(key);
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });

  const store = useCallback(
    (input: DraftInput) => {
      const run = async () => {
        setState('saving');
        try {
          if (isEmpty(input)) {
            await client.discardDraft(key).catch((e: unknown) => {
              if (!(isApiError(e) && e.status === 404)) throw e;
            });
            setState('idle');
            setSavedAt(null);
          } else {
            const saved = await client.saveDraft(key, input);
            setState('saved');
            setSavedAt(saved.updatedAt);
          }
        } catch {
          setState('error');
        }
      };
      inflight.current = inflight.current.then(run);
      return inflight.current;
    },
    [client, key],
  );

  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    waiting.current = null;
  }, []);

  const change = useCallback(
    (input: DraftInput) => {
      if (!enabled) return;
      if (timer.current) clearTimeout(timer.current);
      waiting.current = input;
      timer.current = setTimeout(() => {
        timer.current = null;
        const next = waiting.current;
        waiting.current = null;
        if (next) void store(next);
      }, DRAFT_DELAY);
    },
    [enabled, store],
  );

  /** Drops a save not yet made and waits for one under way (call before posting). */
  const settle = useCallback(async () => {
    cancel();
    await inflight.current;
  }, [cancel]);

  /** After the post is made: the server has deleted the draft. */
  const posted = useCallback(() => {
    cancel();
    setState('idle');
    setSavedAt(null);
    queryClient.setQueryData(forumKeys.draft(key), null);
  }, [cancel, key, queryClient]);

  const discard = useCallback(async () => {
    await settle();
    await store({ body: '' });
    setState('discarded');
    queryClient.setQueryData(forumKeys.draft(key), null);
  }, [key, queryClient, settle, store]);

  // Leaving the page with a save still waiting: make it now.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      const next = waiting.current;
      waiting.current = null;
      if (next) void store(next);
    },
    [store],
  );

  return {
    /** The saved draft: undefined while loading, null when there is none. */
    draft: !enabled || loaded.isError ? null : loaded.data,
    state,
    savedAt,
    change,
    settle,
    posted,
    discard,
  };
}
