import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BulkProgress, type EventName } from '../../../electron/contract';
import type { FileDialogs } from '../../../electron/core';
import type { BulkLimits } from '../../../electron/core/bulk/bulk-runner';
import type { RetryPlan } from '../../../electron/core/reliability/retry-budget';
import {
  startLocalVault,
  type LocalVaultOptions,
  type RunningLocalVault,
} from '../../../electron/local-vault';
import { coreCaller } from '../../support/core-caller';
import { startTestCore } from '../../support/start-test-core';

/** The local plan with shorter waits, and room for a create to wait out a throttle window while seeding. */
const PLAN: RetryPlan = {
  maxAttempts: 6,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxTotalMs: 20_000,
  attemptTimeoutMs: 10_000,
};

/** One request the local vault answered, with when it arrived (on the local vault's clock). */
export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  status: number;
}

export interface BulkCoreOptions {
  knobs: Pick<
    LocalVaultOptions,
    'throttle' | 'now' | 'latencyMs' | 'purgeProtection' | 'faults' | 'paging' | 'consistencyLag'
  >;
  /** Called with each event as core emits it (synchronously, as the renderer would get it). */
  onEvent?: (name: EventName, payload: unknown) => void;
  bulkLimits?: Partial<BulkLimits>;
  fileDialogs?: FileDialogs;
}

/** Core over the real local vault with its throttle on, every local vault request logged for counting. */
export async function startBulkCore(options: BulkCoreOptions) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kluis-bulk-'));
  const requests: LoggedRequest[] = [];
  const clock = options.knobs.now ?? Date.now;
  let running: RunningLocalVault | undefined;
  const { core, events } = await startTestCore({
    userDataDir,
    onEvent: (name, payload) => options.onEvent?.(name, payload),
    startLocalVault: async (local) =>
      (running = await startLocalVault({
        ...local,
        ...options.knobs,
        log: (line) => {
          const [method, path, status] = line.split(' ');
          if (method && path && status) requests.push({ at: clock(), method, path, status: Number(status) });
        },
      })),
    retryPlans: { local: PLAN },
    ...(options.bulkLimits ? { bulkLimits: options.bulkLimits } : {}),
    ...(options.fileDialogs ? { fileDialogs: options.fileDialogs } : {}),
  });

  const { call, value } = coreCaller(core.handlers);

  const progress = (jobId: string) =>
    events
      .filter((e) => e.name === 'bulk.progress')
      .map((e) => e.payload as BulkProgress)
      .filter((p) => p.jobId === jobId);

  /** Resolves with the job's final progress event. */
  async function finished(jobId: string, timeoutMs = 50_000): Promise<BulkProgress> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const last = progress(jobId).find((p) => p.results !== undefined);
      if (last) return last;
      if (Date.now() > until) throw new Error(`bulk job ${jobId} did not finish`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Creates secrets through core, a few at a time, waiting out the create limit (a 429 was not processed). */
  async function seed(vaultId: string, names: string[]): Promise<void> {
    const create = async (name: string): Promise<void> => {
      for (;;) {
        const result = await call('secrets', 'set', { vaultId, name, value: `v-${name}` });
        if (result.ok) return;
        if (result.error.kind !== 'throttled') throw new Error(`seeding ${name}: ${result.error.message}`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    };
    for (let i = 0; i < names.length; i += 16) await Promise.all(names.slice(i, i + 16).map(create));
  }

  /** Every page of a listing, followed to the end. */
  async function allNames(vaultId: string, list: 'secrets' | 'deleted'): Promise<string[]> {
    const names: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page =
        list === 'secrets'
          ? await value('secrets', 'listPage', {
              vaultId,
              ...(continuationToken ? { continuationToken } : {}),
            })
          : await value('deleted', 'listPage', {
              vaultId,
              ...(continuationToken ? { continuationToken } : {}),
            });
      for (const item of page.items) names.push('properties' in item ? item.properties.name : item.name);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return names;
  }

  const vault = await value('localVault', 'open', {});
  return {
    core,
    call,
    value,
    events,
    requests,
    progress,
    finished,
    seed,
    allNames,
    vaultId: vault.id,
    /** The local vault core started (its URL, token and CA), for reads beside core's. */
    localVault: () => {
      if (!running) throw new Error('the local vault is not running');
      return running;
    },
    async dispose() {
      await core.dispose();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The most requests (other than creates and throttled ones) in any 10-second window that starts at a request. */
export function busiestTenSeconds(
  requests: LoggedRequest[],
  isCounted: (r: LoggedRequest) => boolean,
): number {
  const times = requests.filter(isCounted).map((r) => r.at);
  let most = 0;
  for (let start = 0, end = 0; start < times.length; start++) {
    while (end < times.length && (times[end] as number) < (times[start] as number) + 10_000) end++;
    most = Math.max(most, end - start);
  }
  return most;
}
