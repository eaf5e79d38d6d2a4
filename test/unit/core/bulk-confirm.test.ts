import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BulkProgress, KluisError } from '../../../electron/contract';
import type { ConfirmedAction, ConfirmedRequests } from '../../../electron/core/bulk/bulk-requests';
import { createBulkRunner, type BulkRunnerDeps } from '../../../electron/core/bulk/bulk-runner';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';

const throttled = () =>
  new KluisFailure({ kind: 'throttled', message: 'Key Vault is throttling.', status: 429 });
const describeError = (err: unknown): KluisError =>
  err instanceof KluisFailure ? err.error : { kind: 'internal', message: String(err) };

interface FakeVaultOptions {
  /** Names the list holds besides the job's own (other deleted secrets, or other live ones). */
  others?: string[];
  /** A written item is listed (and found by a check) only this long after its write. */
  visibleAfterMs?: number;
  /** Items that are never listed nor found (the write was accepted, completion never shows). */
  never?: Set<string>;
  /** Items whose first write is throttled (not processed). */
  throttleFirst?: Set<string>;
  /** The identity may write but not list or read deleted secrets. */
  refuseReads?: boolean;
}

const forbidden = () =>
  new KluisFailure({ kind: 'forbidden', message: 'The identity may not list secrets.', status: 403 });

/**
 * A vault as the confirmed requests see it: writes land at once but show up in the list (and in a check) only
 * after visibleAfterMs, like the service's eventual consistency. The list is ordered case-insensitively and paged
 * by the last name seen, 25 at a time, like the service's $skiptoken.
 */
function fakeVault(options: FakeVaultOptions = {}) {
  const writtenAt = new Map<string, number>();
  const writes: Array<{ name: string; attempt: number }> = [];
  let pages = 0;
  let checks = 0;
  const visible = (name: string) => {
    const at = writtenAt.get(name);
    return at !== undefined && !options.never?.has(name) && Date.now() - at >= (options.visibleAfterMs ?? 0);
  };
  const requests: ConfirmedRequests = {
    async write(_v, _a: ConfirmedAction, name, attempt) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (attempt > 1 && visible(name)) return 'done';
      writes.push({ name, attempt });
      if (attempt === 1 && options.throttleFirst?.has(name)) throw throttled();
      writtenAt.set(name, Date.now());
      return 'sent';
    },
    async check(_v, _a, name) {
      checks += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (options.refuseReads) throw forbidden();
      return visible(name);
    },
    list() {
      let after = '';
      return async () => {
        pages += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (options.refuseReads) throw forbidden();
        const all = [...(options.others ?? []), ...[...writtenAt.keys()].filter(visible)]
          .filter((n) => n.toUpperCase() > after)
          .sort((a, b) => (a.toUpperCase() < b.toUpperCase() ? -1 : 1));
        const names = all.slice(0, 25);
        if (names.length > 0) after = (names.at(-1) as string).toUpperCase();
        return { names, more: all.length > 25 };
      };
    },
  };
  return {
    requests,
    writes,
    get pages() {
      return pages;
    },
    get checks() {
      return checks;
    },
  };
}

function runner(vault: ReturnType<typeof fakeVault>, limits: BulkRunnerDeps['limits'] = {}) {
  const events: BulkProgress[] = [];
  const runItem = vi.fn(async () => undefined);
  const bulk = createBulkRunner({
    runItem,
    confirmed: vault.requests,
    describe: describeError,
    emit: (p) => events.push(p),
    limits: { concurrency: 16, perSecond: 320, burst: 64, backoffBaseMs: 1_000, ...limits },
    random: () => 0.5,
  });
  return { bulk, events, runItem };
}

const names = (n: number, prefix = 's') =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

async function run(bulk: ReturnType<typeof runner>['bulk'], action: ConfirmedAction, list: string[]) {
  const { jobId } = bulk.start({ vaultId: 'v', action, names: list });
  const done = bulk.settled(jobId);
  await vi.runAllTimersAsync();
  return (await done) as BulkProgress;
}

