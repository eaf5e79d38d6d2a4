import {
  MAX_CONTENT_TYPE_LENGTH,
  MAX_SECRET_NAME_LENGTH,
  MAX_SECRET_VALUE_LENGTH,
  MAX_TAG_NAME_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS,
  SECRET_NAME_PATTERN,
} from '../../contract/limits';
import type { TransferRecord } from './transfer-records';

/**
 * The secret name Kluis suggests for a key: each character a secret name cannot hold (`_`, `.`, spaces, …) becomes
 * a dash, so `DB_PASSWORD` is `DB-PASSWORD`; the user can change it.
 */
export function suggestName(key: string): string {
  return key.replace(/[^0-9a-zA-Z-]/g, '-').slice(0, MAX_SECRET_NAME_LENGTH);
}

/** Why a secret name is not one Key Vault takes, or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'It has no secret name: give one.';
  if (name.length > MAX_SECRET_NAME_LENGTH) {
    return `The name is ${name.length} characters; a secret name is at most ${MAX_SECRET_NAME_LENGTH}.`;
  }
  if (!SECRET_NAME_PATTERN.test(name)) {
    return 'A secret name holds only letters, digits and dashes: change the name.';
  }
  return undefined;
}

/** Why Key Vault would refuse this value or these properties, or undefined. Never quotes the value. */
export function recordProblem(r: TransferRecord): string | undefined {
  if (r.value.length > MAX_SECRET_VALUE_LENGTH) {
    return `The value is ${r.value.length.toLocaleString('en-US')} characters; Key Vault holds at most ${MAX_SECRET_VALUE_LENGTH.toLocaleString('en-US')}.`;
  }
  if (r.contentType !== undefined && r.contentType.length > MAX_CONTENT_TYPE_LENGTH) {
    return `The content type is longer than ${MAX_CONTENT_TYPE_LENGTH} characters.`;
  }
  if (r.tags) {
    const entries = Object.entries(r.tags);
    if (entries.length > MAX_TAGS)
      return `It has ${entries.length} tags; Key Vault takes at most ${MAX_TAGS}.`;
    for (const [k, v] of entries) {
      if (k.length === 0 || k.length > MAX_TAG_NAME_LENGTH) {
        return `A tag name is 1-${MAX_TAG_NAME_LENGTH} characters.`;
      }
      if (v.length > MAX_TAG_VALUE_LENGTH)
        return `The tag ${k.slice(0, 40)} is longer than ${MAX_TAG_VALUE_LENGTH} characters.`;
    }
  }
  if (r.notBefore !== undefined && r.expiresOn !== undefined && r.notBefore > r.expiresOn) {
    return 'It becomes active after it expires.';
  }
  return undefined;
}

/**
 * Rows whose names are the same secret (names are case-insensitive on the service): each such row gets a reason
 * naming the other's line, by row index.
 */
export function nameCollisions(rows: Array<{ name: string; line: number }>): Map<number, string> {
  const first = new Map<string, number>();
  const out = new Map<number, string>();
  rows.forEach((row, index) => {
    if (row.name === '') return;
    const key = row.name.toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    const other = rows[earlier] as { line: number };
    out.set(
      index,
      `Same secret name as line ${other.line} (names are case-insensitive): change one of them.`,
    );
    if (!out.has(earlier)) {
      out.set(
        earlier,
        `Same secret name as line ${row.line} (names are case-insensitive): change one of them.`,
      );
    }
  });
  return out;
}
