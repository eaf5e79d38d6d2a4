import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Page, Result, SecretProperties } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { mergeByKey, type PagedListState } from '../../lib/use-paged-list';

export type SecretPagesState = PagedListState<SecretProperties>;

/** Names are case-insensitive in Key Vault. */
export const secretKey = (secret: SecretProperties) => secret.name.toLowerCase();

type PageResult = Result<Page<SecretProperties>>;
export type SecretPageLoader = (vaultId: string, continuationToken?: string) => Promise<PageResult>;

const listPage: SecretPageLoader = (vaultId, continuationToken) =>
  kluis().secrets.listPage({ vaultId, ...(continuationToken ? { continuationToken } : {}) });

/**
 * Later pages are shown together at most this often: each commit re-renders a list that grows to thousands of
 * rows, and one per 25-row page spends the CPU the page requests need. The first and the last page show at once.
 */
export const COMMIT_EVERY_MS = 100;

/** A first page asked for before the workspace mounted (see startSecretPages), by vault. */
const early = new Map<string, { at: number; result: Promise<PageResult> }>();
/** An early first page older than this is not used: the workspace fetches its own. */
const EARLY_FOR_MS = 2_000;

/**
 * Asks for a vault's first page now, for the workspace about to show it: the click that opens a vault calls this
 * before it renders anything or writes settings, so the request is on its way first.
 */
export function startSecretPages(vaultId: string, load: SecretPageLoader = listPage): void {
  early.set(vaultId, { at: performance.now(), result: load(vaultId) });
}

function takeEarly(vaultId: string): Promise<PageResult> | undefined {
  const started = early.get(vaultId);
  early.delete(vaultId);
  return started && performance.now() - started.at < EARLY_FOR_MS ? started.result : undefined;
}

/**
 * The vault's secrets, page by page. Each page's successor is requested before the page is rendered, so the
 * network (and core's read-ahead) never waits for React; the first page is shown the moment it arrives, later
 * ones in batches (COMMIT_EVERY_MS), and the last one at once.
 */
export function useSecretPages(vaultId: string, load: SecretPageLoader = listPage) {
  const [state, setState] = useState<SecretPagesState>({ items: [], phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    let pending: SecretProperties[] = [];
    let timer: number | undefined;
    let shown = false;
    const commit = (phase: SecretPagesState['phase'], error?: SecretPagesState['error']) => {
      window.clearTimeout(timer);
      timer = undefined;
      const incoming = pending;
      pending = [];
      setState((s) => ({
        items: mergeByKey(s.items, incoming, secretKey),
        phase,
        ...(error ? { error } : {}),
      }));
    };
    const run = async () => {
      // Only the first listing of a mount may use a page asked for at the click; a reload asks afresh.
      let next = (generation === 0 ? takeEarly(vaultId) : undefined) ?? load(vaultId);
      for (;;) {
        const result = await next;
        if (!live) return;
        if (!result.ok) {
          commit('failed', result.error);
          return;
        }
        const { items, continuationToken } = result.value;
        if (continuationToken) next = load(vaultId, continuationToken);
        pending = pending.length === 0 ? items : pending.concat(items);
        if (!continuationToken || !shown) {
          shown = true;
          // Straight into the DOM, without waiting for the scheduler's next task.
          flushSync(() => commit(continuationToken ? 'more' : 'done'));
          if (!continuationToken) return;
        } else if (timer === undefined) {
          timer = window.setTimeout(() => commit('more'), COMMIT_EVERY_MS);
        }
      }
    };
    void run();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [vaultId, load, generation]);

  const reload = useCallback(() => {
    setState({ items: [], phase: 'loading' });
    setGeneration((g) => g + 1);
  }, []);
  const upsert = useCallback(
    (item: SecretProperties) => setState((s) => ({ ...s, items: mergeByKey(s.items, [item], secretKey) })),
    [],
  );
  const remove = useCallback((name: string) => {
    const key = name.toLowerCase();
    setState((s) => ({ ...s, items: s.items.filter((item) => secretKey(item) !== key) }));
  }, []);

  return { ...state, reload, upsert, remove };
}
