/**
 * Figure 3: bulk delete / recover of 1,000 secrets with the local vault's throttling on (the service's limits:
 * 300 creates / 4,000 other requests per 10 s) and 20 ms latency per request.
 *
 * Kluis: core's own handlers, as the renderer reaches them (`kluis:bulk.start`, progress through the `emit` dep,
 * done at the final `bulk.progress` that carries the per-item results), over the embedded local vault started
 * through core's `startLocalVault` dep. The secrets are written straight into the local vault's data dir before it
 * starts (so seeding is neither timed nor throttled); every request the vault answers is taken from its `log`
 * lines, to show how many it saw in any 10 s window.
 *
 * Baseline: a sequential SDK loop (beginDeleteSecret + pollUntilDone, then beginRecoverDeletedSecret +
 * pollUntilDone) over N secrets, extrapolated linearly to 1,000 and labelled as such.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  channelOf,
  type BulkAction,
  type BulkProgress,
  type EventName,
  type EventPayloads,
  type Result,
} from '../../electron/contract';
import { startTestCore } from '../support/start-test-core';
import { DEFAULT_BULK_LIMITS } from '../../electron/core/bulk/bulk-runner';
import { startLocalVault } from '../../electron/local-vault';
import { SENDER, seedDataDir } from './harness';
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

/** One request the local vault answered (from its log line), with when it was logged. */
export interface LoggedRequest {
  atMs: number;
  method: string;
  path: string;
  /** HTTP status, or 0 for a connection reset before an answer. */
  status: number;
}

export interface RequestWindowStats {
  requests: number;
  /** Requests the service limit counts as "other" (not a create, not answered 429). */
  otherRequests: number;
  creates: number;
  throttled429: number;
  resets: number;
  /** Most requests in any 10 s window starting at a request (sliding), of each kind. */
  busiest10sOther: number;
  busiest10sCreates: number;
  busiest10sAll: number;
  /** The same, per fixed 10 s window from the job's start. */
  perFixed10sWindowAll: number[];
}

export interface BulkJobResult {
  action: BulkAction;
  items: number;
  ms: number;
  itemsPerSecond: number;
  done: number;
  failed: number;
  cancelled: boolean;
  progressEvents: number;
  /** Distinct user-facing error messages of failed items (never values). */
  errors: string[];
  vault: RequestWindowStats;
}

export interface BulkKluisResult {
  items: number;
  latencyMs: number;
  throttle: string;
  seeding: string;
  bulkLimits: typeof DEFAULT_BULK_LIMITS;
  delete: BulkJobResult;
  recover: BulkJobResult;
  /** Secrets listed through core's secrets.listPage after the recover job (should equal `items`). */
  listedAfterRecover: number;
}

const isCreate = (r: LoggedRequest) => r.method === 'PUT' && /^\/secrets\/[^/]+$/.test(r.path);

