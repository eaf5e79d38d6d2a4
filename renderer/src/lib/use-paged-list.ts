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
 * `items` with `incoming` merged in, by `keyOf`, in code-unit order of the keys (as the service lists). Pages arrive
 * in key order, so a page usually just extends the list: it is appended without re-sorting what is there
 * (re-sorting every row per page made long lists quadratic), and an empty page keeps the same array. Anything else
 * (a local change, an overlapping page) is merged by key, so no key appears twice.
 */
export function mergeByKey<T>(items: T[], incoming: T[], keyOf: (item: T) => string): T[] {
  if (incoming.length === 0) return items;
  let last = items.length > 0 ? keyOf(items[items.length - 1] as T) : undefined;
  let inOrder = true;
  for (const item of incoming) {
    const key = keyOf(item);
    if (last !== undefined && key <= last) {
      inOrder = false;
      break;
    }
    last = key;
  }
  if (inOrder) return items.concat(incoming);
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  for (const item of incoming) byKey.set(keyOf(item), item);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

/**
 * Fetches every page of a list and shows each as soon as it arrives. Items are merged by `keyOf` and kept
 * sorted, so local changes (upsert, remove) and later pages never duplicate a row. `loadPage` and `keyOf` must
 * be stable (useCallback or module level): a new one starts the list again.
 */
export function usePagedList<T>(loadPage: PageLoader<T>, keyOf: (item: T) => string) {
  const [state, setState] = useState<PagedListState<T>>({ items: [], phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  const merge = useCallback((items: T[], incoming: T[]) => mergeByKey(items, incoming, keyOf), [keyOf]);

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
