import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { KeyStore } from '../core';

/**
 * The local vault's 32-byte key, encrypted with Electron safeStorage (Keychain, DPAPI, libsecret/KWallet) in a file.
 * On Linux without a keyring, safeStorage falls back to 'basic_text', which only obfuscates: the key store still
 * works, and reports that it is not OS-protected so the user is told.
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
        if (shouldReEncrypt) await writeAtomically(keyFile, await safeStorage.encryptStringAsync(result));
        return key;
      }
      const key = randomBytes(32);
      await writeAtomically(keyFile, await safeStorage.encryptStringAsync(key.toString('base64')));
      return key;
    },
    isOsProtected: () => platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text',
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

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
