import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { safeStorage } from 'electron';
import type { KeyStore } from '../core';
import { writeFileAtomically } from '../core/files/atomic-file';
import { safeStorageIsOsProtected } from './safe-storage-protector';

/**
 * The local vault's 32-byte key, encrypted with Electron safeStorage (Keychain, DPAPI, libsecret/KWallet) in a file.
 * On Linux without a keyring, safeStorage falls back to 'basic_text', which only obfuscates: the key store still
 * works, and reports that it is not OS-protected (only a real OS backend counts, safeStorageIsOsProtected) so the
 * user is told.
 */
export function createSafeStorageKeyStore(
  keyFile: string,
  platform: NodeJS.Platform = process.platform,
): KeyStore {
  return {
    async getOrCreateKey() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new Error(
          'The operating system offers no way to protect the local vault key (safeStorage unavailable).',
        );
      }
      const stored = await readStored(keyFile);
      if (stored) {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(stored);
        const key = Buffer.from(result, 'base64');
        if (key.length !== 32) throw new Error(`The local vault key in ${keyFile} is damaged.`);
        if (shouldReEncrypt) await writeFileAtomically(keyFile, await safeStorage.encryptStringAsync(result));
        return key;
      }
      const key = randomBytes(32);
      await writeFileAtomically(keyFile, await safeStorage.encryptStringAsync(key.toString('base64')));
      return key;
    },
    isOsProtected: () => safeStorageIsOsProtected(platform),
  };
}

async function readStored(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
