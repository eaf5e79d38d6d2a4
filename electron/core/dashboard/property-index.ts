import type { IndexPage, KluisError, Page, SecretProperties } from '../../contract';

/**
 * The property index behind the dashboard, cross-vault search and reminders: the properties (never a value) of
 * every secret in the connected vaults, built from the same listing the secrets list uses (secrets.listPage with
 * its read-ahead, retry budget and local vault supervisor), so the index and the list share pages:
 *
 * - every page the secrets list reads is observed here; a vault the list has just listed completely is answered
 *   from those pages without listing it again, and one the list is listing right now is followed, not listed a
 *   second time beside it (if the list stops half-way, the build goes on from where it stopped);
 * - a build streams: each page is announced as it arrives ('index.page'), per vault, and a vault that fails
 *   announces its error (the error mapping's message, e.g. which permission is missing) while the others go on.
 *
 * Pages taken from the list are dropped whenever the vault's listing may have changed (forget(), called where the
 * read-ahead is dropped) and after REUSE_MS.
 */

/** Pages the secrets list read completely are reused by a build this long. */
export const REUSE_MS = 60_000;
/**
 * A listing the secrets list is walking is followed while it makes progress at least this often (the list asks for
 * its next batch within milliseconds, read-ahead batches wait at most 150 ms); once it stalls (the list was
 * closed), the build carries the walk on from the page it reached, through the same read-ahead.
 */
export const FOLLOW_MS = 400;
/** Vaults listed at once; each listing has one request in flight (list-read-ahead.ts), and all share its budget. */
export const INDEX_CONCURRENCY = 10;

export interface PropertyIndexDeps {
  /** The connected vaults, in the order to list them. */
  vaultIds: () => string[];
  /** secrets.listPage as an operation (with retries); it also calls observe(). */
  listPage: (vaultId: string, continuationToken?: string) => Promise<Page<SecretProperties>>;
  /** The user-facing error for a vault whose listing failed. */
  describe: (err: unknown, vaultId: string) => KluisError;
  emit: (page: IndexPage) => void;
  concurrency?: number;
  reuseMs?: number;
  followMs?: number;
  now?: () => number;
}

export interface VaultIndex {
  items: SecretProperties[];
  error?: KluisError;
  /** When the vault's listing completed (ms). */
  at: number;
}

export interface PropertyIndex {
  /** Starts a build over the given vaults (default: every connected vault); pages arrive as 'index.page'. */
  build(buildId: string, vaultIds?: string[], options?: { fresh?: boolean }): { vaultIds: string[] };
  /** A page secrets.listPage returned (the list's or a build's own). */
  observe(vaultId: string, continuationToken: string | undefined, page: Page<SecretProperties>): void;
  /** The vault's listing may have changed: nothing collected for it is reused. */
  forget(vaultId: string): void;
  /** The vault's properties as the last build (or complete listing) found them. */
  latest(vaultId: string): VaultIndex | undefined;
  /** Resolves when a build has answered for every vault (tests, reminders). */
  settled(buildId: string): Promise<Map<string, VaultIndex>>;
  /** Stops builds from starting more listings. */
  dispose(): void;
}

interface Collecting {
  items: SecretProperties[];
  /** The continuation token of the page expected next; undefined once complete. */
  expect: string | undefined;
  lastPageAt: number;
  waiters: Array<() => void>;
}

