import { useCallback, useEffect, useState } from 'react';
import type { KluisError, Page, Result } from '../../../electron/contract';

export interface PagedListState<T> {
  items: T[];
  /** loading: no page yet; more: rows shown, more pages coming; done; failed (rows so far are kept). */
  phase: 'loading' | 'more' | 'done' | 'failed';
  error?: KluisError;
}

export type PageLoader<T> = (continuationToken: string | undefined) => Promise<Result<Page<T>>>;

/**
 * Fetches every page of a list and shows each as soon as it arrives. Items are merged by `keyOf` and kept
 * sorted, so local changes (upsert, remove) and later pages never duplicate a row. `loadPage` and `keyOf` must
 * be stable (useCallback or module level): a new one starts the list again.
 */
export function usePagedList<T>(loadPage: PageLoader<T>, keyOf: (item: T) => string) {
  const [state, setState] = useState<PagedListState<T>>({ items: [], phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  const merge = useCallback(
    (items: T[], incoming: T[]) => {
      // Pages arrive in key order, so a page usually just extends the list: append without re-sorting what
      // is there (re-sorting every row per page made long lists quadratic).
      const last = items.length > 0 ? keyOf(items[items.length - 1] as T) : undefined;
      const keys = incoming.map(keyOf);
      if (
        keys.every((key, i) => (i === 0 ? last === undefined || key > last : key > (keys[i - 1] as string)))
      ) {
        return items.concat(incoming);
      }
      const map = new Map(items.map((item) => [keyOf(item), item]));
      for (const item of incoming) map.set(keyOf(item), item);
      // Code-unit order, as the service lists (names are [0-9a-z-] once lower-cased).
      return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
    },
    [keyOf],
  );

  useEffect(() => {
    let live = true;
    const load = async () => {
      let continuationToken: string | undefined;
      do {
        const result = await loadPage(continuationToken);
        if (!live) return;
        if (!result.ok) {
          const error = result.error;
          setState((s) => ({ ...s, phase: 'failed', error }));
          return;
        }
        const page = result.value;
        continuationToken = page.continuationToken;
        const phase = continuationToken ? 'more' : 'done';
        setState((s) => ({ items: merge(s.items, page.items), phase }));
      } while (continuationToken);
    };
    void load();
    return () => {
      live = false;
    };
  }, [loadPage, merge, generation]);

  const reload = useCallback(() => {
    setState({ items: [], phase: 'loading' });
    setGeneration((g) => g + 1);
  }, []);
  const upsert = useCallback(
    (item: T) => setState((s) => ({ ...s, items: merge(s.items, [item]) })),
    [merge],
  );
  const remove = useCallback(
    (key: string) => setState((s) => ({ ...s, items: s.items.filter((item) => keyOf(item) !== key) })),
    [keyOf],
  );

  return { ...state, reload, upsert, remove };
}
