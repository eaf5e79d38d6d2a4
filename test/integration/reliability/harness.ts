import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretClient } from '@azure/keyvault-secrets';
import { type EventPayloads } from '../../../electron/contract';
import { staticTokenCredential } from '../../../electron/core/auth/credentials';
import type { RetryPlan } from '../../../electron/core/reliability/retry-budget';
import type { TestConnectionOptions } from '../../support/test-connection-policy';
import {
  startLocalVault,
  type LocalVaultOptions,
  type RunningLocalVault,
} from '../../../electron/local-vault';
import { coreCaller } from '../../support/core-caller';
import { startTestCore } from '../../support/start-test-core';

/** The app's local plan with shorter waits, so a test file runs in seconds; the logic is the same. */
export const FAST_PLAN: RetryPlan = {
  maxAttempts: 5,
  baseDelayMs: 50,
  maxDelayMs: 800,
  maxTotalMs: 10_000,
  attemptTimeoutMs: 5_000,
};

export type Knobs = Pick<LocalVaultOptions, 'throttle' | 'faults' | 'latencyMs' | 'now'>;

/**
 * Core as main builds it, over the real local vault started with realism knobs, every call through the registry.
 * Keeps the local vault handles so a test can stop one behind core's back.
 */
export async function startReliabilityCore(
  knobs: Knobs,
  extra: { testPolicies?: TestConnectionOptions['testPolicies']; plan?: RetryPlan } = {},
) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kluis-reliability-'));
  const handles: RunningLocalVault[] = [];
  const { core, events } = await startTestCore({
    userDataDir,
    startLocalVault: async (options) => {
      const handle = await startLocalVault({ ...options, ...knobs });
      handles.push(handle);
      return handle;
    },
    retryPlans: { local: extra.plan ?? FAST_PLAN },
    ...(extra.testPolicies ? { testPolicies: extra.testPolicies } : {}),
  });

  const { call, value } = coreCaller(core.handlers);

  /**
   * A second, independent client of the same local vault (another user or script): the plain SDK with its own
   * retries (generous, so it can count versions through injected faults), nothing of Kluis's.
   */
  function otherClient(): SecretClient {
    const handle = handles[handles.length - 1];
    if (!handle?.token) throw new Error('the local vault is not running');
    return new SecretClient(handle.url, staticTokenCredential(handle.token), {
      tlsOptions: { ca: handle.caPem },
      disableChallengeResourceVerification: true,
      retryOptions: { maxRetries: 12, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    });
  }

  const vault = await value('localVault', 'open', {});
  return {
    core,
    call,
    value,
    events,
    handles,
    otherClient,
    vaultId: vault.id,
    retrying: () =>
      events
        .filter((e) => e.name === 'operation.retrying')
        .map((e) => e.payload as EventPayloads['operation.retrying']),
    async dispose() {
      await core.dispose();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A clock that runs `factor` times faster than real time from now on: 10-second throttle windows pass quickly. */
export function fastClock(factor: number): () => number {
  const start = Date.now();
  return () => start + (Date.now() - start) * factor;
}
