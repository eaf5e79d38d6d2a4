import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignInPersistence } from '../../../electron/core/auth/sign-in-persistence';
import { testProtector } from '../../support/test-protector';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe("sign-in persistence: a found vault's copy of the browse's sign-in", () => {
  for (const osProtected of [true, false]) {
    it(`copies the record and caches, and the copy stands alone (${osProtected ? 'on disk' : 'in memory'})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'kluis-sign-in-copy-'));
      dirs.push(dir);
      const p = createSignInPersistence(dir, testProtector({ osProtected }));
      const browse = p.forVault('browse-abc');
      await browse.saveRecord('{"homeAccountId":"a"}');
      await browse.cachePlugin('msal.cae').afterCacheAccess({
        cacheHasChanged: true,
        tokenCache: { serialize: () => 'cache-json', deserialize: () => undefined },
      });
      await p.copy('browse-abc', 'vault-1');
      const vault = p.forVault('vault-1');
      expect(await vault.loadRecord()).toBe('{"homeAccountId":"a"}');
      let restored = '';
      await vault.cachePlugin('msal.cae').beforeCacheAccess({
        cacheHasChanged: false,
        tokenCache: { serialize: () => '', deserialize: (c) => void (restored = c) },
      });
      expect(restored).toBe('cache-json');
      // Signing out of the vault leaves the browse signed in.
      await vault.clear();
      expect(await vault.loadRecord()).toBeUndefined();
      expect(await browse.loadRecord()).toBe('{"homeAccountId":"a"}');
      // Nothing to copy: nothing happens; unsafe names are refused.
      await p.copy('browse-none', 'vault-2');
      expect(await p.forVault('vault-2').loadRecord()).toBeUndefined();
      await expect(p.copy('../x', 'vault-3')).rejects.toThrow(/Unsafe/);
    });
  }
});
