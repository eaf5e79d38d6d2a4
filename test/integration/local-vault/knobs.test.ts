import { describe, expect, it } from 'vitest';
import { startLocalVault } from '../../../electron/local-vault/index';
import { API, raw, sdkClient, statusOf } from './helpers';

const THROTTLED = {
  error: {
    code: 'Throttled',
    message:
      'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
  },
};

describe('realism knobs', () => {
  it('throttles creates and other transactions separately, with Retry-After unless told not to', async () => {
    let now = Date.UTC(2030, 0, 1);
    const v = await startLocalVault({ throttle: { createsPer10s: 2, othersPer10s: 3 }, now: () => now });
    try {
      const create = (n: string) => raw(v, 'PUT', `/secrets/${n}?${API}`, { body: '{"value":"v"}' });
      expect((await create('a')).status).toBe(200);
      expect((await create('b')).status).toBe(200);
      const limited = await create('c');
      expect(limited.status).toBe(429);
      expect(limited.json).toEqual(THROTTLED);
      expect(limited.headers['retry-after']).toBe('10');
      for (let i = 0; i < 3; i++) expect((await raw(v, 'GET', `/secrets/a/?${API}`)).status).toBe(200);
      expect((await raw(v, 'GET', `/secrets/a/?${API}`)).status).toBe(429);
      now += 10_000;
      expect((await create('c')).status).toBe(200);
    } finally {
      await v.stop();
    }
    const quiet = await startLocalVault({ throttle: { createsPer10s: 0, omitRetryAfter: true } });
    try {
      const res = await raw(quiet, 'PUT', `/secrets/x?${API}`, { body: '{"value":"v"}' });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBeUndefined();
      // Without Retry-After the JS SDK does not retry a 429: the caller sees it.
      expect(
        statusOf(
          await sdkClient(quiet)
            .setSecret('x', 'v')
            .catch((e: unknown) => e),
        ),
      ).toMatchObject({
        statusCode: 429,
        code: 'Throttled',
      });
    } finally {
      await quiet.stop();
    }
  });

  it('injects 500, 503 and connection resets deterministically from the seed', async () => {
    const run = async (): Promise<string[]> => {
      const v = await startLocalVault({ faults: { rate: 0.5, seed: 42 }, auth: { mode: 'any' } });
      const outcomes: string[] = [];
      try {
        for (let i = 0; i < 40; i++) {
          outcomes.push(
            await raw(v, 'GET', `/secrets?${API}`, { token: 't' }).then(
              (r) => String(r.status),
              () => 'reset',
            ),
          );
        }
      } finally {
        await v.stop();
      }
      return outcomes;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(new Set(a)).toEqual(new Set(['200', '500', '503', 'reset']));
    // The SDK's own retries ride through injected faults.
    const v = await startLocalVault({ faults: { rate: 0.3, seed: 7 } });
    try {
      const c = sdkClient(v, { retryOptions: { maxRetries: 8, retryDelayInMs: 1, maxRetryDelayInMs: 2 } });
      await c.setSecret('flaky', 'v');
      expect((await c.getSecret('flaky')).value).toBe('v');
    } finally {
      await v.stop();
    }
  });

  it('adds the configured latency to every request', async () => {
    const v = await startLocalVault({ latencyMs: 150 });
    try {
      const t0 = performance.now();
      await raw(v, 'GET', `/secrets?${API}`);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    } finally {
      await v.stop();
    }
  });

  it('logs one line per request without values or tokens', async () => {
    const lines: string[] = [];
    const v = await startLocalVault({
      auth: { mode: 'token', token: 'tok-SENSITIVE' },
      log: (l) => lines.push(l),
    });
    try {
      await raw(v, 'PUT', `/secrets/logged?${API}`, { body: '{"value":"value-SENSITIVE"}' });
      await raw(v, 'GET', `/secrets/logged/?${API}`, { token: null });
      await new Promise((r) => setTimeout(r, 20));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^PUT \/secrets\/logged 200 \d+\.\dms$/);
      expect(lines[1]).toMatch(/^GET \/secrets\/logged\/ 401 /);
      expect(lines.join('\n')).not.toMatch(/SENSITIVE/);
    } finally {
      await v.stop();
    }
  });
});
