import type { SecretClient } from '@azure/keyvault-secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromotePlan } from '../../../electron/contract';
import { startCompareWorld } from './compare-world';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
const versionCount = async (c: SecretClient, name: string) =>
  (await collect(c.listPropertiesOfSecretVersions(name))).length;

/** Values seeded below: none of them may appear in anything core sent out. */
const VALUES = ['v-same', 'v-a-one', 'v-b-one', 'v-only-a', 'v-only-b', 'v-gone-a', 'v-gone-b', 'v-tags'];

/**
 * Compare and promote over the real SDK and real local vaults: vault-0 and vault-1 are in different tenants
 * (`--auth jwt`, one issuer each, each with its own service principal); vault-2 lets the caller list but not get
 * (RBAC denies get); the core's own local vault takes part as well.
 */
describe('compare and promote', () => {
  let w: Awaited<ReturnType<typeof startCompareWorld>>;
  let A: SecretClient;
  let B: SecretClient;
  let idA: string;
  let idB: string;
  let idDenied: string;

  beforeAll(async () => {
    w = await startCompareWorld([
      { tenant: 'one' },
      { tenant: 'two' },
      { tenant: 'one', access: { model: 'rbac', deny: ['get'] } },
    ]);
    [idA, idB, idDenied] = w.vaultIds as [string, string, string];
    A = w.clientOf(0);
    B = w.clientOf(1);
    await A.setSecret('same', 'v-same', { contentType: 'text/plain', tags: { team: 'x' } });
    await B.setSecret('same', 'v-same', { contentType: 'text/plain', tags: { team: 'x' } });
    await A.setSecret('differs', 'v-a-one');
    await B.setSecret('differs', 'v-b-one');
    await A.setSecret('tags-only', 'v-tags', { tags: { env: 'prod' } });
    await B.setSecret('tags-only', 'v-tags', { tags: { env: 'staging' } });
    await A.setSecret('only-a', 'v-only-a', {
      contentType: 'application/json',
      tags: { owner: 'ops' },
      expiresOn: new Date('2031-01-01T00:00:00Z'),
    });
    await B.setSecret('only-b', 'v-only-b');
    await A.setSecret('gone', 'v-gone-a');
    await B.setSecret('gone', 'v-gone-b');
    await (await B.beginDeleteSecret('gone')).pollUntilDone();
    await A.setSecret('off', 'v-off-a', { enabled: false });
    await B.setSecret('off', 'v-off-b');
  }, 60_000);
  afterAll(() => w?.stop());

  it('shows one table across tenants: only in A, only in B, differs, same, deleted on B, disabled', async () => {
    const { rows, last } = await w.compare(idA, idB);
    expect(last).toMatchObject({ done: true, listed: true });
    expect(last.error).toBeUndefined();
    expect(rows.get('same')).toMatchObject({ status: 'same', valueEqual: true, differences: [] });
    expect(rows.get('differs')).toMatchObject({
      status: 'differs',
      valueEqual: false,
      differences: ['value'],
    });
    expect(rows.get('differs')?.newer).toBe(
      (rows.get('differs')?.a?.updatedOn ?? 0) > (rows.get('differs')?.b?.updatedOn ?? 0)
        ? 'a'
        : rows.get('differs')?.newer,
    );
    expect(rows.get('tags-only')).toMatchObject({
      status: 'differs',
      valueEqual: true,
      differences: ['tags'],
    });
    expect(rows.get('only-a')).toMatchObject({ status: 'only-a' });
    expect(rows.get('only-a')?.a).toMatchObject({ contentType: 'application/json', tags: { owner: 'ops' } });
    expect(rows.get('only-a')?.deletedOnB).toBeUndefined();
    expect(rows.get('only-b')).toMatchObject({ status: 'only-b' });
    expect(rows.get('gone')).toMatchObject({ status: 'only-a' });
    expect(rows.get('gone')?.deletedOnB).toBeDefined();
    expect(rows.get('off')).toMatchObject({ status: 'differs', differences: ['enabled'] });
    expect(rows.get('off')?.valueError).toMatch(/Disabled in vault-0/);
    expect(rows.get('off')?.valueEqual).toBeUndefined();
    expect(rows.size).toBe(7);
  });

  it('filters by name, and no value, hash or MAC ever leaves core', async () => {
    const { rows } = await w.compare(idA, idB, 'ONLY-');
    expect([...rows.keys()].sort()).toEqual(['only-a', 'only-b']);
    const sent = JSON.stringify(w.events);
    for (const v of VALUES) expect(sent).not.toContain(v);
  });

  it('a vault that lists but refuses get: its rows say why, the rest is compared', async () => {
    const denied = w.clientOf(2);
    // Seeded straight through the service principal's own... the vault refuses get, not set.
    await denied.setSecret('same', 'v-same', { contentType: 'text/plain', tags: { team: 'x' } });
    await denied.setSecret('only-denied', 'x');
    const { rows, last } = await w.compare(idA, idDenied);
    expect(last.error).toBeUndefined();
    const same = rows.get('same');
    expect(same?.status).toBe('unknown');
    expect(same?.valueEqual).toBeUndefined();
    expect(same?.valueError).toMatch(/vault-2: /);
    expect(same?.valueError).toMatch(/permission|not authorized|role/i);
    expect(rows.get('only-denied')?.status).toBe('only-b');
    expect(rows.get('only-a')?.status).toBe('only-a');
  });

  it('compares with the local vault too', async () => {
    const local = await w.value('localVault', 'open', {});
    await w.value('secrets', 'set', {
      vaultId: local.id,
      name: 'same',
      value: 'v-same',
      tags: { team: 'x' },
      contentType: 'text/plain',
    });
    const { rows, last } = await w.compare(local.id, idA, 'same');
    expect(last.error).toBeUndefined();
    expect(rows.get('same')).toMatchObject({ status: 'same', valueEqual: true });
  });

  it('reviews exactly what promote writes, refusing choices that cannot work, then promotes', async () => {
    const { compareId } = await w.compare(idA, idB);
    const request = {
      compareId,
      items: [
        { name: 'only-a', mode: 'copy' as const },
        { name: 'differs', mode: 'new-version' as const },
        { name: 'gone', mode: 'recover-then-update' as const },
        { name: 'same', mode: 'skip' as const },
        { name: 'tags-only', mode: 'copy' as const },
        { name: 'only-b', mode: 'copy' as const },
      ],
      metadata: { tags: true, contentType: true, dates: false },
    };
    const plan = await w.value('compare', 'review', request);
    const item = (n: string) => plan.items.find((i: PromotePlan['items'][number]) => i.name === n);
    expect(plan).toMatchObject({
      source: { vaultId: idA, name: 'vault-0' },
      target: { vaultId: idB, name: 'vault-1' },
    });
    expect(item('only-a')).toEqual({
      name: 'only-a',
      mode: 'copy',
      writes: { contentType: 'application/json', tags: { owner: 'ops' } },
    });
    expect(item('differs')?.overVersion).toMatch(/^[0-9a-f]{32}$/);
    expect(item('gone')?.refused).toBeUndefined();
    expect(item('same')).toEqual({ name: 'same', mode: 'skip' });
    expect(item('tags-only')?.refused).toMatch(/exists in vault-1/);
    expect(item('only-b')?.refused).toMatch(/only in vault-1/);
    expect(plan.writes).toBe(3);
    expect(JSON.stringify(plan)).not.toContain('v-');

    // A copy onto the deleted name is refused in the review too.
    const onDeleted = await w.value('compare', 'review', {
      ...request,
      items: [{ name: 'gone', mode: 'copy' }],
    });
    expect(onDeleted.items[0]?.refused).toMatch(/deleted secret holds this name/);

    const versionsBefore = await versionCount(B, 'differs');
    const { jobId } = await w.value('compare', 'promote', request);
    const final = await w.finished(jobId);
    const result = (n: string) => final.results?.find((r) => r.name === n);
    expect(result('only-a')).toMatchObject({ ok: true, outcome: 'created' });
    expect(result('differs')).toMatchObject({ ok: true, outcome: 'new-version' });
    expect(result('gone')).toMatchObject({ ok: true, outcome: 'recovered' });
    expect(result('same')).toMatchObject({ ok: true, outcome: 'skipped' });
    expect(result('tags-only')).toMatchObject({ ok: false });
    expect(result('only-b')).toMatchObject({ ok: false });

    const copied = await B.getSecret('only-a');
    expect(copied.value).toBe('v-only-a');
    expect(copied.properties.contentType).toBe('application/json');
    expect(copied.properties.tags).toEqual({ owner: 'ops' });
    // dates unchecked: the expiry was not copied.
    expect(copied.properties.expiresOn).toBeUndefined();
    expect((await B.getSecret('differs')).value).toBe('v-a-one');
    expect(await versionCount(B, 'differs')).toBe(versionsBefore + 1);
    expect((await B.getSecret('gone')).value).toBe('v-gone-a');
    expect(await versionCount(B, 'gone')).toBe(2);
    expect((await B.getSecret('tags-only')).properties.tags).toEqual({ env: 'staging' });
    expect(JSON.stringify(w.events)).not.toContain('v-gone-a');

    // Compared again, what was promoted is now the same value.
    const again = await w.compare(idA, idB);
    expect(again.rows.get('differs')?.valueEqual).toBe(true);
    // Its expiry was not copied (dates unchecked): the value is the same, the expiry still differs.
    expect(again.rows.get('only-a')).toMatchObject({
      status: 'differs',
      valueEqual: true,
      differences: ['expiresOn'],
    });
  });

  it('a value changed in A after the comparison is not promoted, and says so', async () => {
    await A.setSecret('moving', 'first');
    const { compareId } = await w.compare(idA, idB, 'moving');
    await A.setSecret('moving', 'second');
    const { jobId } = await w.value('compare', 'promote', {
      compareId,
      items: [{ name: 'moving', mode: 'copy' }],
      metadata: { tags: false, contentType: false, dates: false },
    });
    const final = await w.finished(jobId);
    expect(final.results?.[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/changed after the comparison/),
    });
    await expect(B.getSecret('moving')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a write whose answer is lost after B stored it is not written twice', async () => {
    await A.setSecret('lossy', 'lossy-a');
    await B.setSecret('lossy', 'lossy-b');
    await A.setSecret('lossy-new', 'fresh');
    const { compareId } = await w.compare(idA, idB, 'lossy');
    w.losePuts.add('lossy');
    w.losePuts.add('lossy-new');
    const { jobId } = await w.value('compare', 'promote', {
      compareId,
      items: [
        { name: 'lossy', mode: 'new-version' },
        { name: 'lossy-new', mode: 'copy' },
      ],
      metadata: { tags: false, contentType: false, dates: false },
    });
    const final = await w.finished(jobId);
    expect(w.lost.sort()).toEqual(['lossy', 'lossy-new']);
    expect(final.results?.every((r) => r.ok)).toBe(true);
    expect(await versionCount(B, 'lossy')).toBe(2);
    expect(await versionCount(B, 'lossy-new')).toBe(1);
    expect((await B.getSecret('lossy')).value).toBe('lossy-a');
  });

  it('cancel stops a promote (items not started are not written) and a comparison', async () => {
    for (let i = 0; i < 30; i++) await A.setSecret(`bulk-${i}`, `bulk-value-${i}`);
    const { compareId } = await w.compare(idA, idB, 'bulk-');
    const { jobId } = await w.value('compare', 'promote', {
      compareId,
      items: Array.from({ length: 30 }, (_, i) => ({ name: `bulk-${i}`, mode: 'copy' as const })),
      metadata: { tags: false, contentType: false, dates: false },
    });
    expect(await w.value('bulk', 'cancel', { jobId })).toEqual({ cancelled: true });
    const final = await w.finished(jobId);
    expect(final.cancelled).toBe(true);
    const written = (await collect(B.listPropertiesOfSecrets())).filter((p) => p.name.startsWith('bulk-'));
    expect(written.length).toBe(final.results?.filter((r) => r.ok).length);
    expect(written.length).toBeLessThan(30);

    const started = await w.value('compare', 'start', { vaultA: idA, vaultB: idB });
    expect(await w.value('compare', 'cancel', { compareId: started.compareId })).toEqual({ cancelled: true });
    const last = await w.waitFor(() => w.compareEvents(started.compareId).find((p) => p.done));
    expect(last.cancelled).toBe(true);
  });

  it('a closed comparison forgets what it compared: review and promote say to compare again', async () => {
    const { compareId } = await w.compare(idA, idB, 'same');
    expect(await w.value('compare', 'close', { compareId })).toEqual({ closed: true });
    const r = await w.call('compare', 'review', {
      compareId,
      items: [{ name: 'same', mode: 'new-version' }],
      metadata: { tags: false, contentType: false, dates: false },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'not-found', message: expect.stringMatching(/Compare the vaults again/) },
    });
  });

  it('refuses the same vault twice and a vault not in the sidebar', async () => {
    expect(await w.call('compare', 'start', { vaultA: idA, vaultB: idA })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await w.call('compare', 'start', { vaultA: idA, vaultB: 'nope' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/vault/i) },
    });
  });
});
