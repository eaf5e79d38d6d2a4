import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import { isIP } from 'node:net';
import forge from 'node-forge';

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
  /** The CA clients should trust (the issuer of certPem, or certPem itself when self-signed). */
  caPem: string;
}

export interface CaMaterial {
  certPem: string;
  keyPem: string;
}

/**
 * Keys come from Node's native generator: forge's pure-JS RSA keygen takes seconds, and startup
 * should be fast. forge is used only to build and sign the X.509 structures.
 */
interface RsaKey {
  forgeKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** Runs on libuv's thread pool, so the CA and leaf keys are generated in parallel. */
async function newRsaKey(): Promise<RsaKey> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  return { forgeKey, publicKey, pem };
}

function serial(): string {
  // Positive 16-byte serial: a leading 0 nibble keeps the DER integer from reading as negative.
  return '0' + randomBytes(16).toString('hex').slice(1);
}

const DAY = 86_400_000;

export async function generateCa(commonName = 'Kluis local vault CA', key?: RsaKey): Promise<CaMaterial> {
  key ??= await newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - DAY);
  cert.validity.notAfter = new Date(Date.now() + 3650 * DAY);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key.forgeKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.pem };
}

/** Leaf for localhost, 127.0.0.1, ::1 and any extra host names, signed by the given CA. */
export async function issueLeaf(
  ca: CaMaterial,
  hostnames: readonly string[] = [],
  key?: RsaKey,
): Promise<TlsMaterial> {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  key ??= await newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - DAY);
  // Within the 398-day ceiling clients apply to server certificates.
  cert.validity.notAfter = new Date(Date.now() + 390 * DAY);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  const names = leafNames(hostnames);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.pem, caPem: ca.certPem };
}

export function leafNames(hostnames: readonly string[]): string[] {
  return [...new Set(['localhost', '127.0.0.1', '::1', ...hostnames.map((h) => h.trim()).filter(Boolean)])];
}

/** Whether a stored leaf still fits: covers these names and is not near expiry. */
export function leafStillValid(leafPem: string, hostnames: readonly string[], nowMs = Date.now()): boolean {
  try {
    const cert = new X509Certificate(leafPem);
    if (Date.parse(cert.validTo) - nowMs < 30 * DAY) return false;
    const san = cert.subjectAltName ?? '';
    return leafNames(hostnames).every((n) =>
      isIP(n)
        ? san.includes(`IP Address:${n === '::1' ? '0:0:0:0:0:0:0:1' : n}`) || san.includes(`IP Address:${n}`)
        : san.includes(`DNS:${n}`),
    );
  } catch {
    return false;
  }
}

export async function generateTls(hostnames: readonly string[] = []): Promise<TlsMaterial> {
  const [caKey, leafKey] = await Promise.all([newRsaKey(), newRsaKey()]);
  return issueLeaf(await generateCa(undefined, caKey), hostnames, leafKey);
}

/** A fresh CA and leaf together, keys generated in parallel. */
export async function generateCaAndLeaf(
  hostnames: readonly string[] = [],
): Promise<{ ca: CaMaterial; leaf: TlsMaterial }> {
  const [caKey, leafKey] = await Promise.all([newRsaKey(), newRsaKey()]);
  const ca = await generateCa(undefined, caKey);
  return { ca, leaf: await issueLeaf(ca, hostnames, leafKey) };
}
