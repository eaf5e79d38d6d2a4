import type { EventPayloads } from '../../contract';
import type { RunOnVault } from '../bulk/bulk-requests';
import { toKluisError } from '../errors/error-mapping';
import type { KluisImplementation } from './handler-registry';
import type { createLocalVaultSupervisor } from '../local/local-vault-supervisor';
import { isOperationKey, traitsOf, type Traits } from './operation-traits';
import { RetryBudget, runWithBudget } from '../reliability/retry-budget';

export interface OperationRunnerDeps {
  /** Announces a retry ('operation.retrying'). */
  onRetrying: (event: EventPayloads['operation.retrying']) => void;
  /** The local vault's supervisor: restarts a local vault that stopped answering (local-vault-supervisor.ts). */
  supervised: ReturnType<typeof createLocalVaultSupervisor>;
  /** Drops the vault's listing read-ahead (list-read-ahead.ts). */
  forgetReadAhead: (vaultId: string) => void;
  /** For auth.whoAmI: whether the vault let the last call in. */
  recordCall: (vaultId: string, allowed: boolean) => void;
}

/** One call: the name its retries are announced under, how it runs (from operation-traits.ts), the vault it names. */
export interface Call extends Pick<Traits, 'mode' | 'readAhead'> {
  operation: string;
  /** A call on the vault's secrets: under the local vault's supervisor, and it tells the sign-in status. */
  onVault: boolean;
  vaultId?: string;
}

export interface OperationRunner {
  /** Runs one call under its policy. */
  run<T>(call: Call, run: () => Promise<T>): Promise<T>;
  /** Every operation of (part of) core's implementation, each run under its declared traits. */
  wrap<I extends Partial<KluisImplementation>>(impl: I): I;
  /** For bulk jobs' own requests (bulk-requests.ts): a read keeps the read-ahead, a write drops it. */
  runOnVault: RunOnVault;
}

type Methods = Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

/**
 * The policy every operation runs under, applied in one place: its own retry budget (retries announced), a
 * write drops the vault's listing read-ahead before it runs and again once it settles (so no page read before it,
 * or while it ran, answers a later listPage), and a call on a vault's secrets runs under the local vault's
 * supervisor and tells the sign-in status whether the vault let it in.
 */
export function createOperationRunner(deps: OperationRunnerDeps): OperationRunner {
  function noteAuthorization(vaultId: string, ran: Promise<unknown>): void {
    ran.then(
      () => deps.recordCall(vaultId, true),
      (err: unknown) => {
        const kind = toKluisError(err).kind;
        if (kind === 'unauthenticated' || kind === 'forbidden') deps.recordCall(vaultId, false);
      },
    );
  }

  function run<T>(call: Call, body: () => Promise<T>): Promise<T> {
    const { operation, vaultId } = call;
    const budget = new RetryBudget(operation, deps.onRetrying);
    const changes = vaultId !== undefined && call.readAhead === 'drops';
    const forget = () => {
      if (changes) deps.forgetReadAhead(vaultId);
    };
    forget();
    const onVault = vaultId !== undefined && call.onVault;
    const ran = runWithBudget(budget, () => (onVault ? deps.supervised(vaultId, call.mode, body) : body()));
    if (onVault) noteAuthorization(vaultId, ran);
    if (changes) ran.then(forget, forget);
    return ran;
  }

  return {
    run,
    wrap<I extends Partial<KluisImplementation>>(impl: I): I {
      const out: Methods = {};
      for (const [group, methods] of Object.entries(impl as unknown as Methods)) {
        out[group] = {};
        for (const [method, body] of Object.entries(methods)) {
          const operation = `${group}.${method}`;
          if (!isOperationKey(operation)) throw new Error(`Kluis core implements an unknown ${operation}.`);
          const { mode, readAhead, vault } = traitsOf(operation);
          const policy = { operation, mode, readAhead, onVault: vault !== null };
          out[group][method] = (input) => {
            const vaultId = (input as { vaultId?: unknown }).vaultId;
            return run({ ...policy, ...(typeof vaultId === 'string' ? { vaultId } : {}) }, () =>
              body.call(methods, input),
            );
          };
        }
      }
      return out as unknown as I;
    },
    runOnVault: (vaultId, operation, mode, body) =>
      run({ operation, vaultId, mode, readAhead: mode === 'write' ? 'drops' : 'keeps', onVault: true }, body),
  };
}
