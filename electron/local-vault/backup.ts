import { createHash, timingSafeEqual } from 'node:crypto';
import { errors } from './errors';
import type { Secret, SecretVersion } from './model';
import { NAME_PATTERN, VERSION_PATTERN } from './validation';

/**
 * Backup blobs: base64url (no padding, like the service) of
 *   magic "KLUISBK1" | sha256(payload) | payload (UTF-8 JSON naming its own format and version).
 * Self-describing so restore can say exactly what it is looking at, and integrity-checked so a
 * damaged blob is refused instead of restoring half a secret. Not encrypted: like the value itself,
 * the blob is in the hands of whoever asked for it.
 */
const MAGIC = Buffer.from('KLUISBK1', 'ascii');
const FORMAT = 'kluis-local-vault-secret-backup';
/** The service backs up at most 500 versions of an object. */
export const MAX_BACKUP_VERSIONS = 500;

export function encodeBackup(secret: Secret): string {
  const payload = Buffer.from(
    JSON.stringify({ format: FORMAT, formatVersion: 1, name: secret.name, versions: secret.versions }),
    'utf8',
  );
  const digest = createHash('sha256').update(payload).digest();
  return Buffer.concat([MAGIC, digest, payload]).toString('base64url');
}

export function decodeBackup(blob: string): Secret {
  if (!/^[A-Za-z0-9_-]+$/.test(blob)) throw errors.malformedBackup();
  const raw = Buffer.from(blob, 'base64url');
  if (raw.length <= MAGIC.length + 32 || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw errors.malformedBackup();
  }
  const digest = raw.subarray(MAGIC.length, MAGIC.length + 32);
  const payload = raw.subarray(MAGIC.length + 32);
  if (!timingSafeEqual(digest, createHash('sha256').update(payload).digest())) throw errors.malformedBackup();
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    throw errors.malformedBackup();
  }
  const secret = asSecret(parsed);
  if (!secret) throw errors.malformedBackup();
  return secret;
}

function asSecret(v: unknown): Secret | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (o.format !== FORMAT || o.formatVersion !== 1) return undefined;
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
