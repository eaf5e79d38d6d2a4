import { safeStorage } from 'electron';
import type { StringProtector } from '../core/auth/credential-store';

/**
 * Core's StringProtector over Electron's async safeStorage (Keychain, DPAPI, libsecret/KWallet). On Linux without a
 * keyring the backend is 'basic_text', which only obfuscates: core then keeps sign-ins in memory and says so.
 */
export function createSafeStorageProtector(platform: NodeJS.Platform = process.platform): StringProtector {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    isOsProtected: () => platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text',
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: (data) => safeStorage.decryptStringAsync(data),
  };
}
