import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { fullEntries, recordsFromEntries } from './json-format';
import { TransferParseError, type TransferRecord } from './transfer-records';

/*
 * Kluis's encrypted bundle, a small text file:
 *
 *   kluis-bundle
 *   {"version":1,"kdf":"scrypt","N":131072,"r":8,"p":1,"salt":"…","cipher":"aes-256-gcm","iv":"…","check":"…","bytes":…}
 *   <base64 of the ciphertext and its 16-byte GCM tag>
 *
 * scrypt turns the passphrase and the salt into 64 bytes: the first 32 are the AES-256-GCM key, the last 32 a key
 * whose HMAC of a fixed text is `check`, so a wrong passphrase is told apart from a damaged file. The header line,
 * exactly as written, is the cipher's associated data: a change to any byte of it, or of the body, fails the tag.
 * `bytes` is the ciphertext's length, so a cut file is told from a changed one. The plaintext is the JSON full
 * form's entries (values with content type, tags, dates and enabled state).
 */

export const BUNDLE_MAGIC = 'kluis-bundle';
export const BUNDLE_EXTENSION = 'kluis';
const CHECK_TEXT = 'kluis-bundle passphrase check';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
/** 128 MiB and about half a second per derivation: RFC 7914's interactive cost raised for files kept at rest. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 8;

interface Header {
  version: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  check: string;
  bytes: number;
}

function derive(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      64,
      { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

const checkOf = (macKey: Buffer) => createHmac('sha256', macKey).update(CHECK_TEXT).digest();

export async function writeBundle(
  records: TransferRecord[],
  passphrase: string,
  options: { cost?: ScryptCost; exportedFrom?: string } = {},
): Promise<string> {
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const derived = await derive(passphrase, salt, cost);
  const plaintext = Buffer.from(
    JSON.stringify({
      exportedOn: new Date().toISOString(),
      ...(options.exportedFrom ? { exportedFrom: options.exportedFrom } : {}),
      secrets: fullEntries(records),
    }),
    'utf8',
  );
  const header: Header = {
    version: 1,
    kdf: 'scrypt',
    ...cost,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    check: checkOf(derived.subarray(32)).toString('base64'),
    bytes: plaintext.length,
  };
  const headerLine = JSON.stringify(header);
  const cipher = createCipheriv('aes-256-gcm', derived.subarray(0, 32), iv);
  cipher.setAAD(Buffer.from(headerLine, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  derived.fill(0);
  plaintext.fill(0);
  return `${BUNDLE_MAGIC}\n${headerLine}\n${body.toString('base64')}\n`;
}

/** Whether a file's text is a bundle (it starts with the magic line). */
export const isBundle = (text: string): boolean => text.startsWith(`${BUNDLE_MAGIC}\n`);

const tampered = () =>
  new TransferParseError(
    'bundle-tampered',
    'This bundle was changed or damaged after it was written: its contents do not match its seal. Nothing was imported; export it again from the source vault.',
  );
const truncated = () =>
  new TransferParseError(
    'bundle-truncated',
    'This bundle is incomplete (the file was cut short, e.g. by an unfinished copy). Nothing was imported; copy the whole file again.',
  );

const isPow2 = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

function readHeader(line: string): Header {
  let h: Partial<Header> & { version?: unknown };
  try {
    h = JSON.parse(line) as Partial<Header>;
  } catch {
    throw tampered();
  }
  if (typeof h !== 'object' || h === null) throw tampered();
  if (h.version !== 1) {
    throw new TransferParseError(
      'bundle-version',
      `This bundle is version ${String(h.version)} of the format; this Kluis reads version 1. Update Kluis to open it.`,
    );
  }
  const valid =
    h.kdf === 'scrypt' &&
    h.cipher === 'aes-256-gcm' &&
    isPow2(h.N ?? 0) &&
    (h.N ?? 0) >= 2 ** 14 &&
    (h.N ?? 0) <= 2 ** 20 &&
    Number.isInteger(h.r) &&
    (h.r ?? 0) >= 1 &&
    (h.r ?? 0) <= 32 &&
    Number.isInteger(h.p) &&
    (h.p ?? 0) >= 1 &&
    (h.p ?? 0) <= 4 &&
    typeof h.salt === 'string' &&
    Buffer.from(h.salt, 'base64').length === 16 &&
    typeof h.iv === 'string' &&
    Buffer.from(h.iv, 'base64').length === 12 &&
    typeof h.check === 'string' &&
    Buffer.from(h.check, 'base64').length === 32 &&
    Number.isInteger(h.bytes) &&
    (h.bytes ?? -1) >= 0;
  if (!valid) throw tampered();
  return h as Header;
}

export async function readBundle(text: string, passphrase: string): Promise<TransferRecord[]> {
  if (!isBundle(text)) {
    throw new TransferParseError(
      'not-a-bundle',
      'This file is not a Kluis bundle (it does not start with "kluis-bundle").',
    );
  }
  const rest = text.slice(BUNDLE_MAGIC.length + 1);
  const headerEnd = rest.indexOf('\n');
  if (headerEnd < 0) throw truncated();
  const headerLine = rest.slice(0, headerEnd);
  const header = readHeader(headerLine);
  const bodyText = rest.slice(headerEnd + 1).trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(bodyText)) throw tampered();
  const body = Buffer.from(bodyText, 'base64');
  if (body.length < header.bytes + 16) throw truncated();
  if (body.length > header.bytes + 16) throw tampered();

  const derived = await derive(passphrase, Buffer.from(header.salt, 'base64'), header);
  try {
    if (!timingSafeEqual(checkOf(derived.subarray(32)), Buffer.from(header.check, 'base64'))) {
      throw new TransferParseError(
        'wrong-passphrase',
        'The passphrase does not open this bundle. Type it again (it is case-sensitive).',
      );
    }
    const decipher = createDecipheriv(
      'aes-256-gcm',
      derived.subarray(0, 32),
      Buffer.from(header.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(headerLine, 'utf8'));
    decipher.setAuthTag(body.subarray(header.bytes));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(body.subarray(0, header.bytes)), decipher.final()]);
    } catch {
      throw tampered();
    }
    const content = JSON.parse(plaintext.toString('utf8')) as { secrets?: unknown };
    plaintext.fill(0);
    if (!Array.isArray(content.secrets)) throw tampered();
    return recordsFromEntries(content.secrets);
  } finally {
    derived.fill(0);
  }
}
