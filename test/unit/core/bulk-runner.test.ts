import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BulkAction, BulkProgress, KluisError } from '../../../electron/contract';
import { createBulkRunner, type BulkRunnerDeps } from '../../../electron/core/bulk/bulk-runner';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';
import { TokenBucket } from '../../../electron/core/bulk/token-bucket';

const throttled = () =>
  new KluisFailure({ kind: 'throttled', message: 'Key Vault is throttling.', status: 429 });
const describeError = (err: unknown): KluisError =>
  err instanceof KluisFailure ? err.error : { kind: 'internal', message: String(err) };

function runner(runItem: BulkRunnerDeps['runItem'], limits: BulkRunnerDeps['limits'] = {}) {
  const events: BulkProgress[] = [];
  const bulk = createBulkRunner({
    runItem,
    describe: describeError,
    emit: (p) => events.push(p),
    limits: { concurrency: 4, perSecond: 1_000, burst: 100, backoffBaseMs: 1_000, ...limits },
    random: () => 0.5,
  });
  return { bulk, events };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `s-${i}`);

describe('bulk runner', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs every item once and reports per-item results, failures included', async () => {
    const calls: string[] = [];
    const { bulk, events } = runner(async (_v, _a, name) => {
      calls.push(name);
      if (name === 's-3') throw new KluisFailure({ kind: 'not-found', message: 'There is no secret s-3.' });
    });
    const { jobId } = bulk.start({ vaultId: 'v', action: 'delete', names: names(10) });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    const final = await done;
    expect(calls.sort()).toEqual(names(10).sort());
    expect(final).toMatchObject({ jobId, done: 10, total: 10, failed: 1 });
    expect(final?.results?.find((r) => r.name === 's-3')).toEqual({
      name: 's-3',
      ok: false,
      error: 'There is no secret s-3.',
    });
    expect(final?.results?.filter((r) => r.ok)).toHaveLength(9);
    expect(events.at(-1)).toEqual(final);
    expect(events.slice(0, -1).every((e) => e.results === undefined)).toBe(true);
  });

  it('backs off after a 429 without Retry-After and retries that item, once per throttle', async () => {
    const attempts = new Map<string, number>();
    const startedAt: number[] = [];
    const { bulk } = runner(async (_v, _a, name) => {
      const n = (attempts.get(name) ?? 0) + 1;
      attempts.set(name, n);
      if (name === 's-0') startedAt.push(Date.now());
      if (name === 's-0' && n <= 2) throw throttled();
    });
    const { jobId } = bulk.start({ vaultId: 'v', action: 'purge', names: names(3) });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    const final = await done;
    expect(final).toMatchObject({ done: 3, failed: 0 });
    expect(attempts.get('s-0')).toBe(3);
    expect(attempts.get('s-1')).toBe(1);
    // Waits of about 1 s then 2 s (exponential, half of it random).
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(750);
    expect(startedAt[2]! - startedAt[1]!).toBeGreaterThanOrEqual(1_500);
  });

  it('never repeats an item that failed in any other way (its write may have landed)', async () => {
    let calls = 0;
    const { bulk } = runner(async () => {
      calls += 1;
      throw new KluisFailure({ kind: 'network', message: 'The connection was reset.' });
    });
    const { jobId } = bulk.start({ vaultId: 'v', action: 'disable', names: ['one'] });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    expect(await done).toMatchObject({ done: 1, failed: 1 });
    expect(calls).toBe(1);
  });

  it('gives up on an item the service keeps throttling, with the throttled message', async () => {
    const { bulk } = runner(
      async () => {
        throw throttled();
      },
      { maxAttempts: 3 },
    );
    const { jobId } = bulk.start({ vaultId: 'v', action: 'enable', names: ['one'] });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    expect((await done)?.results).toEqual([{ name: 'one', ok: false, error: 'Key Vault is throttling.' }]);
  });

  it('cancel stops starting items; those in flight finish and the final event says cancelled', async () => {
    let started = 0;
    const { bulk, events } = runner(async () => {
      started += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    const { jobId } = bulk.start({ vaultId: 'v', action: 'delete', names: names(100) });
    const done = bulk.settled(jobId);
    await vi.advanceTimersByTimeAsync(250);
    expect(bulk.cancel(jobId)).toEqual({ cancelled: true });
    await vi.runAllTimersAsync();
    const final = await done;
    expect(final?.cancelled).toBe(true);
    expect(final?.done).toBeLessThan(20);
    expect(final?.results).toHaveLength(final?.done ?? -1);
    expect(started).toBe(final?.done);
    expect(events.at(-1)?.cancelled).toBe(true);
    expect(bulk.cancel(jobId)).toEqual({ cancelled: false });
  });

  it('keeps to the concurrency and de-duplicates names case-insensitively', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const { bulk } = runner(async (_v, _a: BulkAction, name) => {
      seen.push(name);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
    });
    const { jobId } = bulk.start({ vaultId: 'v', action: 'delete', names: [...names(20), 'S-1', 's-2'] });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    expect((await done)?.total).toBe(20);
    expect(seen).toHaveLength(20);
    expect(most).toBe(4);
  });

  it("rate-limits requests per vault, counting each action's requests", async () => {
    const starts: number[] = [];
    const { bulk } = runner(
      async () => {
        starts.push(Date.now());
      },
      { perSecond: 30, burst: 15, concurrency: 8 },
    );
    const t0 = Date.now();
    // A recover makes 3 requests: 15 tokens start 5 items, then 10 items per second.
    const { jobId } = bulk.start({ vaultId: 'v', action: 'recover', names: names(25) });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    await done;
    expect(starts.filter((t) => t - t0 < 1_000).length).toBeLessThanOrEqual(15);
    expect(Math.max(...starts) - t0).toBeGreaterThanOrEqual(1_900);
  });

  it('rate-limits starts per vault', async () => {
    const starts: number[] = [];
    const { bulk } = runner(
      async () => {
        starts.push(Date.now());
      },
      { perSecond: 10, burst: 5, concurrency: 8 },
    );
    const t0 = Date.now();
    const { jobId } = bulk.start({ vaultId: 'v', action: 'enable', names: names(25) });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    await done;
    // 5 at once, then 10 per second: the 25th starts after about 2 s.
    expect(starts.filter((t) => t - t0 < 1_000).length).toBeLessThanOrEqual(15);
    expect(Math.max(...starts) - t0).toBeGreaterThanOrEqual(1_900);
  });
});

describe('token bucket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('grants a burst, then the rate, and nothing while paused', async () => {
    const bucket = new TokenBucket({ capacity: 2, perSecond: 4 });
    const t0 = Date.now();
    const granted: number[] = [];
    const takers = Array.from({ length: 4 }, () => bucket.take().then(() => granted.push(Date.now() - t0)));
    await vi.runAllTimersAsync();
    await Promise.all(takers);
    expect(granted).toEqual([0, 0, 250, 500]);
    bucket.pause(3_000);
    const after = bucket.take().then(() => Date.now() - t0);
    await vi.runAllTimersAsync();
    expect(await after).toBeGreaterThanOrEqual(3_500);
  });
});
