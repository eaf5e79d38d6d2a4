import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCertificatePem,
  createServicePrincipalStore,
  type StringProtector,
} from '../../../electron/core/auth/credential-store';
import { selfSignedCertificate } from '../../support/certificates';

const root = mkdtempSync(join(tmpdir(), 'kluis-sp-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, String(n++));

/** Stands in for safeStorage: AES-256-GCM under a key that "the keychain" holds. */
function protector(
  key = randomBytes(32),
  opts: { available?: boolean; reEncrypt?: boolean } = {},
): StringProtector {
  return {
    isAvailable: async () => opts.available ?? true,
    isOsProtected: () => true,
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
      return { result, shouldReEncrypt: opts.reEncrypt ?? false };
    },
  };
}

describe('service principal store', () => {
  it('keeps a secret encrypted in its own 0600 file and reads it back by reference', async () => {
    const dir = freshDir();
    const store = createServicePrincipalStore(dir, protector());
    const ref = await store.save({ kind: 'client-secret', secret: 'correct-horse-battery' });
    expect(ref).toMatch(/^[0-9a-f-]{36}$/);
    expect(await store.read(ref)).toEqual({ kind: 'client-secret', secret: 'correct-horse-battery' });
    const file = join(dir, `${ref}.cred`);
    expect(readFileSync(file).toString('latin1')).not.toContain('correct-horse');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.save({ kind: 'client-secret', secret: 'rotated' }, ref);
    expect(await store.read(ref)).toEqual({ kind: 'client-secret', secret: 'rotated' });
    expect(readdirSync(dir)).toEqual([`${ref}.cred`]);
    await store.remove(ref);
    expect(await store.read(ref)).toBeUndefined();
  });

  it('treats what it cannot decrypt or parse as missing, so the user is asked again', async () => {
    const dir = freshDir();
    const ref = await createServicePrincipalStore(dir, protector()).save({
      kind: 'client-secret',
      secret: 's',
    });
    expect(await createServicePrincipalStore(dir, protector()).read(ref)).toBeUndefined(); // another keychain key
    writeFileSync(join(dir, 'junk.cred'), 'not encrypted');
    expect(await createServicePrincipalStore(dir, protector()).read('junk')).toBeUndefined();
    expect(await createServicePrincipalStore(dir, protector()).read('never-saved')).toBeUndefined();
  });

  it('re-encrypts when the keychain asks for it', async () => {
    const dir = freshDir();
    const key = randomBytes(32);
    const ref = await createServicePrincipalStore(dir, protector(key)).save({
      kind: 'client-secret',
      secret: 's',
    });
    const before = readFileSync(join(dir, `${ref}.cred`));
    expect(
      await createServicePrincipalStore(dir, protector(key, { reEncrypt: true })).read(ref),
    ).toBeTruthy();
    expect(readFileSync(join(dir, `${ref}.cred`)).equals(before)).toBe(false);
  });

  it('refuses to store anything without a keychain, and refuses odd references', async () => {
    const store = createServicePrincipalStore(freshDir(), protector(undefined, { available: false }));
    await expect(store.save({ kind: 'client-secret', secret: 's' })).rejects.toMatchObject({
      error: { kind: 'not-configured' },
    });
    await expect(
      createServicePrincipalStore(freshDir(), protector()).read('../settings'),
    ).rejects.toMatchObject({
      error: { kind: 'invalid-input' },
    });
  });

  it('checks a certificate PEM: certificate plus its own unencrypted, current key', async () => {
    const a = selfSignedCertificate();
    const b = selfSignedCertificate();
    expect(() => checkCertificatePem(`${a.keyPem}\n${a.certificatePem}`)).not.toThrow();
    const message = (pem: string) => {
      try {
        checkCertificatePem(pem);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(message(a.certificatePem)).toMatch(/no private key/);
    expect(message(a.keyPem)).toMatch(/no certificate/);
    expect(message(`${b.keyPem}\n${a.certificatePem}`)).toMatch(/does not belong/);
    expect(
      message(
        `-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----\n${a.certificatePem}`,
      ),
    ).toMatch(/password-protected/);
    const old = selfSignedCertificate(-86_400_000);
    expect(message(`${old.keyPem}\n${old.certificatePem}`)).toMatch(/expired/);
    const store = createServicePrincipalStore(freshDir(), protector());
    const ref = await store.save({ kind: 'client-certificate', pem: `${a.keyPem}\n${a.certificatePem}` });
    expect(await store.read(ref)).toMatchObject({ kind: 'client-certificate' });
  });
});
