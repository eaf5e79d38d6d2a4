import { failure } from '../errors/kluis-failure';
import type { LocalVaultManager } from './local-vault-manager';
import { FailedAfterRetries } from '../reliability/retry-budget';

/** Failures that mean the local vault may be gone rather than refusing the request. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'REQUEST_SEND_ERROR']);

function codeOf(err: unknown): string | undefined {
  let e = (err instanceof FailedAfterRetries ? err.cause : err) as Record<string, unknown> | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = (typeof e.cause === 'object' && e.cause !== null ? e.cause : undefined) as typeof e;
  }
  return undefined;
}

export const RESTARTED_MESSAGE = 'The local vault stopped unexpectedly and was restarted.';

export interface LocalVaultSupervisorDeps {
  localVault: LocalVaultManager;
  isLocalVault: (vaultId: string) => boolean;
  /** Keeps the listed local vault's URL current after a restart (new port). */
  onRestarted: (url: string) => Promise<void>;
  log?: (line: string) => void;
}

/**
 * The local vault runs inside Kluis, so "it died" means its server closed or stopped answering. That is noticed
 * when a request to it fails to connect: a health check tells a dead server from a one-off broken connection, a
 * dead one is restarted on the same data, and the failed request is tried once more.
 */
export function createLocalVaultSupervisor(deps: LocalVaultSupervisorDeps) {
  return async function supervised<T>(
    vaultId: string,
    mode: 'read' | 'write',
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const code = codeOf(err);
      if (!deps.isLocalVault(vaultId) || !code || !UNREACHABLE.has(code)) throw err;
      if (await deps.localVault.isHealthy()) throw err;
      deps.log?.(`local vault: not answering (${code}); restarting it`);
      const access = await deps.localVault.restart(RESTARTED_MESSAGE);
      await deps.onRestarted(access.url);
      // A refused connection sent nothing, so even a write is safe to repeat; after a broken one it may have landed.
      if (mode === 'write' && code !== 'ECONNREFUSED') {
        throw failure(
          'network',
          `${RESTARTED_MESSAGE} Your change may not have been saved: refresh, check, and try again.`,
        );
      }
      return run();
    }
  };
}
