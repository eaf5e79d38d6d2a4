import type { KluisImplementation } from '../operations/handler-registry';
import { failure } from '../errors/kluis-failure';
import type { SecretsService } from '../secrets/secrets-service';

export interface VersionOperationDeps {
  secrets: Pick<SecretsService, 'get' | 'set'>;
}

export type VersionOperations = Pick<KluisImplementation, 'versions'>;

/**
 * The version diff's one write: an older version back as the new current one. The value is read and written here in
 * main, so restoring needs no reveal and the renderer never holds it; the write is secrets.set's, with its conflict
 * check against the version the user saw and its no-duplicate retry.
 */
export function createVersionOperations({ secrets }: VersionOperationDeps): VersionOperations {
  return {
    versions: {
      restore: async ({ vaultId, name, version, expectedVersion }) => {
        if (version === expectedVersion) {
          throw failure(
            'invalid-input',
            `Version ${version.slice(0, 8)} is already the current version of "${name}": there is nothing to restore.`,
          );
        }
        const older = await secrets.get({ vaultId, name, version });
        const { contentType, tags } = older.properties;
        return secrets.set({
          vaultId,
          name,
          value: older.value,
          ...(contentType ? { contentType } : {}),
          tags,
          expectedVersion,
        });
      },
    },
  };
}
