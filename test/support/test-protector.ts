import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { StringProtector } from '../../electron/core/auth/credential-store';

export interface TestProtectorOptions {
  /** false plays Linux's basic_text backend (available, but not protected by the OS). */
  osProtected?: boolean;
  /** false: no keychain at all. */
  available?: boolean;
  /** "The keychain" key; protectors given the same key read each other's data. */
  key?: Buffer;
  /** What decrypt reports as shouldReEncrypt (safeStorage asks for it after a key rotation). */
  reEncrypt?: boolean;
}

/**
 * A stand-in for Electron's safeStorage: AES-256-GCM under a key that lives as long as this object (or the one
 * given), so a "restart" in a test passes the same protector to a new core.
 */
export function testProtector(options: TestProtectorOptions = {}): StringProtector {
  const key = options.key ?? randomBytes(32);
  return {
    isAvailable: async () => options.available ?? true,
    isOsProtected: () => options.osProtected ?? true,
    encrypt: async (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: async (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      const result = Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
      return options.reEncrypt === undefined ? { result } : { result, shouldReEncrypt: options.reEncrypt };
    },
  };
}
