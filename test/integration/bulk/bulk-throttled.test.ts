import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestTenSeconds, startBulkCore, type LoggedRequest } from './bulk-harness';

const isCreate = (r: LoggedRequest) => r.method === 'PUT' && /^\/secrets\/[^/]+$/.test(r.path);
const countedOther = (r: LoggedRequest) => r.status !== 429 && !isCreate(r);
const names = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

/** Bulk jobs against the local vault with the service's own limits on (and 429s without Retry-After). */
describe('bulk jobs under the service limits', () => {
  let h: Awaited<ReturnType<typeof startBulkCore>>;
  const all = names(320, 'bulk');

  beforeAll(async () => {
    h = await startBulkCore({ knobs: { throttle: { omitRetryAfter: true } } });
    await h.seed(h.vaultId, all);
  }, 120_000);
  afterAll(() => h?.dispose());

  it('deletes 320 secrets (each deletion complete), then recovers them, with no failures and under 4,000 requests per 10 s', async () => {
    const from = h.requests.length;
    const { jobId } = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'delete', names: all });
    const deleted = await h.finished(jobId);
    const deleteRequests = h.requests.slice(from);
    expect(deleted).toMatchObject({ done: 320, total: 320, failed: 0 });
    expect(deleted.results?.every((r) => r.ok)).toBe(true);
    // Completed, not merely started: every one is listed as deleted as soon as the job says so.
    expect((await h.allNames(h.vaultId, 'deleted')).sort()).toEqual(all);
    expect(await h.allNames(h.vaultId, 'secrets')).toEqual([]);
    const steps = h.progress(jobId).map((p) => p.done);
    expect(steps.length).toBeGreaterThan(10);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);

    const recoverFrom = h.requests.length;
    const recovery = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'recover', names: all });
    const recovered = await h.finished(recovery.jobId);
    const recoverRequests = h.requests.slice(recoverFrom);
    expect(recovered).toMatchObject({ done: 320, failed: 0 });
    expect((await h.allNames(h.vaultId, 'secrets')).sort()).toEqual(all);

    // Completion was confirmed in bulk: listing pages of 25 (and per-item checks only for stragglers), far below
    // one confirming request per item; the write itself is the only per-item request.
    const confirming = (rs: LoggedRequest[]) => rs.filter((r) => r.method === 'GET');
    expect(confirming(deleteRequests).length).toBeLessThanOrEqual(320 / 10);
    expect(confirming(deleteRequests).every((r) => r.path === '/deletedsecrets')).toBe(true);
    expect(confirming(recoverRequests).length).toBeLessThanOrEqual(320 / 10);
    expect(confirming(recoverRequests).every((r) => r.path === '/secrets')).toBe(true);
    expect(deleteRequests.filter((r) => r.method !== 'GET')).toHaveLength(320);
    expect(recoverRequests.filter((r) => r.method !== 'GET')).toHaveLength(320);

    const during = h.requests.slice(from);
    expect(during.filter((r) => r.status === 429)).toEqual([]);
    expect(busiestTenSeconds(during, countedOther)).toBeLessThanOrEqual(4_000);
    // Each secret was deleted by exactly one DELETE and recovered by exactly one POST.
    for (const name of all) {
      expect(during.filter((r) => r.method === 'DELETE' && r.path === `/secrets/${name}`)).toHaveLength(1);
      expect(
        during.filter((r) => r.method === 'POST' && r.path === `/deletedsecrets/${name}/recover`),
      ).toHaveLength(1);
    }
  }, 120_000);

  it('a few items in a large listing: stops listing once it does not pay and checks each item', async () => {
    // Five late names: the first pages of the 315 listed secrets hold none of them.
    const few = all.slice(-5);
    const from = h.requests.length;
    const { jobId } = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'delete', names: few });
    expect(await h.finished(jobId)).toMatchObject({ done: 5, failed: 0 });
    const recovery = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'recover', names: few });
    const recovered = await h.finished(recovery.jobId);
    expect(recovered).toMatchObject({ done: 5, failed: 0 });
    expect(recovered.results?.every((r) => r.ok)).toBe(true);
    const during = h.requests.slice(from);
    // Recover: at most the slack of 3 list pages of /secrets (13 would reach these names), then one check each.
    const listed = during.filter((r) => r.method === 'GET' && r.path === '/secrets');
    expect(listed.length).toBeLessThanOrEqual(3);
    const checks = during.filter((r) => r.method === 'GET' && /^\/secrets\/[^/]+\/versions$/.test(r.path));
    expect(checks).toHaveLength(5);
    expect(during.filter((r) => r.method === 'POST')).toHaveLength(5);
    expect(during.filter((r) => r.method === 'DELETE')).toHaveLength(5);
    expect((await h.allNames(h.vaultId, 'secrets')).sort()).toEqual(all);
  });

  it('cancel stops the job early: only the items reported ran', async () => {
    const { jobId } = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'disable', names: all });
    await h.value('bulk', 'cancel', { jobId });
    const final = await h.finished(jobId);
    expect(final.cancelled).toBe(true);
    expect(final.done).toBeLessThan(320);
    const ok = new Set(final.results?.filter((r) => r.ok).map((r) => r.name));
    const page = await h.value('secrets', 'listPage', { vaultId: h.vaultId });
    expect(page.items.length).toBeGreaterThan(0);
    // Every secret the job disabled is reported, and no other was touched.
    const patched = h.requests.filter((r) => r.method === 'PATCH').map((r) => r.path.split('/')[2]);
    expect(new Set(patched)).toEqual(ok);
  });

  it('refuses a job for an unknown vault or with an invalid name', async () => {
    const unknown = await h.call('bulk', 'start', { vaultId: 'nope', action: 'delete', names: ['a'] });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    const invalid = await h.call('bulk', 'start', {
      vaultId: h.vaultId,
      action: 'delete',
      names: ['no spaces'],
    });
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});

/** With a much tighter limit the service throttles (no Retry-After): the job backs off and still finishes. */
describe('bulk jobs when the vault throttles them', () => {
  let h: Awaited<ReturnType<typeof startBulkCore>>;
  const some = names(50, 'tight');

  beforeAll(async () => {
    h = await startBulkCore({
      knobs: { throttle: { othersPer10s: 60, createsPer10s: 10_000, omitRetryAfter: true } },
      bulkLimits: { backoffBaseMs: 200, backoffMaxMs: 2_000, maxAttempts: 20 },
    });
    await h.seed(h.vaultId, some);
  }, 120_000);
  afterAll(() => h?.dispose());

  it('every delete succeeds exactly once though many requests were throttled', async () => {
    const from = h.requests.length;
    const { jobId } = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'delete', names: some });
    const final = await h.finished(jobId, 110_000);
    expect(final.results?.filter((r) => !r.ok)).toEqual([]);
    expect(final).toMatchObject({ done: 50, failed: 0 });
    const during = h.requests.slice(from);
    expect(during.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    for (const name of some) {
      const admitted = during.filter(
        (r) => r.method === 'DELETE' && r.path === `/secrets/${name}` && r.status !== 429,
      );
      expect(admitted).toHaveLength(1);
    }
  }, 120_000);
});
