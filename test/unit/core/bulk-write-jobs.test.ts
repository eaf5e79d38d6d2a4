import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BulkProgress, KluisError } from '../../../electron/contract';
import { createBulkRunner } from '../../../electron/core/bulk/bulk-runner';
import type { BulkWriteItem, RunWrite } from '../../../electron/core/bulk/bulk-writes';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';

const throttled = () =>
  new KluisFailure({ kind: 'throttled', message: 'Key Vault is throttling.', status: 429 });
const describeError = (err: unknown): KluisError =>
  err instanceof KluisFailure ? err.error : { kind: 'internal', message: String(err) };

function runner(runWrite: RunWrite, perSecond = 1_000) {
  const events: BulkProgress[] = [];
  const bulk = createBulkRunner({
    runItem: async () => undefined,
    describe: describeError,
    runWrite,
    describeWrite: describeError,
    emit: (p) => events.push(p),
    limits: { concurrency: 4, perSecond, burst: 10, backoffBaseMs: 1_000 },
    random: () => 0.5,
  });
  return { bulk, events };
}

const item = (name: string, mode: BulkWriteItem['mode'] = 'copy', value = `v-${name}`): BulkWriteItem => ({
  name,
  mode,
  read: async () => ({ value }),
});

describe('bulk write jobs', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs each item with its mode and reports outcome and version per item', async () => {
    const seen: Array<[string, string, number]> = [];
    const { bulk, events } = runner(async (vaultId, it, attempt) => {
      seen.push([vaultId, it.name, attempt]);
      if (it.mode === 'skip') return { outcome: 'skipped' };
      const { value } = await it.read();
      if (value === 'bad') throw new KluisFailure({ kind: 'conflict', message: 'It changed.' });
      return { outcome: it.mode === 'copy' ? 'created' : 'new-version', version: `ver-${it.name}` };
    });
    const { jobId } = bulk.startWrites({
      vaultId: 'target',
      items: [item('a'), item('b', 'new-version'), item('c', 'skip'), item('d', 'copy', 'bad')],
    });
    const final = await (async () => {
      const done = bulk.settled(jobId);
      await vi.runAllTimersAsync();
      return done;
    })();
    expect(final).toMatchObject({ jobId, done: 4, total: 4, failed: 1 });
    const byName = Object.fromEntries((final?.results ?? []).map((r) => [r.name, r]));
    expect(byName.a).toEqual({ name: 'a', ok: true, outcome: 'created', version: 'ver-a' });
    expect(byName.b).toEqual({ name: 'b', ok: true, outcome: 'new-version', version: 'ver-b' });
    expect(byName.c).toEqual({ name: 'c', ok: true, outcome: 'skipped' });
    expect(byName.d).toEqual({ name: 'd', ok: false, error: 'It changed.' });
    expect(seen.every(([v]) => v === 'target')).toBe(true);
    expect(events.at(-1)).toEqual(final);
  });

  it('retries a throttled item with the next attempt number, and never an item that failed otherwise', async () => {
    const attempts: Record<string, number[]> = {};
    const { bulk } = runner(async (_v, it, attempt) => {
      (attempts[it.name] ??= []).push(attempt);
      if (it.name === 'slow' && attempt < 3) throw throttled();
      if (it.name === 'broken') throw new Error('socket hang up');
      return { outcome: 'created' };
    });
    const { jobId } = bulk.startWrites({ vaultId: 'v', items: [item('slow'), item('broken')] });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    const final = await done;
    expect(attempts).toEqual({ slow: [1, 2, 3], broken: [1] });
    expect(final?.results?.find((r) => r.name === 'slow')).toMatchObject({ ok: true, outcome: 'created' });
    expect(final?.failed).toBe(1);
  });

  it("paces the target's requests per mode, the source vault's reads on its own rate, skips at no cost", async () => {
    const started: Array<[string, number]> = [];
    const { bulk } = runner(async (_v, it) => {
      started.push([it.name, Date.now()]);
      return { outcome: it.mode === 'skip' ? 'skipped' : 'created' };
    }, 10);
    const t0 = Date.now();
    // Burst 10, then 10 per second: copy takes 3 tokens of the target; skips take none.
    const items = [
      ...Array.from({ length: 6 }, (_, i) => item(`c${i}`)),
      ...Array.from({ length: 4 }, (_, i) => item(`s${i}`, 'skip')),
    ];
    const { jobId } = bulk.startWrites({ vaultId: 'v', items });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    await done;
    const at = Object.fromEntries(started.map(([n, t]) => [n, t - t0]));
    // 6 copies x 3 = 18 tokens: the first three fit the burst (9), the other three wait for 9 more (~0.9 s).
    expect(Math.max(...[0, 1, 2].map((i) => at[`c${i}`] ?? -1))).toBe(0);
    expect(Math.max(...[3, 4, 5].map((i) => at[`c${i}`] ?? -1))).toBeGreaterThanOrEqual(700);
    expect(started).toHaveLength(10);
  });

  it('takes tokens from the vault an item reads from as well', async () => {
    const when: number[] = [];
    const t0 = Date.now();
    const { bulk } = runner(async () => {
      when.push(Date.now() - t0);
      return { outcome: 'created' };
    }, 10);
    const reads = (name: string): BulkWriteItem => ({
      ...item(name),
      reads: { vaultId: 'source', requests: 5 },
    });
    const { jobId } = bulk.startWrites({ vaultId: 'target', items: [reads('a'), reads('b'), reads('c')] });
    const done = bulk.settled(jobId);
    await vi.runAllTimersAsync();
    for (const r of (await done)?.results ?? []) expect(r.ok).toBe(true);
    // The source's burst of 10 pays for two reads; the third waits for 5 more tokens there (0.5 s), although
    // the target (3 tokens each) had them at once.
    expect(when.slice(0, 2)).toEqual([0, 0]);
    expect(when[2]).toBeGreaterThanOrEqual(500);
  });

  it('refuses a name twice (case-insensitive) and an empty job, before anything runs', () => {
    const { bulk } = runner(async () => ({ outcome: 'created' }));
    expect(() => bulk.startWrites({ vaultId: 'v', items: [item('db-pass'), item('DB-PASS')] })).toThrow(
      /appears twice/,
    );
    expect(() => bulk.startWrites({ vaultId: 'v', items: [] })).toThrow(/at least one/);
  });

  it('cancel stops starting items; the final event says cancelled, with the results of those that ran', async () => {
    let started = 0;
    const { bulk, events } = runner(async () => {
      started += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { outcome: 'created' };
    });
    const items = Array.from({ length: 50 }, (_, i) => item(`n${i}`));
    const { jobId } = bulk.startWrites({ vaultId: 'v', items });
    const done = bulk.settled(jobId);
    await vi.advanceTimersByTimeAsync(250);
    expect(bulk.cancel(jobId)).toEqual({ cancelled: true });
    await vi.runAllTimersAsync();
    const final = await done;
    expect(final?.cancelled).toBe(true);
    expect(final?.results).toHaveLength(started);
    expect(started).toBeLessThan(20);
    expect(events.at(-1)?.cancelled).toBe(true);
  });

  it('is refused by a runner built without write support', () => {
    const bulk = createBulkRunner({
      runItem: async () => undefined,
      describe: describeError,
      emit: () => {},
    });
    expect(() => bulk.startWrites({ vaultId: 'v', items: [item('a')] })).toThrow(/not available/);
  });
});
