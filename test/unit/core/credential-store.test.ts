import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCertificatePem,
  createServicePrincipalStore,
} from '../../../electron/core/auth/credential-store';
import { selfSignedCertificate } from '../../support/certificates';
import { testProtector } from '../../support/test-protector';

const root = mkdtempSync(join(tmpdir(), 'kluis-sp-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, String(n++));

describe('service principal store', () => {
  it('keeps a secret encrypted in its own 0600 file and reads it back by reference', async () => {
    const dir = freshDir();
    const store = createServicePrincipalStore(dir, testProtector());
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

  it('without a real OS backend keeps what it saves in memory only, for this session', async () => {
    const dir = freshDir();
    const protector = testProtector({ osProtected: false });
    const store = createServicePrincipalStore(dir, protector);
    expect(store.sessionOnly()).toBe(true);
    const ref = await store.save({ kind: 'client-secret', secret: 'session-secret' });
    expect(await store.read(ref)).toEqual({ kind: 'client-secret', secret: 'session-secret' });
    const onDisk = () => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    };
    expect(onDisk()).toEqual([]);
    // A new process (a restart) has nothing; a copy an older version wrote goes when the secret is entered again.
    expect(await createServicePrincipalStore(dir, protector).read(ref)).toBeUndefined();
    const older = await createServicePrincipalStore(dir, testProtector()).save({
      kind: 'client-secret',
      secret: 'x',
    });
    expect(onDisk()).toEqual([`${older}.cred`]);
    await store.save({ kind: 'client-secret', secret: 'again' }, older);
    expect(onDisk()).toEqual([]);
    expect(await store.read(older)).toEqual({ kind: 'client-secret', secret: 'again' });
    await store.remove(older);
    expect(await store.read(older)).toBeUndefined();
    expect(createServicePrincipalStore(dir, testProtector()).sessionOnly()).toBe(false);
  });

  it('treats what it cannot decrypt or parse as missing, so the user is asked again', async () => {
    const dir = freshDir();
    const ref = await createServicePrincipalStore(dir, testProtector()).save({
      kind: 'client-secret',
      secret: 's',
    });
    expect(await createServicePrincipalStore(dir, testProtector()).read(ref)).toBeUndefined(); // another keychain key
    writeFileSync(join(dir, 'junk.cred'), 'not encrypted');
    expect(await createServicePrincipalStore(dir, testProtector()).read('junk')).toBeUndefined();
    expect(await createServicePrincipalStore(dir, testProtector()).read('never-saved')).toBeUndefined();
  });

  it('re-encrypts when the keychain asks for it', async () => {
    const dir = freshDir();
    const key = randomBytes(32);
    const ref = await createServicePrincipalStore(dir, testProtector({ key })).save({
      kind: 'client-secret',
      secret: 's',
    });
    const before = readFileSync(join(dir, `${ref}.cred`));
    expect(
      await createServicePrincipalStore(dir, testProtector({ key, reEncrypt: true })).read(ref),
    ).toBeTruthy();
    expect(readFileSync(join(dir, `${ref}.cred`)).equals(before)).toBe(false);
  });

  it('refuses to store anything without a keychain, and refuses odd references', async () => {
    const store = createServicePrincipalStore(freshDir(), testProtector({ available: false }));
    await expect(store.save({ kind: 'client-secret', secret: 's' })).rejects.toMatchObject({
      error: { kind: 'not-configured' },
    });
    await expect(
      createServicePrincipalStore(freshDir(), testProtector()).read('../settings'),
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
    const store = createServicePrincipalStore(freshDir(), testProtector());
    const ref = await store.save({ kind: 'client-certificate', pem: `${a.keyPem}\n${a.certificatePem}` });
    expect(await store.read(ref)).toMatchObject({ kind: 'client-certificate' });
  });
});
