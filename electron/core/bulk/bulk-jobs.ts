import type { SecretClient } from '@azure/keyvault-secrets';
import type { BulkProgress } from '../../contract';
import type { SecretOperations } from '../operations/secret-operations';
import { bulkItemRunner, describeBulkItemFailure } from './bulk-items';
import { createBulkRequests, type RunOnVault } from './bulk-requests';
import { createBulkRunner, type BulkLimits, type BulkRunner } from './bulk-runner';

export interface BulkJobsDeps {
  /** The runner-wrapped secret operations: one item is exactly the operation the user could have run by hand. */
  operations: SecretOperations;
  clientFor: (vaultId: string) => Promise<SecretClient>;
  /** The operation runner's runOnVault: each confirmed request under the same policy as an operation. */
  runOnVault: RunOnVault;
  emit: (progress: BulkProgress) => void;
  limits: BulkLimits;
}

/** Bulk jobs as core runs them: delete and recover with one write per item confirmed by listing, the rest per item. */
export function createBulkJobs(d: BulkJobsDeps): BulkRunner {
  return createBulkRunner({
    runItem: bulkItemRunner(d.operations),
    confirmed: createBulkRequests(d.clientFor, d.runOnVault),
    describe: describeBulkItemFailure,
    emit: d.emit,
    limits: d.limits,
  });
}