function busiest(times: number[]): number {
  let most = 0;
  for (let start = 0, end = 0; start < times.length; start++) {
    while (end < times.length && times[end]! < times[start]! + 10_000) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

export function windowStats(requests: LoggedRequest[], fromMs: number): RequestWindowStats {
  const answered = requests.filter((r) => r.status !== 0);
  const other = answered.filter((r) => r.status !== 429 && !isCreate(r));
  const creates = answered.filter((r) => r.status !== 429 && isCreate(r));
  const fixed: number[] = [];
  for (const r of requests) {
    const w = Math.floor((r.atMs - fromMs) / 10_000);
    while (fixed.length <= w) fixed.push(0);
    fixed[w]! += 1;
  }
  return {
    requests: requests.length,
    otherRequests: other.length,
    creates: creates.length,
    throttled429: answered.filter((r) => r.status === 429).length,
    resets: requests.length - answered.length,
    busiest10sOther: busiest(other.map((r) => r.atMs)),
    busiest10sCreates: busiest(creates.map((r) => r.atMs)),
    busiest10sAll: busiest(requests.map((r) => r.atMs)),
    perFixed10sWindowAll: fixed,
  };
}

export async function measureBulkKluis(n: number, latencyMs: number): Promise<BulkKluisResult> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kluis-bench-bulk-'));
  const key = randomBytes(32);
  const prefix = 'bulk';
  await seedDataDir(join(userDataDir, 'local-vault'), key, n, prefix);
  const names = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);

  const requests: LoggedRequest[] = [];
  const progress = new Map<string, BulkProgress[]>();
  const waiters = new Map<string, (final: BulkProgress) => void>();
  const emit = <E extends EventName>(name: E, payload: EventPayloads[E]) => {
    if (name !== 'bulk.progress') return;
    const p = payload as BulkProgress;
    const list = progress.get(p.jobId) ?? [];
    list.push(p);
    progress.set(p.jobId, list);
    if (p.results) waiters.get(p.jobId)?.(p);
  };
  const { core } = await startTestCore({
    userDataDir,
    keyStore: { getOrCreateKey: async () => key },
    onEvent: emit,
    isTrustedSender: (sender) => sender.isMainFrame,
    appVersion: '0.1.0-bench',
    startLocalVault: (options) =>
      startLocalVault({
        ...options,
        latencyMs,
        throttle: true,
        // "<METHOD> <path> <status|reset> <ms>ms"; warnings and errors are other lines. No values, no tokens.
        log: (line) => {
          const m = /^([A-Z]+) (\S+) (\d{3}|reset) /.exec(line);
          if (m) {
            requests.push({
              atMs: performance.now(),
              method: m[1]!,
              path: m[2]!,
              status: m[3] === 'reset' ? 0 : Number(m[3]),
            });
          }
        },
      }),
  });

  const call = async <T>(group: string, method: string, input: unknown): Promise<T> => {
    const handler = core.handlers.get(channelOf(group as never, method as never));
    if (!handler) throw new Error(`no handler for ${group}.${method}`);
    const result = (await handler(SENDER, input)) as Result<T>;
    if (!result.ok)
      throw new Error(`${group}.${method} failed: ${result.error.kind}: ${result.error.message}`);
    return result.value;
  };

  async function listAll(vaultId: string): Promise<number> {
    let count = 0;
    let continuationToken: string | undefined;
    do {
      const page = await call<{ items: unknown[]; continuationToken?: string }>('secrets', 'listPage', {
        vaultId,
        ...(continuationToken ? { continuationToken } : {}),
      });
      count += page.items.length;
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return count;
  }

  async function runJob(vaultId: string, action: BulkAction): Promise<BulkJobResult> {
    const from = requests.length;
    const t0 = performance.now();
    let resolveFinal!: (final: BulkProgress) => void;
    const finalEvent = new Promise<BulkProgress>((resolve) => (resolveFinal = resolve));
    const { jobId } = await call<{ jobId: string }>('bulk', 'start', { vaultId, action, names });
    waiters.set(jobId, resolveFinal);
    // In case the final event came before we registered (it cannot today: the job starts asynchronously).
    const early = progress.get(jobId)?.find((p) => p.results);
    if (early) resolveFinal(early);
    const final = await finalEvent;
    const ms = performance.now() - t0;
    // Let the last log lines of the job land before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const results = final.results ?? [];
    return {
      action,
      items: names.length,
      ms: round(ms, 0),
      itemsPerSecond: round(names.length / (ms / 1000), 1),
      done: final.done,
      // Every item not reported ok counts as failed (a cancelled or cut-short job included).
      failed: names.length - results.filter((r) => r.ok).length,
      cancelled: final.cancelled === true,
      progressEvents: progress.get(jobId)?.length ?? 0,
      errors: [...new Set(results.filter((r) => !r.ok).map((r) => r.error ?? 'unknown'))],
      vault: windowStats(requests.slice(from), t0),
    };
  }

  try {
    const vault = await call<{ id: string }>('localVault', 'open', {});
    // The vault open in the UI: its first page listed once (loads the SDK and connects), before any timing.
    await call('secrets', 'listPage', { vaultId: vault.id });
    const del = await runJob(vault.id, 'delete');
    const rec = await runJob(vault.id, 'recover');
    const listedAfterRecover = await listAll(vault.id);
    return {
      items: n,
      latencyMs,
      throttle: 'on (service limits: 300 creates / 4,000 other requests per 10 s)',
      seeding: 'written into the local vault data dir before it started (not timed, not throttled)',
      bulkLimits: DEFAULT_BULK_LIMITS,
      delete: del,
      recover: rec,
      listedAfterRecover,
    };
  } finally {
    await core.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  }
}
