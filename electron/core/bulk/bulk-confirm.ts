import type { BulkItemResult, KluisError } from '../../contract';
import type { ConfirmedAction, ConfirmedRequests } from './bulk-requests';
import type { TokenBucket } from './token-bucket';

/*
 * A confirmed bulk job (delete, recover): one write per item, and completion confirmed in bulk. The items are
 * written in the order the service lists names (case-insensitive), and a listing pass follows the writes a page
 * behind, so one page (one request) confirms up to 25 items. What a pass did not see (the service is eventually
 * consistent: a deleted secret may take a moment to be listed as deleted, a recovered one to be listed) is checked
 * again after a wait, by listing again or one request per item, whichever costs fewer requests, for a bounded
 * time; an item still not confirmed then fails with a message that says so.
 */

export const LIST_PAGE_SIZE = 25;
/** Pages of other names a listing may read beyond the items it confirmed before it has not paid for itself. */
export const LIST_SLACK_PAGES = 3;
/** Waits before each recheck round (about 24 s in all). */
export const RECHECK_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 8_000];

export interface ConfirmedJob {
  vaultId: string;
  action: ConfirmedAction;
  names: string[];
  requests: ConfirmedRequests;
  /** Every request the job makes takes one token. */
  bucket: TokenBucket;
  concurrency: number;
  maxAttempts: number;
  backoff(attempt: number): number;
  sleep(ms: number): Promise<void>;
  describe(err: unknown): KluisError;
  cancelled(): boolean;
  /** Called once per item, as soon as its outcome is known. */
  settle(result: BulkItemResult): void;
  recheckDelaysMs?: number[];
}

/** What the job sent, by kind (for tests and the bench). */
export interface ConfirmedJobStats {
  writes: number;
  listPages: number;
  checks: number;
}

const keyOf = (name: string) => name.toUpperCase();
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type State = 'waiting' | 'writing' | 'pending' | 'settled' | 'skipped';

function unconfirmedMessage(action: ConfirmedAction, name: string, seconds: number): string {
  return action === 'delete'
    ? `Key Vault accepted the deletion of "${name}", but it was not listed among the deleted secrets within ${seconds} s. Refresh the deleted secrets to check before deleting it again.`
    : `Key Vault accepted the recovery of "${name}", but it was not listed among the secrets within ${seconds} s. Refresh the secrets to check before recovering it again.`;
}

