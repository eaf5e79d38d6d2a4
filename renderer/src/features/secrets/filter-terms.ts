import type { SecretProperties } from '../../../../electron/contract';

const DAY = 24 * 60 * 60 * 1000;

/** One `key=value` (or keyword) term of the list filter. */
export type FilterTerm =
  | { kind: 'enabled'; value: boolean }
  | { kind: 'managed'; value: boolean }
  | { kind: 'tag'; key: string; value?: string }
  | { kind: 'type'; value: string }
  | { kind: 'expires'; op: '<' | '>'; days: number }
  | { kind: 'expired' };

export interface ParsedFilter {
  /** Free-text words: each must appear in the name, a tag key or value, or the content type. */
  words: string[];
  terms: FilterTerm[];
  /** Terms that could not be understood, each with what was wrong; they do not filter. */
  hints: string[];
}

const BOOLEAN: Record<string, boolean> = { true: true, yes: true, false: false, no: false };

/** Reads one word as a term: a term, a hint (looked like a term but was not right), or undefined (free text). */
function parseTerm(word: string): FilterTerm | { hint: string } | undefined {
  const lower = word.toLowerCase();
  if (lower === 'expired') return { kind: 'expired' };
  if (lower === 'disabled') return { kind: 'enabled', value: false };
  if (lower.startsWith('tag:')) {
    const rest = word.slice(4);
    const eq = rest.indexOf('=');
    const key = (eq < 0 ? rest : rest.slice(0, eq)).toLowerCase();
    if (!key) return { hint: `"${word}": name a tag, e.g. tag:env=prod or tag:env` };
    return eq < 0 ? { kind: 'tag', key } : { kind: 'tag', key, value: rest.slice(eq + 1).toLowerCase() };
  }
  const expires = /^expires([<>])(.*)$/i.exec(word);
  if (expires) {
    const days = /^(\d{1,5})d$/i.exec(expires[2] ?? '');
    if (!days) return { hint: `"${word}": give days, e.g. expires<30d` };
    return { kind: 'expires', op: expires[1] as '<' | '>', days: Number(days[1]) };
  }
  const eq = word.indexOf('=');
  if (eq <= 0) return undefined;
  const key = lower.slice(0, eq);
  const value = lower.slice(eq + 1);
  if (key === 'enabled' || key === 'managed') {
    const b = BOOLEAN[value];
    if (b === undefined) return { hint: `"${word}": use ${key}=true or ${key}=false` };
    return { kind: key, value: b };
  }
  if (key === 'type' || key === 'contenttype') {
    if (!value) return { hint: `"${word}": give a content type, e.g. type=application/json` };
    return { kind: 'type', value };
  }
  // Any other key=value stays free text (it still finds a tag written as key=value).
  return undefined;
}

/** Splits a filter query into free-text words, understood terms and hints about terms that were not. */
export function parseFilter(query: string): ParsedFilter {
  const parsed: ParsedFilter = { words: [], terms: [], hints: [] };
  for (const word of query.split(/\s+/).filter(Boolean)) {
    const term = parseTerm(word);
    if (term === undefined) parsed.words.push(word.toLowerCase());
    else if ('hint' in term) parsed.hints.push(term.hint);
    else parsed.terms.push(term);
  }
  return parsed;
}

function tagValue(secret: SecretProperties, key: string): string | undefined {
  for (const [k, v] of Object.entries(secret.tags ?? {})) if (k.toLowerCase() === key) return v.toLowerCase();
  return undefined;
}

export function matchesTerm(secret: SecretProperties, term: FilterTerm, now: number): boolean {
  switch (term.kind) {
    case 'enabled':
      return (secret.enabled !== false) === term.value;
    case 'managed':
      return (secret.managed === true) === term.value;
    case 'tag': {
      const value = tagValue(secret, term.key);
      return value !== undefined && (term.value === undefined || value === term.value);
    }
    case 'type':
      return (secret.contentType ?? '').toLowerCase() === term.value;
    case 'expired':
      return secret.expiresOn !== undefined && secret.expiresOn <= now;
    case 'expires':
      // Secrets without an expiry date never match a comparison: they do not expire.
      if (secret.expiresOn === undefined) return false;
      return term.op === '<'
        ? secret.expiresOn < now + term.days * DAY
        : secret.expiresOn > now + term.days * DAY;
  }
}
