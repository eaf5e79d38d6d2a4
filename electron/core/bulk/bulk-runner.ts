import { randomUUID } from 'node:crypto';
import type { BulkAction, BulkItemResult, BulkProgress, BulkStartParams, KluisError } from '../../contract';
import { runConfirmedJob } from './bulk-confirm';
import type { ConfirmedRequests } from './bulk-requests';
import { WRITE_RECHECK_REQUESTS, WRITE_REQUESTS, type BulkWriteItem, type RunWrite } from './bulk-writes';
import { failure } from '../errors/kluis-failure';
import { TokenBucket } from './token-bucket';

/**
 * Runs one action over many secrets of a vault: a few requests at a time, never faster than a per-vault rate well
 * under the service's limit (4,000 non-create transactions per 10 s), backing off and retrying an item the service
 * throttled (a 429 is documented as not processed, so repeating it cannot do the write twice). Any other failure
 * is that item's result; the write guard behind each single operation already decided whether it may be repeated.
 */
export interface BulkLimits {
  /** Items in flight at once. */
  concurrency: number;
  /** Requests per second per vault (each item takes its action's request count), and the burst allowance. */
  perSecond: number;
  burst: number;
  /** Backoff after a throttled item: base doubled per attempt, up to max, half of it random. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Attempts per item when the service keeps throttling it. */
  maxAttempts: number;
}

/**
 * Requests one item of each action makes when it runs as its single operation: the write plus what that reads (a
 * delete's poller reads the deleted secret once it is gone; a recover first checks the secret, then posts, then
 * polls). A confirmed job (deps.confirmed) instead takes one token per request it sends.
 */
export const REQUESTS_PER_ITEM: Record<BulkAction, number> = {
  delete: 2,
  recover: 3,
  purge: 1,
  enable: 1,
  disable: 1,
  'set-expiry': 1,
  // The check that the secret is as the caller saw it (its versions), then the PATCH.
  'extend-expiry': 2,
  'set-content-type': 1,
};

/** What a property edit needs besides the action: the job's parameters, and when it started. */
export type BulkItemParams = Pick<BulkStartParams, 'expiresOn' | 'extendDays' | 'seen' | 'contentType'> & {
  startedAt: number;
};

/**
 * The service allows 4,000 non-create transactions per 10 s per vault. Bulk jobs stay at 3,200 (320 requests/s,
 * burst 64), leaving a fifth for the user's other work and for the extra polls of an eventually consistent
 * vault; 16 in flight keeps that rate reachable at Azure's round-trip times.
 */
export const DEFAULT_BULK_LIMITS: BulkLimits = {
  concurrency: 16,
  perSecond: 320,
  burst: 64,
  backoffBaseMs: 1_000,
  backoffMaxMs: 16_000,
  maxAttempts: 8,
};

