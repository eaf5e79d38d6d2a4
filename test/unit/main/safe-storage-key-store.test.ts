import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

const { createSafeStorageKeyStore } = await import('../../../electron/main/safe-storage-key-store');
const { createSafeStorageProtector } = await import('../../../electron/main/safe-storage-protector');

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

  it('counts only real OS backends as protected: Keychain, DPAPI, a Linux keyring; never basic_text or unknown', () => {
    const store = createSafeStorageKeyStore(join(dir, 'k'), 'linux');
    const protector = createSafeStorageProtector('linux');
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      electronMock.safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
      expect(store.isOsProtected?.(), backend).toBe(true);
      expect(protector.isOsProtected(), backend).toBe(true);
    }
    // basic_text encrypts with a key in Chromium's source; unknown is what it says before ready; and a backend a
    // later Electron adds is not trusted until it is listed.
    for (const backend of ['basic_text', 'unknown', 'some_future_store', '']) {
      electronMock.safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
      expect(store.isOsProtected?.(), backend).toBe(false);
      expect(protector.isOsProtected(), backend).toBe(false);
    }
    // macOS and Windows do not have the Linux backends: Keychain and DPAPI protect.
    expect(createSafeStorageKeyStore(join(dir, 'k'), 'darwin').isOsProtected?.()).toBe(true);
    expect(createSafeStorageProtector('win32').isOsProtected()).toBe(true);
    expect(createSafeStorageProtector('freebsd').isOsProtected()).toBe(false);
  });

  it('fails clearly when safeStorage is unavailable', async () => {
    electronMock.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false);
    await expect(createSafeStorageKeyStore(join(dir, 'k')).getOrCreateKey()).rejects.toThrow(/safeStorage/);
  });
});
