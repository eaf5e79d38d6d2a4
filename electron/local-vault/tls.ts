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
/** The generated CA's life: two years (it used to be ten); it is replaced well before it ends (tls-store.ts). */
export const CA_LIFE_DAYS = 730;
/** A stored CA with less life left than this is replaced, with a new leaf. */
export const CA_RENEW_DAYS = 60;

const { asn1 } = forge;

/**
 * X.509 name constraints (RFC 5280 §4.2.1.10), critical: the CA can only vouch for the names it issues for, so a
 * leaked CA key (or a trusted CA file) is no use for any other site. Permitted: each DNS name (and, as RFC 5280
 * reads it, its subdomains) and each IP address exactly; IP addresses must be listed, or they would be unconstrained.
 */
function nameConstraints(names: readonly string[]): {
  id: string;
  critical: boolean;
  value: forge.asn1.Asn1;
} {
  const subtree = (base: forge.asn1.Asn1) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [base]);
  const trees = names.map((n) => {
    if (!isIP(n)) return subtree(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 2, false, n));
    const bytes = ipBytes(n).toString('binary');
    return subtree(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 7, false, bytes + '\xff'.repeat(bytes.length)));
  });
  return {
    id: '2.5.29.30',
    critical: true,
    value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, trees),
    ]),
  };
}

/** The names a CA's name constraints permit, or undefined when it has none (a CA made before they were added). */
export function permittedNames(caPem: string): string[] | undefined {
  try {
    const ext = forge.pki.certificateFromPem(caPem).getExtension('nameConstraints') as
      { permittedSubtrees?: Array<{ type: number; value: string }> } | undefined;
    if (!ext?.permittedSubtrees || ext.permittedSubtrees.length === 0) return undefined;
    return ext.permittedSubtrees.map((t) =>
      t.type === 7 ? ipFromBytes(Buffer.from(t.value.slice(0, t.value.length / 2), 'binary')) : t.value,
    );
  } catch {
    return undefined;
  }
}

/** An IP address's 4 or 16 bytes. */
export function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  if (v4) {
    const b = v4.split('.').map(Number) as [number, number, number, number];
    ip =
      ip.slice(0, -v4.length) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head = '', tail] = ip.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function ipFromBytes(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  return normalizeIp(Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16)).join(':'));
}

/** One spelling per address (the URL parser's compressed IPv6 form), so names compare as strings. */
function normalizeIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

/** Whether a CA still serves: its constraints cover these names and it has more than CA_RENEW_DAYS left. */
export function caStillValid(caPem: string, hostnames: readonly string[], nowMs = Date.now()): boolean {
  try {
    if (Date.parse(new X509Certificate(caPem).validTo) - nowMs < CA_RENEW_DAYS * DAY) return false;
  } catch {
    return false;
  }
  const permitted = permittedNames(caPem);
  if (!permitted) return false;
  const wanted = leafNames(hostnames).map((n) => (isIP(n) ? normalizeIp(n) : n.toLowerCase()));
  return wanted.every((n) => permitted.includes(n));
}

export async function generateCa(
  commonName = 'Kluis local vault CA',
  key?: RsaKey,
  hostnames: readonly string[] = [],
): Promise<CaMaterial> {
  key ??= await newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - DAY);
  cert.validity.notAfter = new Date(Date.now() + CA_LIFE_DAYS * DAY);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    nameConstraints(leafNames(hostnames).map((n) => (isIP(n) ? n : n.toLowerCase()))),
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
  // Within the 398-day ceiling clients apply to server certificates, and never past the CA's own end.
  cert.validity.notAfter = new Date(Math.min(Date.now() + 390 * DAY, caCert.validity.notAfter.getTime()));
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
  return issueLeaf(await generateCa(undefined, caKey, hostnames), hostnames, leafKey);
}

/** A fresh CA and leaf together, keys generated in parallel. */
export async function generateCaAndLeaf(
  hostnames: readonly string[] = [],
): Promise<{ ca: CaMaterial; leaf: TlsMaterial }> {
  const [caKey, leafKey] = await Promise.all([newRsaKey(), newRsaKey()]);
  const ca = await generateCa(undefined, caKey, hostnames);
  return { ca, leaf: await issueLeaf(ca, hostnames, leafKey) };
}