export function createPropertyIndex(deps: PropertyIndexDeps): PropertyIndex {
  const now = deps.now ?? Date.now;
  const reuseMs = deps.reuseMs ?? REUSE_MS;
  const followMs = deps.followMs ?? FOLLOW_MS;
  const concurrency = Math.max(1, deps.concurrency ?? INDEX_CONCURRENCY);
  const collecting = new Map<string, Collecting>();
  const complete = new Map<string, VaultIndex>();
  const latest = new Map<string, VaultIndex>();
  const builds = new Map<string, Promise<Map<string, VaultIndex>>>();
  let disposed = false;

  const wake = (c: Collecting) => {
    for (const w of c.waiters.splice(0)) w();
  };

  function observe(vaultId: string, token: string | undefined, page: Page<SecretProperties>): void {
    let c = collecting.get(vaultId);
    if (token === undefined) {
      if (c) wake(c);
      c = { items: [], expect: undefined, lastPageAt: now(), waiters: c?.waiters ?? [] };
      collecting.set(vaultId, c);
    } else if (!c || c.expect !== token) {
      return; // a page of some other walk (a stale token): not part of a listing followed here
    }
    c.items.push(...page.items);
    c.expect = page.continuationToken;
    c.lastPageAt = now();
    if (!c.expect) {
      collecting.delete(vaultId);
      const done = { items: c.items, at: now() };
      complete.set(vaultId, done);
      latest.set(vaultId, done);
    }
    wake(c);
  }

  /**
   * Waits for the list's walk of the vault to finish: its pages when it did, the part it reached when it stalled,
   * nothing when there is no walk (or it was dropped).
   */
  async function follow(
    vaultId: string,
  ): Promise<{ done: VaultIndex } | { partial: { items: SecretProperties[]; next: string } } | undefined> {
    for (;;) {
      const c = collecting.get(vaultId);
      if (!c) {
        const done = complete.get(vaultId);
        return done && now() - done.at <= reuseMs ? { done } : undefined;
      }
      if (now() - c.lastPageAt > followMs) {
        return c.expect ? { partial: { items: [...c.items], next: c.expect } } : undefined;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, followMs);
        c.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async function listVault(buildId: string, vaultId: string, anew: boolean): Promise<VaultIndex> {
    const reused = complete.get(vaultId);
    const followed = anew
      ? undefined
      : reused && now() - reused.at <= reuseMs
        ? { done: reused }
        : await follow(vaultId);
    if (followed && 'done' in followed) {
      deps.emit({ buildId, vaultId, items: followed.done.items, done: true });
      return followed.done;
    }
    const items: SecretProperties[] = [];
    let token: string | undefined;
    if (followed) {
      // The list stopped half-way: what it read counts, and the walk goes on from its next page.
      items.push(...followed.partial.items);
      token = followed.partial.next;
      deps.emit({ buildId, vaultId, items: followed.partial.items, done: false });
    }
    try {
      do {
        const page = await deps.listPage(vaultId, token);
        items.push(...page.items);
        token = page.continuationToken;
        deps.emit({ buildId, vaultId, items: page.items, done: !token });
      } while (token && !disposed);
      const done = { items, at: now() };
      latest.set(vaultId, done);
      return done;
    } catch (err) {
      const error = deps.describe(err, vaultId);
      deps.emit({ buildId, vaultId, items: [], done: true, error });
      const failed = { items, error, at: now() };
      latest.set(vaultId, failed);
      return failed;
    }
  }

  async function run(buildId: string, vaultIds: string[], anew: boolean): Promise<Map<string, VaultIndex>> {
    const out = new Map<string, VaultIndex>();
    let next = 0;
    const worker = async () => {
      while (!disposed && next < vaultIds.length) {
        const vaultId = vaultIds[next++] as string;
        out.set(vaultId, await listVault(buildId, vaultId, anew));
      }
    };
    // Started after build() returned, so the caller hears every page of it.
    await Promise.resolve();
    await Promise.all(Array.from({ length: Math.min(concurrency, vaultIds.length) }, worker));
    return out;
  }

  return {
    build(buildId, requested, options = {}) {
      const connected = deps.vaultIds();
      const vaultIds = requested ? connected.filter((id) => requested.includes(id)) : connected;
      const running = run(buildId, vaultIds, options.fresh === true).finally(() => {
        setTimeout(() => builds.delete(buildId), 60_000).unref?.();
      });
      builds.set(buildId, running);
      return { vaultIds };
    },
    observe,
    forget(vaultId) {
      const c = collecting.get(vaultId);
      collecting.delete(vaultId);
      complete.delete(vaultId);
      if (c) wake(c);
    },
    latest: (vaultId) => latest.get(vaultId),
    settled: async (buildId) => (await builds.get(buildId)) ?? new Map(),
    dispose() {
      disposed = true;
    },
  };
}
