import type { SecretClient } from '@azure/keyvault-secrets';
import type { BulkProgress } from '../../contract';
import type { SecretOperations } from '../operations/secret-operations';
import { bulkItemRunner, describeBulkItemFailure } from './bulk-items';
import { createBulkRequests, type RunOnVault } from './bulk-requests';
import { createBulkRunner, type BulkLimits, type BulkRunner } from './bulk-runner';
import { bulkWriteRunner, describeBulkWriteFailure, type ValueReader } from './bulk-writes';

export interface BulkJobsDeps {
  /** The runner-wrapped secret operations: one item is exactly the operation the user could have run by hand. */
  operations: SecretOperations;
  clientFor: (vaultId: string) => Promise<SecretClient>;
  /** The operation runner's runOnVault: each confirmed request under the same policy as an operation. */
  runOnVault: RunOnVault;
  /** Reads a secret's value in main (write jobs: finding a version a throttled attempt already wrote). */
  readValue: ValueReader;
  emit: (progress: BulkProgress) => void;
  limits: BulkLimits;
}

/**
 * Bulk jobs as core runs them: delete and recover with one write per item confirmed by listing, the rest per item,
 * and write jobs whose values only main knows.
 */
export function createBulkJobs(d: BulkJobsDeps): BulkRunner {
  return createBulkRunner({
    runItem: bulkItemRunner(d.operations),
    confirmed: createBulkRequests(d.clientFor, d.runOnVault),
    describe: describeBulkItemFailure,
    // Write jobs (promote, import): values only main knows, each item as secrets.set / deleted.recover.
    runWrite: bulkWriteRunner(d.operations, d.readValue),
    describeWrite: describeBulkWriteFailure,
    emit: d.emit,
    limits: d.limits,
  });
}
