import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReliabilityCore } from './harness';

const versionCount = async (h: Awaited<ReturnType<typeof startReliabilityCore>>, name: string) => {
  let count = 0;
  for await (const _ of h.otherClient().listPropertiesOfSecretVersions(name)) count++;
  return count;
};

/** Seeded 500s, 503s and connection resets on about 30% of requests, as the local vault's fault knob injects. */
describe('under injected faults (rate 0.3, fixed seed)', () => {
  let h: Awaited<ReturnType<typeof startReliabilityCore>>;
  const names = Array.from({ length: 24 }, (_, i) => `faulty-${i}`);
  const created = new Set<string>();

  beforeAll(async () => {
    h = await startReliabilityCore({ faults: { rate: 0.3, seed: 20261203 } });
  });
  afterAll(() => h?.dispose());

  it('creates never store a secret twice', async () => {
    const failures: string[] = [];
    for (const name of names) {
      const result = await h.call('secrets', 'set', { vaultId: h.vaultId, name, value: `value-of-${name}` });
      if (result.ok) created.add(name);
      else failures.push(result.error.kind);
    }
    // Most creates get through their retries; one that does not fails as a service or network error.
    expect(created.size).toBeGreaterThanOrEqual(names.length - 2);
    for (const kind of failures) expect(['service', 'network']).toContain(kind);
    expect(h.retrying().some((e) => e.operation === 'secrets.set')).toBe(true);
    for (const name of names) {
      const count = await versionCount(h, name);
      if (created.has(name)) expect(count, name).toBe(1);
      else expect(count, name).toBeLessThanOrEqual(1);
    }
  });

  it('reads succeed through 500, 503 and resets', async () => {
    const reasons = new Set<string>();
    for (const name of created) {
      const got = await h.value('secrets', 'get', { vaultId: h.vaultId, name });
      expect(got.value).toBe(`value-of-${name}`);
    }
    let page = await h.value('secrets', 'listPage', { vaultId: h.vaultId });
    const listed = [...page.items];
    while (page.continuationToken) {
      page = await h.value('secrets', 'listPage', {
        vaultId: h.vaultId,
        continuationToken: page.continuationToken,
      });
      listed.push(...page.items);
    }
    expect(listed.map((p) => p.name).sort()).toEqual([...created].sort());
    for (const e of h.retrying()) reasons.add(e.reason);
    expect([...reasons].sort()).toEqual(['network', 'service']);
  });
  it('delete, deleted get/list, recover and purge end in the right state through the faults', async () => {
    const kinds: string[] = [];
    const check = async <T>(
      run: () => Promise<{ ok: true; value: T } | { ok: false; error: { kind: string } }>,
    ) => {
      const result = await run();
      if (!result.ok) kinds.push(result.error.kind);
      return result.ok ? result.value : undefined;
    };
    const sample = [...created].slice(0, 4);
    let completed = 0;
    for (const name of sample) {
      const deleted = await check(() => h.call('secrets', 'delete', { vaultId: h.vaultId, name }));
      if (!deleted) continue;
      expect(deleted.properties.name).toBe(name);
      expect(await check(() => h.call('deleted', 'get', { vaultId: h.vaultId, name }))).toMatchObject({
        properties: { name },
      });
      const recovered = await check(() => h.call('deleted', 'recover', { vaultId: h.vaultId, name }));
      if (!recovered) continue;
      const got = await check(() => h.call('secrets', 'get', { vaultId: h.vaultId, name }));
      if (got) expect(got.value).toBe(`value-of-${name}`);
      if (!(await check(() => h.call('secrets', 'delete', { vaultId: h.vaultId, name })))) continue;
      const purged = await check(() => h.call('deleted', 'purge', { vaultId: h.vaultId, name }));
      if (!purged) continue;
      completed++;
      await expect(h.otherClient().getDeletedSecret(name)).rejects.toMatchObject({ statusCode: 404 });
    }
    const page = await h.value('deleted', 'listPage', { vaultId: h.vaultId });
    expect(page.items.length).toBeLessThanOrEqual(sample.length);
    // Five faults in a row (p = 0.3^5 per request) can outlast the retries; they are reported as such, never as
    // something else, and most cycles complete.
    for (const kind of kinds) expect(['service', 'network']).toContain(kind);
    expect(completed).toBeGreaterThanOrEqual(sample.length - 2);
  });
});

/**
 * The hard case for writes: the vault stores the secret but the answer is lost (the connection breaks on the way
 * back). A blind retry would store a second version; the write guard must find the first and stop.
 */
describe('a create whose response is lost after the vault stored it', () => {
  let h: Awaited<ReturnType<typeof startReliabilityCore>>;
  let lost = 0;
  const loseFirstPut: PipelinePolicy = {
    name: 'testLoseFirstPutResponse',
    async sendRequest(request, next) {
      const response = await next(request);
      if (request.method === 'PUT' && response.status === 200 && lost === 0) {
        lost++;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return response;
    },
  };

  beforeAll(async () => {
    h = await startReliabilityCore({}, { testPolicies: [{ position: 'perRetry', policy: loseFirstPut }] });
  });
  afterAll(() => h?.dispose());

  it('reports the stored version instead of writing another', async () => {
    const saved = await h.value('secrets', 'set', { vaultId: h.vaultId, name: 'once', value: 'only-once' });
    expect(lost).toBe(1);
    expect(await versionCount(h, 'once')).toBe(1);
    const current = await h.otherClient().getSecret('once');
    expect(saved.version).toBe(current.properties.version);
    expect(current.value).toBe('only-once');
  });

  it('a new version of an existing secret is not doubled either', async () => {
    lost = 0;
    const saved = await h.value('secrets', 'set', { vaultId: h.vaultId, name: 'once', value: 'second' });
    expect(lost).toBe(1);
    expect(await versionCount(h, 'once')).toBe(2);
    expect((await h.otherClient().getSecret('once')).properties.version).toBe(saved.version);
  });
});