export async function runConfirmedJob(job: ConfirmedJob): Promise<ConfirmedJobStats> {
  const stats: ConfirmedJobStats = { writes: 0, listPages: 0, checks: 0 };
  const sorted = [...job.names].sort((a, b) => byKey(keyOf(a), keyOf(b)));
  const keys = sorted.map(keyOf);
  const index = new Map(keys.map((k, i) => [k, i]));
  const state: State[] = sorted.map(() => 'waiting');
  /** Written, not yet confirmed. */
  const pending = new Set<number>();
  let frontier = 0;
  let writesDone = false;
  let confirmedByListing = 0;
  let wake: (() => void) | undefined;
  const changed = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const nextChange = () => new Promise<void>((resolve) => (wake = resolve));

  const settle = (i: number, ok: boolean, error?: string) => {
    if (state[i] === 'settled') return;
    state[i] = 'settled';
    pending.delete(i);
    const name = sorted[i] as string;
    job.settle(ok ? { name, ok: true } : { name, ok: false, error: error ?? 'Failed.' });
  };
  const advance = () => {
    while (frontier < sorted.length && state[frontier] !== 'waiting' && state[frontier] !== 'writing') {
      frontier++;
    }
    changed();
  };

  async function writeOne(i: number): Promise<void> {
    const name = sorted[i] as string;
    for (let attempt = 1; ; attempt++) {
      // A later attempt checks first, then writes: two requests.
      await job.bucket.take(attempt === 1 ? 1 : 2);
      if (job.cancelled()) {
        state[i] = 'skipped';
        return;
      }
      try {
        stats.writes += 1;
        const outcome = await job.requests.write(job.vaultId, job.action, name, attempt);
        if (outcome === 'done') settle(i, true);
        else {
          state[i] = 'pending';
          pending.add(i);
        }
        return;
      } catch (err) {
        const error = job.describe(err);
        if (error.kind !== 'throttled' || attempt >= job.maxAttempts) {
          settle(i, false, error.message);
          return;
        }
        const delay = job.backoff(attempt);
        job.bucket.pause(delay);
        await job.sleep(delay);
      }
    }
  }

  let next = 0;
  async function writer(): Promise<void> {
    while (!job.cancelled() && next < sorted.length) {
      const i = next++;
      state[i] = 'writing';
      await writeOne(i);
      advance();
    }
  }

  /** First index whose key is after `key`. */
  const firstAfter = (key: string) => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((keys[mid] as string) <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Whether anything after `key` may still need this pass: unwritten items, or written and unconfirmed ones. */
  const neededAfter = (key: string) => {
    const from = firstAfter(key);
    if (!writesDone && from < sorted.length) return true;
    for (const i of pending) if (i >= from) return true;
    return false;
  };
  /**
   * Listing pays while the names it read that are not this job's (other secrets in the list) fill fewer pages than
   * the items it confirmed, plus a little slack: checking each of those items would have cost one request each.
   * Pages short of the job's own names because the vault does not show them yet do not count against it.
   */
  let othersListed = 0;
  const listingPays = () => othersListed / LIST_PAGE_SIZE < confirmedByListing + LIST_SLACK_PAGES;

  /**
   * One listing pass. Following the writes, it reads a page only once a page's worth of items after the last
   * page are written (or all are). Resolves true when it ran to its end, false when it stopped paying off.
   */
  async function listPass(followWrites: boolean): Promise<boolean> {
    const nextPage = job.requests.list(job.vaultId, job.action);
    let lastKey = '';
    for (;;) {
      if (followWrites) {
        while (!writesDone && frontier - firstAfter(lastKey) < LIST_PAGE_SIZE) await nextChange();
      }
      if (!neededAfter(lastKey)) return true;
      if (!listingPays()) return false;
      await job.bucket.take(1);
      const page = await nextPage();
      if (!page.more && page.names.length === 0) return true;
      stats.listPages += 1;
      for (const name of page.names) {
        const i = index.get(keyOf(name));
        if (i === undefined) othersListed += 1;
        else if (pending.has(i)) {
          settle(i, true);
          confirmedByListing += 1;
        }
      }
      const last = page.names.at(-1);
      if (last !== undefined && keyOf(last) > lastKey) lastKey = keyOf(last);
      if (!page.more) return true;
    }
  }

  /** One request per pending item, a few at a time; an item whose check fails stays pending. */
  async function checkEach(): Promise<void> {
    const queue = [...pending];
    const checker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        await job.bucket.take(1);
        stats.checks += 1;
        const name = sorted[i] as string;
        try {
          if (await job.requests.check(job.vaultId, job.action, name)) settle(i, true);
        } catch (err) {
          // Checked again in the next round, unless the vault refuses the check itself: then waiting cannot help.
          const error = job.describe(err);
          if (error.kind === 'forbidden' || error.kind === 'unauthenticated') {
            const what = job.action === 'delete' ? 'deletion' : 'recovery';
            settle(
              i,
              false,
              `Key Vault accepted the ${what} of "${name}", but refused the check that it completed: ${error.message}`,
            );
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(job.concurrency, queue.length) }, checker));
  }

  let listing = sorted.length > LIST_SLACK_PAGES;
  const confirming = (async () => {
    if (!listing) return;
    try {
      listing = await listPass(true);
    } catch {
      listing = false;
    }
  })();
  await Promise.all(Array.from({ length: Math.min(job.concurrency, sorted.length) }, writer));
  writesDone = true;
  changed();
  await confirming;
  // Listing was not used or stopped paying off: check each written item once before waiting.
  if (!listing && pending.size > 0) await checkEach();

  const delays = job.recheckDelaysMs ?? RECHECK_DELAYS_MS;
  let waited = 0;
  let lastPassPages = stats.listPages;
  for (const delay of delays) {
    if (pending.size === 0) break;
    // Cancelled: one more look at once, no more waiting.
    const cancelled = job.cancelled();
    if (!cancelled) {
      await job.sleep(delay);
      waited += delay;
    }
    if (listing && pending.size > lastPassPages) {
      const before = stats.listPages;
      try {
        listing = await listPass(false);
      } catch {
        listing = false;
      }
      lastPassPages = Math.max(1, stats.listPages - before);
      if (!listing) await checkEach();
    } else {
      await checkEach();
    }
    if (cancelled) break;
  }
  const seconds = Math.max(1, Math.round(waited / 1000));
  for (const i of [...pending])
    settle(i, false, unconfirmedMessage(job.action, sorted[i] as string, seconds));
  return stats;
}
