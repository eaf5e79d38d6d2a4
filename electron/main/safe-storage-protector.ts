import { safeStorage } from 'electron';
import type { StringProtector } from '../core/auth/credential-store';

/**
 * The Linux backends of safeStorage that keep the key in a real keyring (Electron 45's getSelectedStorageBackend).
 * The others are 'basic_text', which encrypts with a key anyone can read in Chromium's source, and 'unknown' (asked
 * before the app was ready), which proves nothing. An allow-list: a backend a later Electron adds counts as
 * unprotected until it is checked and listed here.
 */
const LINUX_KEYRINGS: ReadonlySet<string> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * Whether safeStorage really protects what it encrypts: macOS Keychain and Windows DPAPI do; on Linux only a keyring
 * does; on any other platform nothing is assumed.
 */
export function safeStorageIsOsProtected(platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  if (platform === 'linux') return LINUX_KEYRINGS.has(safeStorage.getSelectedStorageBackend());
  return false;
}

/**
 * Core's StringProtector over Electron's async safeStorage (Keychain, DPAPI, libsecret/KWallet). Without a real OS
 * backend (safeStorageIsOsProtected) core keeps sign-ins and service principal credentials in memory and says so.
 */
export function createSafeStorageProtector(platform: NodeJS.Platform = process.platform): StringProtector {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    isOsProtected: () => safeStorageIsOsProtected(platform),
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: (data) => safeStorage.decryptStringAsync(data),
  };
}
