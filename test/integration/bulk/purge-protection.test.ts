import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBulkCore } from './bulk-harness';

/** A vault with purge protection refuses purges; Kluis says why instead of blaming permissions. */
describe('purge protection', () => {
  let h: Awaited<ReturnType<typeof startBulkCore>>;

  beforeAll(async () => {
    h = await startBulkCore({ knobs: { purgeProtection: true } });
    for (const name of ['kept-a', 'kept-b']) {
      await h.value('secrets', 'set', { vaultId: h.vaultId, name, value: 'x' });
      await h.value('secrets', 'delete', { vaultId: h.vaultId, name });
    }
  });
  afterAll(() => h?.dispose());

  it('a purge is refused with the purge protection explanation and the purge date', async () => {
    const info = await h.value('deleted', 'get', { vaultId: h.vaultId, name: 'kept-a' });
    expect(info.properties.recoveryLevel).not.toMatch(/Purgeable/);
    const result = await h.call('deleted', 'purge', { vaultId: h.vaultId, name: 'kept-a' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden', status: 403 } });
    if (!result.ok) {
      expect(result.error.message).toMatch(
        /^This vault has purge protection: deleted secrets are purged automatically on /,
      );
      expect(result.error.message).toContain(new Date(info.scheduledPurgeDate ?? 0).toUTCString());
    }
  });

  it('a bulk purge reports the same explanation per item and purges nothing', async () => {
    const { jobId } = await h.value('bulk', 'start', {
      vaultId: h.vaultId,
      action: 'purge',
      names: ['kept-a', 'kept-b'],
    });
    const final = await h.finished(jobId);
    expect(final).toMatchObject({ done: 2, failed: 2 });
    for (const r of final.results ?? []) expect(r.error).toMatch(/purge protection/);
    expect((await h.allNames(h.vaultId, 'deleted')).sort()).toEqual(['kept-a', 'kept-b']);
  });
});
