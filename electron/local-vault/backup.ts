import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { errors } from './errors';
import type { Secret, SecretVersion } from './model';
import { NAME_PATTERN, VERSION_PATTERN } from './validation';

/**
 * Backup blobs: base64url (no padding, like the service) of
 *   header = magic "KLUISBK2" | name length (1 byte) | name (ASCII)
 *   blob   = header | nonce (12) | GCM tag (16) | AES-256-GCM(payload), with the header as associated data
 * where payload is UTF-8 JSON naming its own format, version and the secret. The key is derived (HKDF-SHA256)
 * from the vault's store key, so only a vault holding that key can read or restore a blob, the secret's name
 * cannot be swapped, and any damage is refused instead of restoring half a secret.
 *
 * Restore also accepts the unsealed blobs earlier versions wrote (magic "KLUISBK1" | sha256(payload) | payload),
 * so backups saved before keep working; new backups are always sealed.
 */
const MAGIC = Buffer.from('KLUISBK2', 'ascii');
const LEGACY_MAGIC = Buffer.from('KLUISBK1', 'ascii');
const FORMAT = 'kluis-local-vault-secret-backup';
const NONCE = 12;
const TAG = 16;
/** The service backs up at most 500 versions of an object. */
export const MAX_BACKUP_VERSIONS = 500;

/** The backup key for a store key: a separate key, so blobs never share a key with the store's records. */
export function backupKeyFrom(storeKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', storeKey, Buffer.alloc(0), 'kluis local vault backup blobs v2', 32));
}

function header(name: string): Buffer {
  const n = Buffer.from(name, 'ascii');
  return Buffer.concat([MAGIC, Buffer.from([n.length]), n]);
}

export function encodeBackup(secret: Secret, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({ format: FORMAT, formatVersion: 2, name: secret.name, versions: secret.versions }),
    'utf8',
  );
  const aad = header(secret.name);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(payload), cipher.final()]);
  return Buffer.concat([aad, nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function decodeBackup(blob: string, key: Buffer): Secret {
  if (!/^[A-Za-z0-9_-]+$/.test(blob)) throw errors.malformedBackup();
  const raw = Buffer.from(blob, 'base64url');
  const magic = raw.subarray(0, MAGIC.length);
  const payload = magic.equals(MAGIC)
    ? openSealed(raw, key)
    : magic.equals(LEGACY_MAGIC)
      ? openLegacy(raw)
      : undefined;
  if (!payload) throw errors.malformedBackup();
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.plain.toString('utf8'));
  } catch {
    throw errors.malformedBackup();
  }
  const secret = asSecret(parsed, payload.formatVersion);
  if (!secret || (payload.name !== undefined && payload.name !== secret.name)) throw errors.malformedBackup();
  return secret;
}

function openSealed(
  raw: Buffer,
  key: Buffer,
): { plain: Buffer; name: string; formatVersion: number } | undefined {
  const nameLength = raw[MAGIC.length];
  if (nameLength === undefined) return undefined;
  const headerLength = MAGIC.length + 1 + nameLength;
  if (raw.length < headerLength + NONCE + TAG + 1) return undefined;
  const aad = raw.subarray(0, headerLength);
  const name = aad.subarray(MAGIC.length + 1).toString('ascii');
  const nonce = raw.subarray(headerLength, headerLength + NONCE);
  const tag = raw.subarray(headerLength + NONCE, headerLength + NONCE + TAG);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(raw.subarray(headerLength + NONCE + TAG)),
      decipher.final(),
    ]);
    return { plain, name, formatVersion: 2 };
  } catch {
    // Another vault's key, or any change to the header, nonce, tag or ciphertext.
    return undefined;
  }
}

function openLegacy(raw: Buffer): { plain: Buffer; name?: undefined; formatVersion: number } | undefined {
  if (raw.length <= LEGACY_MAGIC.length + 32) return undefined;
  const digest = raw.subarray(LEGACY_MAGIC.length, LEGACY_MAGIC.length + 32);
  const plain = raw.subarray(LEGACY_MAGIC.length + 32);
  if (!timingSafeEqual(digest, createHash('sha256').update(plain).digest())) return undefined;
  return { plain, formatVersion: 1 };
}

function asSecret(v: unknown, formatVersion: number): Secret | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (o.format !== FORMAT || o.formatVersion !== formatVersion) return undefined;
  if (typeof o.name !== 'string' || !NAME_PATTERN.test(o.name)) return undefined;
  if (!Array.isArray(o.versions) || o.versions.length === 0 || o.versions.length > MAX_BACKUP_VERSIONS)
    return undefined;
  const versions: SecretVersion[] = [];
  for (const item of o.versions) {
    const version = asVersion(item);
    if (!version) return undefined;
    versions.push(version);
  }
  return { name: o.name, versions };
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function asVersion(v: unknown): SecretVersion | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.version !== 'string' || !VERSION_PATTERN.test(o.version)) return undefined;
  if (typeof o.value !== 'string' || typeof o.enabled !== 'boolean') return undefined;
  if (!isInt(o.created) || !isInt(o.updated)) return undefined;
  const out: SecretVersion = {
    version: o.version.toLowerCase(),
    value: o.value,
    enabled: o.enabled,
    created: o.created,
    updated: o.updated,
  };
  if (o.contentType !== undefined) {
    if (typeof o.contentType !== 'string') return undefined;
    out.contentType = o.contentType;
  }
  if (o.nbf !== undefined) {
    if (!isInt(o.nbf)) return undefined;
    out.nbf = o.nbf;
  }
  if (o.exp !== undefined) {
    if (!isInt(o.exp)) return undefined;
    out.exp = o.exp;
  }
  if (o.tags !== undefined) {
    if (typeof o.tags !== 'object' || o.tags === null || Array.isArray(o.tags)) return undefined;
    const entries = Object.entries(o.tags);
    if (entries.some(([, val]) => typeof val !== 'string')) return undefined;
    const tags = Object.fromEntries(entries) as Record<string, string>;
    out.tags = tags;
  }
  return out;
}
