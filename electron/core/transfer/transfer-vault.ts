import type {
  DeletedSecretInfo,
  OperationKey,
  Page,
  SecretProperties,
  SecretWithValue,
} from '../../contract';
import { TokenBucket } from '../bulk/token-bucket';
import type { OperationRunner } from '../operations/operation-runner';
import { traitsOf } from '../operations/operation-traits';
import type { SecretsService } from '../secrets/secrets-service';

/**
 * What import and export read from a vault, each request as the single operation it is (its retry budget, the
 * local vault's supervisor, the sign-in status), and paced: reads are at most 200 a second per transfer, half
 * of what the service allows a vault (4,000 per 10 s), with 8 in flight.
 */
export interface TransferVaultDeps {
  secrets: SecretsService;
  run: OperationRunner['run'];
}

const READS_PER_SECOND = 200;
const READS_IN_FLIGHT = 8;

export function createTransferVault(deps: TransferVaultDeps) {
  const call = <T>(operation: OperationKey, vaultId: string, body: () => Promise<T>): Promise<T> => {
    const { mode, readAhead, vault } = traitsOf(operation);
    return deps.run({ operation, mode, readAhead, onVault: vault !== null, vaultId }, body);
  };

  async function allPages<T>(list: (token?: string) => Promise<Page<T>>): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    do {
      const page = await list(token);
      out.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return out;
  }

  return {
    /** Every secret's properties (no value). */
    listSecrets: (vaultId: string): Promise<SecretProperties[]> =>
      allPages((continuationToken) =>
        call('secrets.listPage', vaultId, () =>
          deps.secrets.listPage({ vaultId, ...(continuationToken ? { continuationToken } : {}) }),
        ),
      ),
    listDeleted: (vaultId: string): Promise<DeletedSecretInfo[]> =>
      allPages((continuationToken) =>
        call('deleted.listPage', vaultId, () =>
          deps.secrets.listDeletedPage({ vaultId, ...(continuationToken ? { continuationToken } : {}) }),
        ),
      ),
    /**
     * Reads each name's current value and hands it to `use` at once (nothing keeps it here). A read that fails is
     * handed over as its error. Resolves when every name was read.
     */
    async readEach(
      vaultId: string,
      names: string[],
      use: (name: string, read: { secret: SecretWithValue } | { error: unknown }) => void,
    ): Promise<void> {
      const bucket = new TokenBucket({ capacity: READS_IN_FLIGHT, perSecond: READS_PER_SECOND });
      let next = 0;
      const worker = async () => {
        while (next < names.length) {
          const name = names[next++] as string;
          await bucket.take(1);
          try {
            use(name, {
              secret: await call('secrets.get', vaultId, () => deps.secrets.get({ vaultId, name })),
            });
          } catch (error) {
            use(name, { error });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, names.length) }, worker));
    },
  };
}
export type TransferVault = ReturnType<typeof createTransferVault>;
