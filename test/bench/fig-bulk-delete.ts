/**
 * Figure 3: bulk delete / recover with throttling on. Kluis has no bulk operations yet, so only the baseline
 * is measured: a sequential SDK loop (beginDeleteSecret + pollUntilDone, then beginRecoverDeletedSecret +
 * pollUntilDone) over N secrets, extrapolated linearly to 1,000 and labelled as such.
 */
import { startLocalVault } from '../../electron/local-vault';
import { rawSdkClient } from './sdk-client';
import { round } from './stats';

export interface BulkBaselineResult {
  measuredItems: number;
  latencyMs: number;
  throttle: string;
  sequentialDeleteMs: number;
  sequentialRecoverMs: number;
  failedItems: number;
  extrapolatedDelete1000Ms: number;
  extrapolatedRecover1000Ms: number;
  /** What Kluis would need for "at least 10x faster" at 1,000 items. */
  targetDelete1000Ms: number;
  targetRecover1000Ms: number;
}

export async function measureBulkBaseline(n: number, latencyMs: number): Promise<BulkBaselineResult> {
  const vault = await startLocalVault({ latencyMs, throttle: true });
  try {
    const client = rawSdkClient(vault);
    const names = Array.from({ length: n }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
    // Seeding: 20 at a time; n stays under the throttle's 300 creates per 10 s.
    for (let i = 0; i < n; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((name) => client.setSecret(name, 'bench-value')));
    }
    // Poll as often as Kluis does (250 ms); the local vault deletes at once, so the first poll finds it done.
    const poll = { intervalInMs: 250 };
    let failed = 0;
    let t0 = performance.now();
    for (const name of names) {
      try {
        await (await client.beginDeleteSecret(name, poll)).pollUntilDone();
      } catch {
        failed++;
      }
    }
    const del = performance.now() - t0;
    t0 = performance.now();
    for (const name of names) {
      try {
        await (await client.beginRecoverDeletedSecret(name, poll)).pollUntilDone();
      } catch {
        failed++;
      }
    }
    const rec = performance.now() - t0;
    const scale = 1000 / n;
    return {
      measuredItems: n,
      latencyMs,
      throttle: 'on (service limits: 300 creates / 4,000 other requests per 10 s)',
      sequentialDeleteMs: round(del, 0),
      sequentialRecoverMs: round(rec, 0),
      failedItems: failed,
      extrapolatedDelete1000Ms: round(del * scale, 0),
      extrapolatedRecover1000Ms: round(rec * scale, 0),
      targetDelete1000Ms: round((del * scale) / 10, 0),
      targetRecover1000Ms: round((rec * scale) / 10, 0),
    };
  } finally {
    await vault.stop();
  }
}
