import type { KluisImplementation } from '../operations/handler-registry';
import type { SecretOperations } from '../operations/secret-operations';
import type { BulkRunner } from '../bulk/bulk-runner';
import { createCompareEngine, type CompareDeps } from './compare-vaults';
import { reviewPromote, startPromote } from './promote';

/** Compare and promote (issue 12): the contract's compare operations behind one factory. */
export function createCompare(
  given: Omit<CompareDeps, 'bulk' | 'listPage' | 'listDeletedPage'> & {
    /** Core's operations under their policy: the listings are secrets.listPage (its read-ahead) and deleted.listPage. */
    ops: SecretOperations;
    bulk: BulkRunner;
  },
) {
  const tokenOf = (token?: string) => (token ? { continuationToken: token } : {});
  const deps = {
    ...given,
    listPage: (vaultId: string, token?: string) => given.ops.secrets.listPage({ vaultId, ...tokenOf(token) }),
    listDeletedPage: (vaultId: string, token?: string) =>
      given.ops.deleted.listPage({ vaultId, ...tokenOf(token) }),
  };
  const engine = createCompareEngine(deps);
  const operations: Pick<KluisImplementation, 'compare'> = {
    compare: {
      start: async (input) => engine.start(input),
      cancel: async ({ compareId }) => engine.cancel(compareId),
      close: async ({ compareId }) => engine.close(compareId),
      // Both wait for the comparison to finish reading values: a promote checks against what it read.
      review: async (input) => {
        await engine.session(input.compareId).done;
        return reviewPromote(engine, deps.vaultName, input);
      },
      promote: async (input) => {
        await engine.session(input.compareId).done;
        return startPromote(engine, deps, input);
      },
    },
  };
  return { operations, dispose: () => engine.dispose() };
}
