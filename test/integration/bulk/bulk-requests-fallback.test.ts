import { describe, expect, it } from 'vitest';
import { createBulkRequests, type RunOnVault } from '../../../electron/core/bulk/bulk-requests';
import { startLocalVault } from '../../../electron/local-vault/index';
import { sdkClient } from '../local-vault/helpers';

/**
 * Bulk delete and recover send just the write through the SDK's generated operations, which are not public API.
 * An SDK without them must still delete and recover (through the public pollers), not fail every item.
 */
describe('bulk requests without the SDK generated operations', () => {
  it('deletes and recovers through the public pollers, reporting each item done', async () => {
    const vault = await startLocalVault({});
    try {
      const real = sdkClient(vault);
      await real.setSecret('fallback-a', 'value-a');
      // The same client, seen without its generated operations (as another SDK version might be shaped).
      const client = new Proxy(real, {
        get(target, prop) {
          if (prop === 'client') return undefined;
          const member: unknown = Reflect.get(target, prop, target);
          return typeof member === 'function' ? member.bind(target) : member;
        },
      });
      const operations: string[] = [];
      const run: RunOnVault = async (_vaultId, operation, _mode, fn) => {
        operations.push(operation);
        return fn();
      };
      const requests = createBulkRequests(async () => client, run);

      expect(await requests.write('v', 'delete', 'fallback-a', 1)).toBe('done');
      expect((await sdkClient(vault).getDeletedSecret('fallback-a')).properties.name).toBe('fallback-a');
      expect(await requests.check('v', 'delete', 'fallback-a')).toBe(true);

      expect(await requests.write('v', 'recover', 'fallback-a', 1)).toBe('done');
      expect((await sdkClient(vault).getSecret('fallback-a')).value).toBe('value-a');
      expect(await requests.check('v', 'recover', 'fallback-a')).toBe(true);
      expect(operations).toEqual(['bulk.delete', 'bulk.delete', 'bulk.recover', 'bulk.recover']);
    } finally {
      await vault.stop();
    }
  });
});
