import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { failure } from '../errors/kluis-failure';
import { writeFileAtomically } from '../files/atomic-file';

/**
 * A service principal's secret or certificate, kept by main encrypted with the OS keychain (safeStorage) under the
 * `credentialRef` the vault's settings name, or in memory for the session where there is no keychain. Core only
 * reads it when building the credential.
 */
export type StoredCredential =
  | { kind: 'client-secret'; secret: string }
  /** PEM holding the certificate and its private key, as @azure/identity takes it. */
  | { kind: 'client-certificate'; pem: string; sendCertificateChain?: boolean };

export interface CredentialStore {
  read(ref: string): Promise<StoredCredential | undefined>;
  /** True when what is saved lasts for this session only (no keychain protects it on disk). */
  sessionOnly?(): boolean;
}

/**
 * What main hands core for encryption: Electron's async safeStorage (Keychain, DPAPI, libsecret/KWallet) in the app,
 * a stand-in in tests. Core never imports electron.
 */
export interface StringProtector {
  isAvailable(): Promise<boolean>;
  /**
   * Whether a real OS backend protects what encrypt returns (Keychain, DPAPI, a Linux keyring). False for Linux's
   * 'basic_text', which only obfuscates: nothing secret is then written to disk, and the UI says so.
   */
  isOsProtected(): boolean;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<{ result: string; shouldReEncrypt?: boolean }>;
}

export interface ServicePrincipalStore extends CredentialStore {
  /** Stores the credential (replacing `ref` when given) and returns the reference settings keep. */
  save(credential: StoredCredential, ref?: string): Promise<string>;
  remove(ref: string): Promise<void>;
  isOsProtected(): boolean;
  /** True without a real OS backend: what is saved lives in this process's memory only, until Kluis quits. */
  sessionOnly(): boolean;
}

const REF = /^[A-Za-z0-9_-]{1,100}$/;

/** Checks a PEM before it is kept: one certificate and its matching, unencrypted private key. */
export function checkCertificatePem(pem: string): void {
  const bad = (message: string) => failure('invalid-input', message, { field: 'certificate' });
  const certBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!certBlock)
    throw bad('The file holds no certificate. Choose a PEM file with the certificate and its private key.');
  if (/ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(pem))
    throw bad(
      'The private key is password-protected. Export it without a password (Kluis encrypts it itself).',
    );
  const keyBlock =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  if (!keyBlock)
    throw bad('The file holds no private key. Choose a PEM file with the certificate and its private key.');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certBlock);
    if (!cert.checkPrivateKey(createPrivateKey(keyBlock))) throw new Error('mismatch');
  } catch {
    throw bad('The private key does not belong to the certificate, or the file is damaged.');
  }
  if (Date.parse(cert.validTo) < Date.now()) throw bad(`The certificate expired on ${cert.validTo}.`);
}

function parse(text: string): StoredCredential | undefined {
  try {
    const v = JSON.parse(text) as Partial<{
      kind: string;
      secret: unknown;
      pem: unknown;
      sendCertificateChain: unknown;
    }>;
    if (v.kind === 'client-secret' && typeof v.secret === 'string')
      return { kind: 'client-secret', secret: v.secret };
    if (v.kind === 'client-certificate' && typeof v.pem === 'string') {
      return {
        kind: 'client-certificate',
        pem: v.pem,
        ...(v.sendCertificateChain === true ? { sendCertificateChain: true } : {}),
      };
    }
  } catch {
    /* damaged: treated as missing, so the user is asked to enter it again */
  }
  return undefined;
}

/**
 * Service principal secrets and certificates, one encrypted file each (`<dir>/<ref>.cred`, mode 0600), so settings
 * only ever hold the reference. Without a real OS backend (protector.isOsProtected() false, e.g. Linux's basic_text,
 * whose key is public) nothing is written: a saved credential is kept in memory for this session only. Nothing here
 * logs or returns a secret except `read`, which the credential uses.
 */
export function createServicePrincipalStore(dir: string, protector: StringProtector): ServicePrincipalStore {
  const session = new Map<string, StoredCredential>();
  const sessionOnly = () => !protector.isOsProtected();
  const fileOf = (ref: string) => {
    if (!REF.test(ref)) throw failure('invalid-input', 'That stored-credential reference is not valid.');
    return join(dir, `${ref}.cred`);
  };

  async function write(ref: string, credential: StoredCredential): Promise<void> {
    await writeFileAtomically(fileOf(ref), await protector.encrypt(JSON.stringify(credential)));
  }

  return {
    async read(ref) {
      const kept = session.get(ref);
      if (kept) return kept;
      let data: Buffer;
      try {
        data = await readFile(fileOf(ref));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      let plain: { result: string; shouldReEncrypt?: boolean };
      try {
        plain = await protector.decrypt(data);
      } catch {
        // Another user, a new keychain, a restored backup: the secret is gone for us; ask for it again.
        return undefined;
      }
      const credential = parse(plain.result);
      if (credential && plain.shouldReEncrypt) await write(ref, credential);
      return credential;
    },
    async save(credential, ref) {
      if (!(await protector.isAvailable())) {
        throw failure(
          'not-configured',
          'This system offers no keychain to protect a client secret, so Kluis will not store one. Use the Azure CLI sign-in, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET and choose the default sign-in.',
        );
      }
      if (credential.kind === 'client-secret' && !credential.secret.trim())
        throw failure('invalid-input', 'Enter the client secret.', { field: 'secret' });
      if (credential.kind === 'client-certificate') checkCertificatePem(credential.pem);
      const target = ref ?? randomUUID();
      if (sessionOnly()) {
        fileOf(target); // the same check of the reference
        session.set(target, credential);
        // An older copy on disk would outlive this session and is not protected: it goes.
        await rm(fileOf(target), { force: true });
      } else {
        session.delete(target);
        await write(target, credential);
      }
      return target;
    },
    async remove(ref) {
      session.delete(ref);
      await rm(fileOf(ref), { force: true });
    },
    isOsProtected: () => protector.isOsProtected(),
    sessionOnly,
  };
}
