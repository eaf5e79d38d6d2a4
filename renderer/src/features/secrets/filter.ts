import type { SecretProperties } from '../../../../electron/contract';
import { matchesTerm, type FilterTerm, type ParsedFilter } from './filter-terms';

/** Search text per secret object, built once: list items are replaced, never mutated, when a secret changes. */
const haystacks = new WeakMap<SecretProperties, string>();

export function haystack(secret: SecretProperties): string {
  let text = haystacks.get(secret);
  if (text === undefined) {
    let joined = secret.name;
    if (secret.contentType) joined += `\n${secret.contentType}`;
    const tags = secret.tags ?? {};
    for (const key of Object.keys(tags)) joined += `\n${key}=${tags[key] ?? ''}`;
    text = joined.toLowerCase();
    haystacks.set(secret, text);
  }
  return text;
}

export function matchesTerms(secret: SecretProperties, terms: readonly FilterTerm[], now: number): boolean {
  for (const term of terms) if (!matchesTerm(secret, term, now)) return false;
  return true;
}

export function containsWords(text: string, words: readonly string[]): boolean {
  for (const word of words) if (!text.includes(word)) return false;
  return true;
}

/*
 * The two loops a keystroke waits for, as small functions of their own: the engine optimises a small function
 * once and keeps the optimised code for every later call, where a loop inside filter() ran in the interpreter
 * again on each keystroke until the engine replaced it mid-loop (measured in Chromium at 100,000 rows: ~12 ms a
 * pass inside filter(), ~2 ms here).
 */

/** Positions 0..count-1 whose text contains `word`, into `found`; returns how many. */
function scanAll(texts: readonly string[], count: number, word: string, found: Int32Array): number {
  let n = 0;
  for (let i = 0; i < count; i++) if ((texts[i] as string).includes(word)) found[n++] = i;
  return n;
}

/** The given positions whose text contains `word`, into `found`; returns how many. */
function scanPositions(
  texts: readonly string[],
  positions: Int32Array,
  word: string,
  found: Int32Array,
): number {
  let n = 0;
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k] as number;
    if ((texts[i] as string).includes(word)) found[n++] = i;
  }
  return n;
}

const isEmpty = (filter: ParsedFilter) => filter.terms.length === 0 && filter.words.length === 0;
const termKey = (term: FilterTerm) => JSON.stringify(term);

/**
 * Whether every secret passing `narrower` also passes `wider`: each of wider's terms is among narrower's, and
 * each of wider's words is inside one of narrower's (text containing "prod" contains "pro").
 */
export function narrows(narrower: ParsedFilter, wider: ParsedFilter): boolean {
  const terms = new Set(narrower.terms.map(termKey));
  return (
    wider.terms.every((term) => terms.has(termKey(term))) &&
    wider.words.every((word) => narrower.words.some((w) => w.includes(word)))
  );
}

interface CachedResult {
  filter: ParsedFilter;
  now: number;
  /** Positions in the index's list, ascending. */
  positions: Int32Array;
  secrets: readonly SecretProperties[];
}

/** How many positions the cache of recent results may hold in all (4 bytes each). */
const CACHE_POSITIONS = 2_000_000;

/**
 * Filters one (sorted) list again and again as the filter is typed, without work per secret beyond the match:
 * search texts are lower-cased once per secret (lazily, or ahead of time in idle moments with prepare), a
 * filter that narrows a recent one only looks at that one's result, and recent results are kept, so typing
 * on or deleting back is cheap even with 100,000 secrets. Results keep the list's order.
 */
export class FilterIndex {
  private texts: Array<string | undefined>;
  private prepared = 0;
  private recent: CachedResult[] = [];
  /** Reused between passes, so a pass over 100,000 rows allocates only its result. */
  private scratch = new Int32Array(0);

  constructor(readonly secrets: readonly SecretProperties[]) {
    this.texts = new Array<string | undefined>(secrets.length);
  }

  private text(position: number): string {
    let text = this.texts[position];
    if (text === undefined) {
      text = haystack(this.secrets[position] as SecretProperties);
      this.texts[position] = text;
    }
    return text;
  }

  /** Builds search texts ahead of use until `more()` says stop; returns whether every one is built. */
  prepare(more: () => boolean): boolean {
    while (this.prepared < this.secrets.length && more()) {
      const end = Math.min(this.secrets.length, this.prepared + 500);
      for (let i = this.prepared; i < end; i++) this.text(i);
      this.prepared = end;
    }
    return this.prepared >= this.secrets.length;
  }

  filter(filter: ParsedFilter, now: number): readonly SecretProperties[] {
    if (isEmpty(filter)) return this.secrets;
    let from: CachedResult | undefined;
    for (const cached of this.recent) {
      if (cached.now !== now || !narrows(filter, cached.filter)) continue;
      if (narrows(cached.filter, filter)) {
        this.touch(cached);
        return cached.secrets;
      }
      if (!from || cached.positions.length < from.positions.length) from = cached;
    }
    const { terms, words } = filter;
    const count = from ? from.positions.length : this.secrets.length;
    if (this.scratch.length < count) this.scratch = new Int32Array(this.secrets.length);
    const found = this.scratch;
    let n = 0;
    if (terms.length === 0 && words.length === 1) {
      // The common case, typing one word: the tightest loop (a 100,000-row pass is what a keystroke waits for).
      if (this.prepared < this.secrets.length) this.prepare(() => true);
      const texts = this.texts as string[];
      const word = words[0] as string;
      n = from ? scanPositions(texts, from.positions, word, found) : scanAll(texts, count, word, found);
    } else {
      for (let k = 0; k < count; k++) {
        const i = from ? (from.positions[k] as number) : k;
        const secret = this.secrets[i] as SecretProperties;
        if (terms.length > 0 && !matchesTerms(secret, terms, now)) continue;
        if (words.length > 0 && !containsWords(this.text(i), words)) continue;
        found[n++] = i;
      }
    }
    const positions = found.slice(0, n);
    // Everything looked at still matches (typing "setting-" over names that all start with it): the same array as
    // before, so nothing downstream (the list, its rows) sees a change or renders again.
    if (n === count) {
      const same = from ? from.secrets : this.secrets;
      this.touch({ filter, now, positions, secrets: same });
      return same;
    }
    const secrets = new Array<SecretProperties>(n);
    for (let k = 0; k < n; k++) secrets[k] = this.secrets[positions[k] as number] as SecretProperties;
    this.touch({ filter, now, positions, secrets });
    return secrets;
  }

  /** Keeps a result as the most recent one, dropping the oldest beyond the cache's size. */
  private touch(result: CachedResult): void {
    this.recent = [result, ...this.recent.filter((r) => r !== result)];
    let held = 0;
    this.recent = this.recent.filter((r, i) => {
      held += r.positions.length;
      return i === 0 || held <= CACHE_POSITIONS;
    });
  }
}