describe('confirmed bulk jobs (delete, recover)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('1,000 items: one write each, confirmed by about one list page per 25 items, no per-item checks', async () => {
    const vault = fakeVault();
    const { bulk, events, runItem } = runner(vault);
    const final = await run(bulk, 'delete', names(1000).reverse());
    expect(final).toMatchObject({ done: 1000, total: 1000, failed: 0 });
    expect(final.results?.every((r) => r.ok)).toBe(true);
    expect(vault.writes).toHaveLength(1000);
    expect(new Set(vault.writes.map((w) => w.name)).size).toBe(1000);
    expect(vault.pages).toBeLessThanOrEqual(1000 / 25 + 2);
    expect(vault.checks).toBe(0);
    expect(runItem).not.toHaveBeenCalled();
    // Progress while the job runs, never going back.
    const steps = events.slice(0, -1).map((e) => e.done);
    expect(steps.length).toBeGreaterThan(20);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('5 items in a 5,000-name listing: a few pages at most, then one check each', async () => {
    const vault = fakeVault({ others: names(5000, 'a') });
    const { bulk } = runner(vault);
    const final = await run(bulk, 'delete', names(5, 'z'));
    expect(final).toMatchObject({ done: 5, failed: 0 });
    expect(vault.pages).toBeLessThanOrEqual(3);
    expect(vault.checks).toBe(5);
  });

  it('a listing that ends before the names stops early (sorted, case-insensitive)', async () => {
    // The job's names sort before the 5,000 others: the pages that cover them are enough.
    const vault = fakeVault({ others: names(5000, 'z') });
    const { bulk } = runner(vault);
    const final = await run(bulk, 'recover', names(100, 'A'));
    expect(final).toMatchObject({ done: 100, failed: 0 });
    expect(vault.pages).toBeLessThanOrEqual(100 / 25 + 1);
    expect(vault.checks).toBe(0);
  });

  it('eventual consistency: what a pass missed is confirmed by a later round, never written twice', async () => {
    const vault = fakeVault({ visibleAfterMs: 1_200 });
    const { bulk } = runner(vault);
    const final = await run(bulk, 'delete', names(200));
    expect(final).toMatchObject({ done: 200, failed: 0 });
    expect(vault.writes).toHaveLength(200);
    // Re-listing 200 items costs 8 pages each round, cheaper than 200 checks.
    expect(vault.checks).toBe(0);
    expect(vault.pages).toBeLessThan(200 / 5);
  });

  it('eventual consistency while writing: the pass that follows the writes confirms some, rounds the rest', async () => {
    const vault = fakeVault({ visibleAfterMs: 150, others: names(40, 'm') });
    const { bulk } = runner(vault, { perSecond: 200, burst: 20 });
    const final = await run(bulk, 'recover', names(500));
    expect(final).toMatchObject({ done: 500, failed: 0 });
    expect(vault.writes).toHaveLength(500);
    expect(vault.checks).toBeLessThanOrEqual(25);
    expect(vault.pages).toBeLessThan(500 / 10);
  });

  it('an item whose completion never shows fails after the bounded wait, saying what is known', async () => {
    const vault = fakeVault({ never: new Set(['s-0003']) });
    const { bulk } = runner(vault);
    const t0 = Date.now();
    const final = await run(bulk, 'recover', names(50));
    expect(final).toMatchObject({ done: 50, failed: 1 });
    const failed = final.results?.find((r) => !r.ok);
    expect(failed?.name).toBe('s-0003');
    expect(failed?.error).toMatch(/accepted the recovery of "s-0003", but it was not listed/);
    expect(Date.now() - t0).toBeLessThan(40_000);
    // One item left: rechecked by itself, not by re-listing 50 names each round.
    expect(vault.checks).toBeGreaterThanOrEqual(5);
    expect(vault.writes.filter((w) => w.name === 's-0003')).toHaveLength(1);
  });

  it('a vault that refuses the confirming reads: each item fails at once, saying the write was accepted', async () => {
    const vault = fakeVault({ refuseReads: true });
    const { bulk } = runner(vault);
    const t0 = Date.now();
    const final = await run(bulk, 'delete', names(20));
    expect(final).toMatchObject({ done: 20, failed: 20 });
    expect(final.results?.[0]?.error).toBe(
      'Key Vault accepted the deletion of "s-0000", but refused the check that it completed: The identity may not list secrets.',
    );
    expect(vault.writes).toHaveLength(20);
    expect(vault.checks).toBe(20);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('a throttled write backs off, checks first and is written once more (429 = not processed)', async () => {
    const vault = fakeVault({ throttleFirst: new Set(['s-0001', 's-0007']) });
    const { bulk } = runner(vault);
    const final = await run(bulk, 'delete', names(20));
    expect(final).toMatchObject({ done: 20, failed: 0 });
    expect(vault.writes.filter((w) => w.name === 's-0001').map((w) => w.attempt)).toEqual([1, 2]);
    expect(vault.writes.filter((w) => w.attempt === 1)).toHaveLength(20);
  });

  it('keeps to the request rate: writes, pages and checks all take tokens', async () => {
    const vault = fakeVault();
    const { bulk } = runner(vault, { perSecond: 100, burst: 10 });
    const t0 = Date.now();
    const final = await run(bulk, 'delete', names(300));
    expect(final).toMatchObject({ done: 300, failed: 0 });
    const requests = vault.writes.length + vault.pages + vault.checks;
    // 10 at once, then 100 per second.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(((requests - 10) / 100) * 1000 - 50);
  });

  it('cancel stops writing; what was written is still confirmed and reported, nothing else', async () => {
    const vault = fakeVault();
    const { bulk } = runner(vault, { perSecond: 50, burst: 5, concurrency: 4 });
    const { jobId } = bulk.start({ vaultId: 'v', action: 'delete', names: names(200) });
    const done = bulk.settled(jobId);
    await vi.advanceTimersByTimeAsync(300);
    bulk.cancel(jobId);
    await vi.runAllTimersAsync();
    const final = (await done) as BulkProgress;
    expect(final.cancelled).toBe(true);
    expect(final.done).toBeLessThan(200);
    expect(final.failed).toBe(0);
    expect(final.results?.map((r) => r.name).sort()).toEqual(vault.writes.map((w) => w.name).sort());
  });
});
