import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkProgress } from '../../../electron/contract';
import { startTestCore, type TestCore } from '../../support/start-test-core';

/**
 * A core over its own embedded local vault (real SDK, real HTTPS), whose save and open dialogs answer with the
 * path a test sets, as if the user picked it.
 */
export interface TransferCore extends TestCore {
  vaultId: string;
  /** The path the next save dialog answers (undefined: the user cancels). */
  saveTo: { path: string | undefined };
  openFrom: { path: string | undefined };
  /** The final progress of a bulk job. */
  finished(jobId: string): Promise<BulkProgress>;
}

export async function startTransferCore(): Promise<TransferCore> {
  const saveTo: { path: string | undefined } = { path: undefined };
  const openFrom: { path: string | undefined } = { path: undefined };
  const core = await startTestCore({
    fileDialogs: {
      showSaveDialog: async () => saveTo.path,
      showOpenDialog: async () => openFrom.path,
    },
    retryPlans: {
      local: {
        maxAttempts: 6,
        baseDelayMs: 100,
        maxDelayMs: 2_000,
        maxTotalMs: 20_000,
        attemptTimeoutMs: 10_000,
      },
    },
  });
  const vault = await core.value('localVault', 'open', {});
  return {
    ...core,
    vaultId: vault.id,
    saveTo,
    openFrom,
    async finished(jobId) {
      for (let i = 0; i < 3_000; i++) {
        const last = core.events
          .filter((e) => e.name === 'bulk.progress')
          .map((e) => e.payload as BulkProgress)
          .find((p) => p.jobId === jobId && p.results !== undefined);
        if (last) return last;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`bulk job ${jobId} did not finish`);
    },
  };
}

export async function scratchDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kluis-transfer-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
