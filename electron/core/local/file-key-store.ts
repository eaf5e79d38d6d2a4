import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyStore } from './local-vault-manager';

/**
 * A KeyStore that keeps the key in a plain file (mode 0600). For tests and the e2e harness only: the app uses
 * Electron safeStorage so the OS keyring protects the key.
 */
export function createFileKeyStore(path: string): KeyStore {
  return {
    async getOrCreateKey() {
      try {
        const key = await readFile(path);
        // Never replace a key silently: the local vault's data would become unreadable.
        if (key.length !== 32) throw new Error(`The key file ${path} is not a 32-byte key.`);
        return key;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const key = randomBytes(32);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, key, { mode: 0o600 });
      return key;
    },
  };
}
