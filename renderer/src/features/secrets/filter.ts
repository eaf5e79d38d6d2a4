import type { SecretProperties } from '../../../../electron/contract';
import { matchesTerm, parseFilter, type ParsedFilter } from './filter-terms';

/** Search text per secret object, built once: list items are replaced, never mutated, when a secret changes. */
const haystacks = new WeakMap<SecretProperties, string>();

function haystack(secret: SecretProperties): string {
  let text = haystacks.get(secret);
  if (text === undefined) {
    const tags = Object.entries(secret.tags ?? {}).map(([k, v]) => `${k}=${v}`);
    text = [secret.name, secret.contentType ?? '', ...tags].join('\n').toLowerCase();
    haystacks.set(secret, text);
  }
  return text;
}

/** Whether a secret passes every term and contains every free-text word of a parsed filter. */
export function matchesFilter(secret: SecretProperties, filter: ParsedFilter, now: number): boolean {
  if (!filter.terms.every((term) => matchesTerm(secret, term, now))) return false;
  if (filter.words.length === 0) return true;
  const text = haystack(secret);
  return filter.words.every((word) => text.includes(word));
}

/**
 * Keeps the secrets that pass every term (enabled=false, tag:env=prod, type=…, expires<30d, expired, disabled,
 * managed=true) and whose name, content type or tags contain every other word (case-insensitive); tags match as
 * "key=value", so "env=prod" finds a tag. Terms that cannot be read do not filter (parseFilter lists them).
 */
export function filterSecrets(
  secrets: readonly SecretProperties[],
  query: string,
  now: number = Date.now(),
): SecretProperties[] {
  const filter = parseFilter(query);
  if (filter.words.length === 0 && filter.terms.length === 0) return [...secrets];
  return secrets.filter((secret) => matchesFilter(secret, filter, now));
}
