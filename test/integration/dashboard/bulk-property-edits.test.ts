import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, type BulkProgress, type OperationInput, type Contract } from '../../../electron/contract';
import { startVaults } from './multi-vault';

/**
 * The dashboard's bulk fixes through the bulk runner against a real local vault: each PATCHes the current
 * version's attributes; no item creates a new version (the vault's own versions listing and its request log say
 * so), and extend-expiry refuses a secret that changed after the caller saw it.
 */
describe('bulk property edits', () => {
  let w: Awaited<ReturnType<typeof startVaults>>;
  let vaultId: string;
  const NAMES = ['edit-a', 'edit-b', 'edit-c'];
  const now = Date.now();

  beforeAll(async () => {
    w = await startVaults(1);
    vaultId = w.vaultIds[0] as string;
    const client = w.clientOf(0);
    await client.setSecret('edit-a', 'va', { expiresOn: new Date(now + 10 * DAY_MS) });
    await client.setSecret('edit-b', 'vb', { expiresOn: new Date(now - 3 * DAY_MS) });
    await client.setSecret('edit-c', 'vc');
  });
  afterAll(async () => {
    await w?.stop();
  });

  /** Runs a job and resolves with its final progress event. */
  async function run(
    input: Omit<OperationInput<Contract['bulk']['start']>, 'vaultId'>,
  ): Promise<BulkProgress> {
    const { jobId } = await w.caller.value('bulk', 'start', { vaultId, ...input });
    for (;;) {
      const final = w.events.find(
        (e) =>
          e.name === 'bulk.progress' &&
          (e.payload as BulkProgress).jobId === jobId &&
          (e.payload as BulkProgress).results,
      );
      if (final) return final.payload as BulkProgress;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const versions = async (name: string) => {
    const out = [];
    for await (const v of w.clientOf(0).listPropertiesOfSecretVersions(name)) out.push(v);
    return out;
  };
  const props = async (name: string) => (await versions(name))[0]!;
  const writes = () => (w.logs[0] ?? []).filter((l) => /^(PUT|POST) /.test(l));

  it('extend-expiry adds the days to each expiry as seen (from now when passed or none), in place', async () => {
    const seen = Object.fromEntries(
      await Promise.all(
        NAMES.map(async (n) => {
          const p = await props(n);
          return [
            n,
            {
              ...(p.expiresOn ? { expiresOn: p.expiresOn.getTime() } : {}),
              updatedOn: p.updatedOn!.getTime(),
            },
          ];
        }),
      ),
    );
    const before = writes().length;
    const done = await run({ action: 'extend-expiry', names: NAMES, extendDays: 30, seen });
    expect(done.results?.every((r) => r.ok)).toBe(true);
    expect(writes().length).toBe(before); // PATCH only: no PUT (a new version) and no POST
    for (const n of NAMES) expect(await versions(n)).toHaveLength(1);
    const a = (await props('edit-a')).expiresOn!.getTime();
    expect(a).toBe(seen['edit-a']!.expiresOn! + 30 * DAY_MS);
    // Passed or none: from the job's start.
    for (const n of ['edit-b', 'edit-c']) {
      const e = (await props(n)).expiresOn!.getTime();
      expect(e).toBeGreaterThanOrEqual(now + 30 * DAY_MS - 1000);
      expect(e).toBeLessThan(Date.now() + 30 * DAY_MS + 1000);
    }
    expect((w.logs[0] ?? []).some((l) => l.startsWith('PATCH /secrets/edit-a/'))).toBe(true);
  });

  it('extend-expiry refuses a secret changed after it was seen; the others go on', async () => {
    const stale = { expiresOn: now, updatedOn: now - DAY_MS };
    const current = await props('edit-a');
    const done = await run({
      action: 'extend-expiry',
      names: ['edit-a', 'edit-c'],
      extendDays: 1,
      seen: {
        'edit-a': stale,
        'edit-c': {
          updatedOn: (await props('edit-c')).updatedOn!.getTime(),
          expiresOn: (await props('edit-c')).expiresOn!.getTime(),
        },
      },
    });
    const byName = Object.fromEntries((done.results ?? []).map((r) => [r.name, r]));
    expect(byName['edit-a']).toMatchObject({ ok: false, error: expect.stringMatching(/changed/i) });
    expect(byName['edit-c']?.ok).toBe(true);
    expect((await props('edit-a')).expiresOn?.getTime()).toBe(current.expiresOn?.getTime());
  });

  it('set-expiry, set-content-type and disable change properties only', async () => {
    const before = writes().length;
    const target = now + 100 * DAY_MS;
    expect((await run({ action: 'set-expiry', names: NAMES, expiresOn: target })).failed).toBe(0);
    expect((await run({ action: 'set-content-type', names: NAMES, contentType: 'text/plain' })).failed).toBe(
      0,
    );
    expect((await run({ action: 'disable', names: ['edit-c'] })).failed).toBe(0);
    expect(writes().length).toBe(before);
    for (const n of NAMES) {
      expect(await versions(n)).toHaveLength(1);
      const p = await props(n);
      expect(p.expiresOn?.getTime()).toBe(Math.floor(target / 1000) * 1000);
      expect(p.contentType).toBe('text/plain');
    }
    expect((await props('edit-c')).enabled).toBe(false);
    // The value is untouched.
    expect((await w.clientOf(0).getSecret('edit-a')).value).toBe('va');
  });

  it('a property edit without its parameter is refused with the field named', async () => {
    const result = await w.caller.call('bulk', 'start', { vaultId, action: 'set-expiry', names: ['edit-a'] });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'expiresOn' } });
  });
});
