import type { SecretClient } from '@azure/keyvault-secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastClock } from '../reliability/harness';
import { startCompareWorld } from './compare-world';

/** A read by the plain client, waiting out 429s. */
async function patientlyRead<T>(read: () => Promise<T>): Promise<unknown> {
  for (;;) {
    try {
      const r = await read();
      return typeof r === 'object' && r !== null && 'value' in r ? (r as { value?: string }).value : r;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 429) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/**
 * Compare and promote against vaults that throttle hard (a few dozen requests per 10 s window, 429s without
 * Retry-After, on a clock 20 times faster so windows pass quickly): every value is still compared, and a promote
 * whose writes were throttled writes each secret exactly once.
 */
describe('compare and promote under throttling', () => {
  let w: Awaited<ReturnType<typeof startCompareWorld>>;
  let A: SecretClient;
  let B: SecretClient;
  const names = Array.from({ length: 60 }, (_, i) => `t-${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    const throttle = { othersPer10s: 20, createsPer10s: 10, omitRetryAfter: true };
    w = await startCompareWorld(
      [
        { tenant: 'one', throttle, now: fastClock(20) },
        { tenant: 'two', throttle, now: fastClock(20) },
      ],
      { bulkLimits: { backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 20 } },
    );
    A = w.clientOf(0);
    B = w.clientOf(1);
    // Seeding waits out the throttle too (this client does not retry).
    const patiently = async (write: () => Promise<unknown>) => {
      for (;;) {
        try {
          return await write();
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode !== 429) throw err;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    for (const [i, name] of names.entries()) {
      await patiently(() => A.setSecret(name, `a-${i}`));
      await patiently(() => B.setSecret(name, i % 2 ? `a-${i}` : `b-${i}`));
    }
  }, 120_000);
  afterAll(() => w?.stop());

  it('compares every value though the vaults throttled, then promotes each differing one exactly once', async () => {
    const [idA, idB] = w.vaultIds as [string, string];
    const before = w.logs.map((l) => l.length);
    const { compareId, rows, last } = await w.compare(idA, idB);
    expect(last.error).toBeUndefined();
    expect(rows.size).toBe(60);
    expect([...rows.values()].filter((r) => r.valueError !== undefined)).toEqual([]);
    expect([...rows.values()].filter((r) => r.status === 'differs')).toHaveLength(30);
    const throttledReads = w.logs.flatMap((l, i) => l.slice(before[i]).filter((r) => r.status === 429));
    expect(throttledReads.length).toBeGreaterThan(0);

    const differing = [...rows.values()].filter((r) => r.status === 'differs').map((r) => r.name);
    const putsBefore = w.logs[1]!.length;
    const { jobId } = await w.value('compare', 'promote', {
      compareId,
      items: differing.map((name) => ({ name, mode: 'new-version' as const })),
      metadata: { tags: false, contentType: false, dates: false },
    });
    const final = await w.finished(jobId);
    expect(final.failed).toBe(0);
    const puts = w.logs[1]!.slice(putsBefore).filter((r) => r.method === 'PUT');
    expect(puts.some((r) => r.status === 429)).toBe(true);
    for (const name of differing) {
      expect(
        await patientlyRead(async () => (await collect(B.listPropertiesOfSecretVersions(name))).length),
      ).toBe(2);
      expect(puts.filter((r) => r.path === `/secrets/${name}` && r.status === 200)).toHaveLength(1);
    }
    const name = differing[0]!;
    expect(await patientlyRead(() => B.getSecret(name))).toBe(await patientlyRead(() => A.getSecret(name)));
  }, 120_000);
});
