import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_PLAN, fastClock, startReliabilityCore } from './harness';

/**
 * The real Key Vault often throttles without Retry-After, and the JS SDK then does not retry at all. Kluis's
 * policy must back off and retry anyway, and tell the UI while it waits.
 */
describe('reads through throttling without Retry-After', () => {
  let h: Awaited<ReturnType<typeof startReliabilityCore>>;

  beforeAll(async () => {
    h = await startReliabilityCore(
      {
        // Three non-create requests per (accelerated) 10-second window: half a second of real time, shorter than
        // the backoffs of one operation added up (at least 750 ms), as 10 s is shorter than the app's (15 s).
        throttle: { othersPer10s: 3, createsPer10s: 1_000, omitRetryAfter: true },
        now: fastClock(20),
      },
      { plan: { ...FAST_PLAN, baseDelayMs: 100 } },
    );
  });
  afterAll(() => h?.dispose());

  it('gets and lists succeed, announcing each backoff without values or names', async () => {
    const names = ['alpha', 'bravo', 'charlie'];
    for (const name of names)
      await h.value('secrets', 'set', { vaultId: h.vaultId, name, value: `v-${name}` });
    for (let round = 0; round < 2; round++) {
      for (const name of names) {
        const got = await h.value('secrets', 'get', { vaultId: h.vaultId, name });
        expect(got.value).toBe(`v-${name}`);
      }
      const page = await h.value('secrets', 'listPage', { vaultId: h.vaultId });
      expect(page.items.map((p) => p.name).sort()).toEqual(names);
      const versions = await h.value('secrets', 'listVersionsPage', { vaultId: h.vaultId, name: 'alpha' });
      expect(versions.items).toHaveLength(1);
    }
    const retrying = h.retrying();
    expect(retrying.length).toBeGreaterThan(0);
    expect(retrying.some((e) => e.operation === 'secrets.get')).toBe(true);
    for (const event of retrying) {
      expect(Object.keys(event).sort()).toEqual(['attempt', 'delayMs', 'maxAttempts', 'operation', 'reason']);
      expect(event).toMatchObject({ reason: 'throttled', maxAttempts: 5 });
      expect(event.attempt).toBeGreaterThanOrEqual(2);
      expect(event.attempt).toBeLessThanOrEqual(5);
      expect(JSON.stringify(event)).not.toMatch(/alpha|bravo|charlie|v-/);
    }
  });
});

describe('when throttling outlasts the retries', () => {
  let h: Awaited<ReturnType<typeof startReliabilityCore>>;

  beforeAll(async () => {
    // No request is ever admitted: every attempt is throttled, without Retry-After.
    h = await startReliabilityCore({ throttle: { othersPer10s: 0, createsPer10s: 0, omitRetryAfter: true } });
  });
  afterAll(() => h?.dispose());

  it('fails as throttled after five attempts, and the message says what happened and what to do', async () => {
    const result = await h.call('secrets', 'listPage', { vaultId: h.vaultId });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'throttled', status: 429 });
    expect(result.error.message).toMatch(/still throttling requests after 5 attempts/);
    expect(result.error.message).toMatch(/Wait a minute, then try again/);
    const attempts = h
      .retrying()
      .filter((e) => e.operation === 'secrets.listPage')
      .map((e) => e.attempt);
    expect(attempts).toEqual([2, 3, 4, 5]);
  });
});
