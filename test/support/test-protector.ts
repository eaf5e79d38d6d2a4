import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { StringProtector } from '../../electron/core/auth/credential-store';

/**
 * A stand-in for Electron's safeStorage: AES-GCM under a key that lives as long as this object, so a "restart" in a
 * test passes the same protector to a new core. `osProtected: false` plays Linux's basic_text backend.
 */
export function testProtector(osProtected = true): StringProtector {
  const key = randomBytes(32);
  return {
    isAvailable: async () => true,
    isOsProtected: () => osProtected,
    encrypt: async (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: async (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return { result: Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8') };
    },
  };
}
