/**
 * The order of names in the list: case-insensitive, numbers by value ("key-9" before "key-10"), as the user's
 * locale collates (Intl.Collator, base sensitivity, numeric). A Collator call costs about half a microsecond,
 * which is most of the time to show 100,000 secrets (even checking that a list is already in order takes 100,000
 * calls). Key Vault names use only 0-9, a-z, A-Z and "-", and for those the collation of common locales is
 * simple: "-" before numbers before letters, letters in a-z order whatever their case, a run of digits by its
 * value (leading zeros ignored), and a string before any longer one it starts. compareText does that in plain
 * code when both strings use only those characters and the locale is one known to collate them so (checked
 * against the Collator itself on every one- and two-character string before it is trusted); anything else, and
 * any other locale, goes to the Collator.
 */

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Languages whose collation leaves 0-9, a-z and "-" in their root order (no contractions such as Czech "ch"). */
const PLAIN_LANGUAGES = new Set(['en', 'de', 'fr', 'it', 'nl', 'pt', 'es']);

const HYPHEN = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** Longest run of digits compared here (ICU compares longer runs in parts). */
const MAX_DIGITS = 200;

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** Whether a character is one of the plain ones: 0-9, a-z, A-Z or "-". */
const isPlain = (c: number) =>
  (c >= ZERO && c <= NINE) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === HYPHEN;

/** Rank of a plain character that is not a digit: "-" first, then the letters a-z in either case. */
const rank = (c: number) => (c === HYPHEN ? 0 : (c | 0x20) - 0x5f);

function plainFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (!isPlain(s.charCodeAt(i))) return false;
  return true;
}

/**
 * The plain order of two strings of 0-9, a-z, A-Z and "-" (negative, 0 or positive), or undefined when either
 * has another character (the Collator decides those).
 */
export function comparePlain(a: string, b: string): number | undefined {
  // Skip what both start with (names in a vault often share long prefixes), back to the start of a number.
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n) {
    const c = a.charCodeAt(i);
    if (c !== b.charCodeAt(i)) break;
    if (!isPlain(c)) return undefined;
    i++;
  }
  while (i > 0 && isDigit(a.charCodeAt(i - 1))) i--;
  let j = i;
  let order = 0;
  while (order === 0 && i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      // Two numbers: by value, so by length without leading zeros, then digit by digit.
      while (i < a.length && a.charCodeAt(i) === ZERO) i++;
      while (j < b.length && b.charCodeAt(j) === ZERO) j++;
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i > MAX_DIGITS || ej - j > MAX_DIGITS) return undefined;
      order = ei - i - (ej - j);
      for (; order === 0 && i < ei; i++, j++) order = a.charCodeAt(i) - b.charCodeAt(j);
      i = ei;
      j = ej;
      continue;
    }
    if (!isPlain(x) || !isPlain(y)) return undefined;
    // A number sorts after "-" and before letters.
    order = (isDigit(x) ? 0.5 : rank(x)) - (isDigit(y) ? 0.5 : rank(y));
    i++;
    j++;
  }
  // The rest decides nothing more, but must be plain too for this answer to be the Collator's.
  if (!plainFrom(a, i) || !plainFrom(b, j)) return undefined;
  return order !== 0 ? order : a.length - i - (b.length - j);
}

/** Every one- and two-character string of the plain characters, every capital letter, and a few numbers. */
function probeStrings(): string[] {
  const chars = '-0123456789abcdefghijklmnopqrstuvwxyz'.split('');
  const capitals = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  const out = [...chars, ...capitals, 'a01', 'a1', 'a10', 'a9', 'a-1', 'a00', 'A-b', 'b0c', 'b00d'];
  for (const x of chars) for (const y of chars) out.push(x + y);
  return out;
}

/**
 * Whether the Collator orders the probe strings exactly as comparePlain does: sorted by comparePlain, each string
 * must compare to the next the same way under the Collator (both orders are total, so that makes them agree on
 * every pair of the set).
 */
export function plainOrderMatches(compare: (a: string, b: string) => number): boolean {
  const sorted = probeStrings().sort((a, b) => comparePlain(a, b) as number);
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1] as string;
    const b = sorted[k] as string;
    if (Math.sign(compare(a, b)) !== Math.sign(comparePlain(a, b) as number)) return false;
  }
  return true;
}

let plainTrusted: boolean | undefined;

/** Whether comparePlain may stand in for the Collator here (decided once; the check costs about a millisecond). */
export function plainOrderTrusted(): boolean {
  if (plainTrusted === undefined) {
    const language = collator.resolvedOptions().locale.split('-')[0] ?? '';
    plainTrusted = PLAIN_LANGUAGES.has(language) && plainOrderMatches((a, b) => collator.compare(a, b));
  }
  return plainTrusted;
}

// Decided in an idle moment after start-up rather than by the first list to sort, which would wait for the check
// and for comparePlain's first, unoptimised runs; until then the Collator answers.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => plainOrderTrusted());

/** Case-insensitive, numbers by value ("key-9" before "key-10"): the order of names in the list. */
export function compareText(a: string, b: string): number {
  if (plainTrusted) {
    const c = comparePlain(a, b);
    if (c !== undefined) return c;
  }
  return collator.compare(a, b);
}
