import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

const { createSafeStorageKeyStore } = await import('../../../electron/main/safe-storage-key-store');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kluis-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  electronMock.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
  electronMock.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(true);
});

describe('safeStorage key store', () => {
  it('creates a 32-byte key once, stores it encrypted, and returns the same key later', async () => {
    const file = join(dir, 'local-vault.key');
    const key = await createSafeStorageKeyStore(file).getOrCreateKey();
    expect(key).toHaveLength(32);
    const stored = await readFile(file);
    expect(stored.includes(key)).toBe(false);
    expect(electronMock.safeStorage.encryptStringAsync).toHaveBeenCalled();
    expect(await createSafeStorageKeyStore(file).getOrCreateKey()).toEqual(key);
  });

  it('reports basic_text on Linux as not OS-protected', () => {
    const store = createSafeStorageKeyStore(join(dir, 'k'), 'linux');
    expect(store.isOsProtected?.()).toBe(true);
    electronMock.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(store.isOsProtected?.()).toBe(false);
    expect(createSafeStorageKeyStore(join(dir, 'k'), 'darwin').isOsProtected?.()).toBe(true);
  });

  it('fails clearly when safeStorage is unavailable', async () => {
    electronMock.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false);
    await expect(createSafeStorageKeyStore(join(dir, 'k')).getOrCreateKey()).rejects.toThrow(/safeStorage/);
  });
});