export interface BulkRunnerDeps {
  /** Runs the single operation for one item (attempt 2+ after a throttle: check first); throws on failure. */
  runItem(
    vaultId: string,
    action: BulkAction,
    name: string,
    attempt: number,
    params: BulkItemParams,
  ): Promise<void>;
  /**
   * Delete and recover with one write per item and completion confirmed in bulk (bulk-confirm.ts). Without it they
   * run item by item through runItem, polling each.
   */
  confirmed?: ConfirmedRequests;
  /** Turns an item's thrown failure into the user-facing error (kind and message, never a value). */
  describe(err: unknown, action: BulkAction): KluisError;
  /** Runs one item of a write job (bulk-writes.ts's bulkWriteRunner); without it startWrites refuses. */
  runWrite?: RunWrite;
  /** A write item's failure as the user reads it (bulk-writes.ts's describeBulkWriteFailure). */
  describeWrite?: (err: unknown) => KluisError;
  emit(progress: BulkProgress): void;
  limits?: Partial<BulkLimits>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface BulkRunner {
  start(
    input: { vaultId: string; action: BulkAction; names: string[] } & Partial<
      Omit<BulkItemParams, 'startedAt'>
    >,
  ): { jobId: string };
  /**
   * A write job (bulk-writes.ts): each item writes a value only main knows, read when the item runs. Same pacing,
   * retries after a throttle, progress ('bulk.progress'), cancel and per-item results (with `outcome`, `version`)
   * as start(). A name twice is refused: it would write twice.
   */
  startWrites(input: { vaultId: string; items: BulkWriteItem[] }): { jobId: string };
  cancel(jobId: string): { cancelled: boolean };
  /**
   * The vault's request rate, shared by every bulk job: other work of many requests on a vault (a comparison's
   * value reads) takes its tokens here, so it and a job on the same vault together stay under the rate.
   */
  bucket(vaultId: string): TokenBucket;
  /** Backoff before the next attempt after a throttle (base doubled per attempt, half of it random). */
  backoff(attempt: number): number;
  /** Resolves when the job has finished (tests, shutdown). */
  settled(jobId: string): Promise<BulkProgress | undefined>;
  /** Cancels every job and waits for items in flight. */
  dispose(): Promise<void>;
}

interface Job {
  id: string;
  cancelled: boolean;
  done: Promise<BulkProgress>;
}

/** Names are case-insensitive on the service: the same secret twice in one job would repeat a write. */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createBulkRunner(deps: BulkRunnerDeps): BulkRunner {
  const limits = { ...DEFAULT_BULK_LIMITS, ...deps.limits };
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const buckets = new Map<string, TokenBucket>();
  const jobs = new Map<string, Job>();

  const bucketFor = (vaultId: string): TokenBucket => {
    let bucket = buckets.get(vaultId);
    if (!bucket) {
      bucket = new TokenBucket({ capacity: limits.burst, perSecond: limits.perSecond, now, sleep });
      buckets.set(vaultId, bucket);
    }
    return bucket;
  };

  const backoff = (attempt: number): number => {
    const ceiling = Math.min(limits.backoffMaxMs, limits.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  };

  /** Progress of one job: about a hundred events whatever its size, then the final one with every result. */
  function tracker(job: Job, total: number) {
    const results: BulkItemResult[] = [];
    let failed = 0;
    const step = Math.max(1, Math.floor(total / 100));
    return {
      settle(result: BulkItemResult) {
        results.push(result);
        if (!result.ok) failed += 1;
        if (results.length % step === 0 && results.length < total) {
          deps.emit({ jobId: job.id, done: results.length, total, failed });
        }
      },
      finish(): BulkProgress {
        const final: BulkProgress = { jobId: job.id, done: results.length, total, failed, results };
        if (job.cancelled) final.cancelled = true;
        deps.emit(final);
        return final;
      },
    };
  }

  /**
   * Runs items a few at a time: each takes its tokens before each attempt, and an attempt the service throttled
   * is tried again after a backoff that slows the whole vault down. Any other failure is the item's result.
   */
  async function runItems<T>(
    job: Job,
    items: T[],
    track: ReturnType<typeof tracker>,
    one: {
      name(item: T): string;
      /** Takes the tokens an attempt needs (from the vaults it sends requests to). */
      take(item: T, attempt: number): Promise<void>;
      run(item: T, attempt: number): Promise<Omit<BulkItemResult, 'name' | 'ok'>>;
      describe(err: unknown): KluisError;
      /** The bucket a throttle pauses. */
      bucket: TokenBucket;
    },
  ): Promise<void> {
    let next = 0;
    async function runOne(item: T): Promise<BulkItemResult | undefined> {
      const name = one.name(item);
      for (let attempt = 1; ; attempt++) {
        await one.take(item, attempt);
        if (job.cancelled) return undefined;
        try {
          return { name, ok: true, ...(await one.run(item, attempt)) };
        } catch (err) {
          const error = one.describe(err);
          if (error.kind !== 'throttled' || attempt >= limits.maxAttempts) {
            return { name, ok: false, error: error.message };
          }
          const delay = backoff(attempt);
          one.bucket.pause(delay);
          await sleep(delay);
          if (job.cancelled) return undefined;
        }
      }
    }
    async function worker(): Promise<void> {
      while (!job.cancelled && next < items.length) {
        const result = await runOne(items[next++] as T);
        if (!result) return;
        track.settle(result);
      }
    }
    await Promise.all(Array.from({ length: Math.min(limits.concurrency, items.length) }, () => worker()));
  }

  async function runJob(
    job: Job,
    vaultId: string,
    action: BulkAction,
    names: string[],
    params: BulkItemParams,
  ): Promise<BulkProgress> {
    const bucket = bucketFor(vaultId);
    const track = tracker(job, names.length);
    if (deps.confirmed && (action === 'delete' || action === 'recover')) {
      await runConfirmedJob({
        vaultId,
        action,
        names,
        requests: deps.confirmed,
        bucket,
        concurrency: limits.concurrency,
        maxAttempts: limits.maxAttempts,
        backoff,
        sleep,
        describe: (err) => deps.describe(err, action),
        cancelled: () => job.cancelled,
        settle: (result) => track.settle(result),
      });
      return track.finish();
    }
    await runItems(job, names, track, {
      name: (name) => name,
      take: () => bucket.take(REQUESTS_PER_ITEM[action]),
      run: async (name, attempt) => {
        await deps.runItem(vaultId, action, name, attempt, params);
        return {};
      },
      describe: (err) => deps.describe(err, action),
      bucket,
    });
    return track.finish();
  }

  async function runWriteJob(
    job: Job,
    vaultId: string,
    items: BulkWriteItem[],
    runWrite: RunWrite,
    describeWrite: (err: unknown) => KluisError,
  ): Promise<BulkProgress> {
    const bucket = bucketFor(vaultId);
    const track = tracker(job, items.length);
    const startedAt = now();
    await runItems(job, items, track, {
      name: (item) => item.name,
      take: async (item, attempt) => {
        if (item.mode === 'skip') return;
        if (item.reads) await bucketFor(item.reads.vaultId).take(item.reads.requests);
        await bucket.take(WRITE_REQUESTS[item.mode] + (attempt > 1 ? WRITE_RECHECK_REQUESTS : 0));
      },
      run: (item, attempt) => runWrite(vaultId, item, attempt, startedAt),
      describe: describeWrite,
      bucket,
    });
    return track.finish();
  }

  const track = (run: (job: Job) => Promise<BulkProgress>): { jobId: string } => {
    const job: Job = { id: randomUUID(), cancelled: false, done: Promise.resolve(undefined as never) };
    job.done = run(job).finally(() => jobs.delete(job.id));
    jobs.set(job.id, job);
    return { jobId: job.id };
  };

  return {
    start({ vaultId, action, names, ...rest }) {
      const list = uniqueNames(names);
      if (list.length === 0)
        throw failure('invalid-input', 'Select at least one secret.', { field: 'names' });
      const params: BulkItemParams = { startedAt: now() };
      if (rest.expiresOn !== undefined) params.expiresOn = rest.expiresOn;
      if (rest.extendDays !== undefined) params.extendDays = rest.extendDays;
      if (rest.seen !== undefined) params.seen = rest.seen;
      if (rest.contentType !== undefined) params.contentType = rest.contentType;
      return track((job) => runJob(job, vaultId, action, list, params));
    },
    startWrites({ vaultId, items }) {
      const { runWrite, describeWrite } = deps;
      if (!runWrite || !describeWrite)
        throw failure('not-configured', 'Bulk writes are not available in this build of Kluis.');
      if (items.length === 0)
        throw failure('invalid-input', 'Select at least one secret.', { field: 'names' });
      const seen = new Set<string>();
      for (const item of items) {
        const key = item.name.toLowerCase();
        if (seen.has(key)) {
          throw failure(
            'invalid-input',
            `"${item.name}" appears twice; secret names are case-insensitive, so it would be written twice.`,
            { field: 'names' },
          );
        }
        seen.add(key);
      }
      return track((job) => runWriteJob(job, vaultId, items, runWrite, describeWrite));
    },
    bucket: bucketFor,
    backoff,
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job) return { cancelled: false };
      job.cancelled = true;
      return { cancelled: true };
    },
    async settled(jobId) {
      return jobs.get(jobId)?.done;
    },
    async dispose() {
      const running = [...jobs.values()];
      for (const job of running) job.cancelled = true;
      await Promise.allSettled(running.map((j) => j.done));
    },
  };
}
