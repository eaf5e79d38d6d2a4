import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../../electron/contract';
import type { RunningLocalVault } from '../../../electron/local-vault';
import { API, raw } from '../local-vault/helpers';
import { startBulkCore, type LoggedRequest } from './bulk-harness';

/**
 * Kluis against a local vault that behaves like the service where clients go wrong (issue 17): sparse paging
 * (empty pages that still link on, short pages) and a 3-second consistency lag (a deleted secret is listed as
 * deleted, a recovered one as a secret, only 1.5 to 3 s after the write). The list with its read-ahead, the
 * deleted view and a bulk delete and recover of 320 secrets must still see everything, confirm every item
 * exactly once with no false failure, and never report an item done before the vault shows it.
 */

const LAG_MS = 3_000;
const NAMES = Array.from({ length: 320 }, (_, i) => `lagged-${String(i).padStart(3, '0')}`);

/** Every name a raw listing shows, following nextLinks (over empty pages) to the end. */
async function listed(v: RunningLocalVault, path: '/secrets' | '/deletedsecrets'): Promise<Set<string>> {
  const names = new Set<string>();
  let next: string | null = `${path}?${API}`;
  while (next !== null) {
    const res = await raw(v, 'GET', next);
    if (res.status !== 200) throw new Error(`listing answered ${res.status}`);
    const page = res.json as { value: Array<{ id: string }>; nextLink: string | null };
    for (const item of page.value) names.add(item.id.split('/')[4] as string);
    next = page.nextLink === null ? null : new URL(page.nextLink).pathname + new URL(page.nextLink).search;
  }
  return names;
}

/**
 * Watches a job's progress events. At each one it notes how many items core reports done, and how many of the
 * job's writes the vault had answered at least 1 s before (no item can show before half the lag, 1.5 s, has
 * passed since its write); then it lists what the vault shows, right away (one listing at a time).
 */
function watcher() {
  const observations: Array<{ reported: number; writtenLongEnoughAgo: number; shown?: number }> = [];
  let job:
    | { log: () => LoggedRequest[]; isWrite: (r: LoggedRequest) => boolean; list: () => Promise<number> }
    | undefined;
  let busy = false;
  const checks: Promise<void>[] = [];
  return {
    observations,
    watch(next: NonNullable<typeof job>) {
      job = next;
      observations.length = 0;
      checks.length = 0;
    },
    onProgress(p: BulkProgress) {
      if (!job) return;
      const now = Date.now();
      const observation: (typeof observations)[number] = {
        reported: p.done - p.failed,
        writtenLongEnoughAgo: job.log().filter((r) => job!.isWrite(r) && r.at <= now - 1_000).length,
      };
      observations.push(observation);
      if (busy) return;
      busy = true;
      checks.push(
        job
          .list()
          .then((shown) => {
            observation.shown = shown;
          })
          .finally(() => {
            busy = false;
          }),
      );
    },
    async stop() {
      job = undefined;
      await Promise.all(checks);
    },
  };
}

describe('Kluis against sparse paging and a 3 s consistency lag', () => {
  let h: Awaited<ReturnType<typeof startBulkCore>>;
  const w = watcher();

  beforeAll(async () => {
    h = await startBulkCore({
      knobs: { paging: { mode: 'sparse', seed: 17 }, consistencyLag: { ms: LAG_MS, seed: 17 } },
      onEvent: (name, payload) => {
        if (name === 'bulk.progress') w.onProgress(payload as BulkProgress);
      },
    });
    await h.seed(h.vaultId, NAMES);
  }, 120_000);
  afterAll(() => h?.dispose());

  it('lists every secret once through sparse pages with the read-ahead on', async () => {
    const from = h.requests.length;
    const names = await h.allNames(h.vaultId, 'secrets');
    expect(names).toEqual(NAMES);
    // More page requests than 25-secret pages would need: the empty and short pages were followed.
    const pageRequests = h.requests.slice(from).filter((r) => r.method === 'GET' && r.path === '/secrets');
    expect(pageRequests.length).toBeGreaterThan(Math.ceil(NAMES.length / 25));
  });

  for (const action of ['delete', 'recover'] as const) {
    it(`bulk ${action} of 320: each item confirmed once, no false failure, none reported before the vault shows it`, async () => {
      const v = h.localVault();
      const from = h.requests.length;
      const isWrite = (r: LoggedRequest) =>
        r.status === 200 &&
        (action === 'delete'
          ? r.method === 'DELETE' && r.path.startsWith('/secrets/')
          : r.method === 'POST' && r.path.endsWith('/recover'));
      w.watch({
        log: () => h.requests.slice(from),
        isWrite,
        list: async () => {
          const shown = await listed(v, action === 'delete' ? '/deletedsecrets' : '/secrets');
          return NAMES.filter((n) => shown.has(n)).length;
        },
      });
      const job = await h.value('bulk', 'start', { vaultId: h.vaultId, action, names: NAMES });
      const final = await h.finished(job.jobId, 110_000);
      await w.stop();

      expect(final.results?.filter((r) => !r.ok)).toEqual([]);
      expect(final.results?.map((r) => r.name).sort()).toEqual(NAMES);
      expect(final).toMatchObject({ done: NAMES.length, total: NAMES.length, failed: 0 });
      const writes = h.requests.slice(from).filter(isWrite);
      expect(writes).toHaveLength(NAMES.length);
      expect(new Set(writes.map((r) => r.path)).size).toBe(NAMES.length);

      expect(w.observations.length).toBeGreaterThan(10);
      for (const o of w.observations) {
        expect(o.reported).toBeLessThanOrEqual(o.writtenLongEnoughAgo);
        if (o.shown !== undefined) expect(o.shown).toBeGreaterThanOrEqual(o.reported);
      }
      expect(w.observations.filter((o) => o.shown !== undefined).length).toBeGreaterThanOrEqual(2);

      // The views follow the sparse pages: all 320 on the side the job moved them to, none left behind.
      const [moved, left] =
        action === 'delete' ? (['deleted', 'secrets'] as const) : (['secrets', 'deleted'] as const);
      expect(await h.allNames(h.vaultId, moved)).toEqual(NAMES);
      expect(await h.allNames(h.vaultId, left)).toEqual([]);
    }, 150_000);
  }
});
