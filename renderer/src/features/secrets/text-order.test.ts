import { describe, expect, it } from 'vitest';
import { compareText, comparePlain, plainOrderMatches, plainOrderTrusted } from './text-order';

const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });
const intl = (a: string, b: string) => Math.sign(collator.compare(a, b));

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function names(count: number, alphabet: string, maxLength: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * maxLength);
    let name = '';
    for (let i = 0; i < length; i++) name += alphabet[Math.floor(next() * alphabet.length)];
    return name;
  });
}

describe('comparePlain', () => {
  it('orders like the Collator: hyphen, then numbers by value, then letters in any case', () => {
    const cases: [string, string][] = [
      ['a-b', 'ab'],
      ['a-', 'a0'],
      ['a0', 'aa'],
      ['A', 'a'],
      ['a', 'a-'],
      ['key-9', 'key-10'],
      ['x001y', 'x1z'],
      ['x001y', 'x1y'],
      ['a0b', 'a00b'],
      ['a00', 'a0'],
      ['Z', 'a'],
      ['a0', 'a'],
      ['1a', '01a'],
      ['App-Setting-10', 'app-setting-9'],
      ['DB-Password', 'db-password-2'],
    ];
    for (const [a, b] of cases) {
      expect(Math.sign(comparePlain(a, b)!), `${a} vs ${b}`).toBe(intl(a, b));
      expect(Math.sign(comparePlain(b, a)!), `${b} vs ${a}`).toBe(intl(b, a));
    }
  });

  it('gives the Collator’s answer for every pair of many random names (mixed case, digits, hyphens)', () => {
    const all = [
      ...names(600, '-0019aAbzZ', 8, 1),
      ...names(400, '-0123456789abcdefghijklmnopqrstuvwxyzABCXYZ', 14, 2),
      ...names(200, 'a0-', 6, 3),
    ];
    for (let i = 0; i < all.length; i++) {
      for (let j = i; j < all.length; j += 7) {
        const a = all[i]!;
        const b = all[j]!;
        if (Math.sign(comparePlain(a, b)!) !== intl(a, b)) {
          expect.fail(`${a} vs ${b}: plain ${comparePlain(a, b)}, Collator ${intl(a, b)}`);
        }
      }
    }
  });

  it('sorts a list exactly as the Collator does', () => {
    const list = names(3000, '-0123456789abcXYZ', 10, 4);
    const byIntl = [...list].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
    const byPlain = [...list].sort((a, b) => comparePlain(a, b)! || (a < b ? -1 : a > b ? 1 : 0));
    expect(byPlain).toEqual(byIntl);
  });

  it('leaves strings with any other character to the Collator', () => {
    expect(comparePlain('a_b', 'a-b')).toBeUndefined();
    expect(comparePlain('text/plain', 'text/html')).toBeUndefined();
    expect(comparePlain('ab', 'ab\u0301')).toBeUndefined();
    expect(comparePlain('é', 'e')).toBeUndefined();
    expect(comparePlain('a b', 'ab')).toBeUndefined();
  });
});

describe('compareText', () => {
  it('is trusted here (en-US) and agrees with the Collator everywhere', () => {
    expect(plainOrderTrusted()).toBe(true);
    const pairs: [string, string][] = [
      ['key-9', 'key-10'],
      ['text/plain', 'application/json'],
      ['é', 'f'],
      ['Ab', 'aB'],
    ];
    for (const [a, b] of pairs) expect(Math.sign(compareText(a, b))).toBe(intl(a, b));
  });

  it('is not trusted for a collation with contractions or another letter order', () => {
    for (const locale of ['cs', 'da', 'lt', 'tr', 'hu']) {
      const tailored = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
      expect(
        plainOrderMatches((a, b) => tailored.compare(a, b)),
        locale,
      ).toBe(false);
    }
    expect(plainOrderMatches((a, b) => collator.compare(a, b))).toBe(true);
  });
});
