import { z } from 'zod';
import { SecretName, SecretVersion, VaultId } from './models';

/**
 * Restores an older version of a secret as its new current version, in main: the value goes from the vault back to
 * the vault and never reaches the renderer. The new version gets the older one's value, content type and tags, no
 * activation or expiry date, and is enabled. `expectedVersion` is the current version the user was looking at: if
 * someone saved another since, the restore is refused with kind 'conflict' instead of hiding their change.
 */
export const RestoreVersionInput = z
  .object({
    vaultId: VaultId,
    name: SecretName,
    version: SecretVersion,
    expectedVersion: SecretVersion,
  })
  .strict();
