import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { BULK_ACTIONS, allOperations } from '../../../electron/contract';
import { createBulkRunner } from '../../../electron/core/bulk/bulk-runner';
import { describeBulkItemFailure } from '../../../electron/core/bulk/bulk-items';
import { toKluisError } from '../../../electron/core/errors/error-mapping';
import { OPERATION_TRAITS, permissionFor } from '../../../electron/core/operations/operation-traits';

function forbidden(innerCode?: string): RestError {
  const err = new RestError('Access denied', { statusCode: 403, code: 'Forbidden' });
  err.details = {
    error: {
      code: 'Forbidden',
      message: 'Access denied',
      ...(innerCode ? { innerError: { code: innerCode } } : {}),
    },
  };
  return err;
}

/** The contract groups whose operations call a vault's secrets. */
const VAULT_GROUPS = ['secrets', 'deleted', 'versions'];

describe('operation traits', () => {
  it('declare every contract operation, and nothing else', () => {
    const contractKeys = allOperations().map(([group, method]) => `${group}.${method}`);
    expect(Object.keys(OPERATION_TRAITS).sort()).toEqual([...contractKeys].sort());
  });

  it('give every operation on a vault a permission, and only those', () => {
    for (const [key, traits] of Object.entries(OPERATION_TRAITS)) {
      const onVault = VAULT_GROUPS.some((group) => key.startsWith(`${group}.`));
      expect(traits.vault !== null, key).toBe(onVault);
    }
  });

  it('a 403 on backupToFile and restoreFromFile names the backup and restore permissions', () => {
    const backup = toKluisError(forbidden('ForbiddenByPolicy'), { operation: 'secrets.backupToFile' });
    expect(backup.message).toContain('back up secrets');
    expect(backup.message).toContain('"backup" permission');
    const restore = toKluisError(forbidden(), { operation: 'secrets.restoreFromFile' });
    expect(restore.message).toContain('"restore" permission');
    expect(restore.message).toContain('Key Vault Secrets Officer');
    expect(permissionFor('secrets.backupToFile').role).toBe('Key Vault Secrets Officer');
  });

  it('a 403 on a bulk item names what that action needs, not "get" / Secrets User', async () => {
    const expected = {
      delete: '"delete"',
      recover: '"recover"',
      purge: '"purge"',
      enable: '"set"',
      disable: '"set"',
      'set-expiry': '"set"',
      'extend-expiry': '"set"',
      'set-content-type': '"set"',
    };
    for (const action of BULK_ACTIONS) {
      const bulk = createBulkRunner({
        runItem: async () => {
          throw forbidden();
        },
        describe: describeBulkItemFailure,
        emit: () => undefined,
      });
      const { jobId } = bulk.start({ vaultId: 'v', action, names: ['a'] });
      const final = await bulk.settled(jobId);
      const message = final?.results?.[0]?.error ?? '';
      expect(message, action).toContain(expected[action]);
      expect(message, action).toContain('Key Vault Secrets Officer');
      expect(message, action).not.toContain('do this');
    }
  });
});
