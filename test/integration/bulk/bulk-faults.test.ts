import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBulkCore, type LoggedRequest } from './bulk-harness';

const names = (n: number) => Array.from({ length: n }, (_, i) => `faulty-${String(i).padStart(3, '0')}`);
const answered = (rs: LoggedRequest[], method: string, path: (name: string) => string, name: string) =>
  rs.filter((r) => r.method === method && r.path === path(name) && r.status === 200);

/**
 * The vault fails one request in ten (500, 503 or a dropped connection, seeded): a bulk delete and recover still
 * complete every item, each write landing exactly once (the write guard checks before it repeats one); the
 * confirming list pages are read again by the pipeline's retries when they fail.
 */
describe('bulk delete and recover when the vault fails requests', () => {
  let h: Awaited<ReturnType<typeof startBulkCore>>;
  const all = names(60);

  beforeAll(async () => {
    h = await startBulkCore({ knobs: { faults: { rate: 0.1, seed: 7 } } });
    await h.seed(h.vaultId, all);
  }, 120_000);
  afterAll(() => h?.dispose());

  it('every item completes, with one landed write each and no write sent after it landed', async () => {
    const from = h.requests.length;
    const del = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'delete', names: all });
    const deleted = await h.finished(del.jobId, 110_000);
    expect(deleted.results?.filter((r) => !r.ok)).toEqual([]);
    const rec = await h.value('bulk', 'start', { vaultId: h.vaultId, action: 'recover', names: all });
    const recovered = await h.finished(rec.jobId, 110_000);
    expect(recovered.results?.filter((r) => !r.ok)).toEqual([]);
    const during = h.requests.slice(from);
    // Some of the 120 writes failed (a reset is logged without a status), so the write guard had work to do.
    const writes = during.filter((r) => r.method === 'DELETE' || r.method === 'POST');
    expect(writes.filter((r) => r.status !== 200).length).toBeGreaterThan(0);
    for (const name of all) {
      expect(answered(during, 'DELETE', (n) => `/secrets/${n}`, name)).toHaveLength(1);
      expect(answered(during, 'POST', (n) => `/deletedsecrets/${n}/recover`, name)).toHaveLength(1);
    }
    // A repeated write after one landed would have been answered 404.
    expect(writes.filter((r) => r.status === 404)).toEqual([]);
  }, 240_000);
});
