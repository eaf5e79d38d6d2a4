import { describe, expect, it } from 'vitest';
import { diffLines, foldUnchanged, splitLines, type DiffLine } from './line-diff';

const join = (lines: DiffLine[], side: 'old' | 'new') =>
  lines
    .filter((l) => l.kind === 'equal' || l.kind === (side === 'old' ? 'removed' : 'added'))
    .map((l) => l.text + l.eol)
    .join('');

/** The length of a longest common subsequence of lines, by the textbook table (small inputs only). */
function lcsLength(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
  return t[a.length]![b.length]!;
}

/** A deterministic pseudo-random generator, so a failure repeats. */
function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('splitLines', () => {
  it('keeps each line ending and a last line without one', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a')).toEqual([{ text: 'a', eol: '' }]);
    expect(splitLines('a\n')).toEqual([{ text: 'a', eol: '\n' }]);
    expect(splitLines('a\r\nb\rc\n\n')).toEqual([
      { text: 'a', eol: '\r\n' },
      { text: 'b', eol: '\r' },
      { text: 'c', eol: '\n' },
      { text: '', eol: '\n' },
    ]);
  });
});

describe('diffLines', () => {
  it('has nothing to show for two empty values', () => {
    expect(diffLines('', '')).toEqual({ lines: [], added: 0, removed: 0, approximate: false });
  });

  it('marks every line added against an empty value, and removed the other way', () => {
    const d = diffLines('', 'a\nb');
    expect(d.lines.map((l) => [l.kind, l.text, l.newNo])).toEqual([
      ['added', 'a', 1],
      ['added', 'b', 2],
    ]);
    expect(diffLines('a\nb', '')).toMatchObject({ added: 0, removed: 2 });
  });

  it('finds no change between identical values', () => {
    const d = diffLines('one\ntwo\n', 'one\ntwo\n');
    expect(d.added + d.removed).toBe(0);
    expect(d.lines.map((l) => [l.oldNo, l.newNo])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(foldUnchanged(d.lines)).toEqual([{ kind: 'skipped', count: 2 }]);
  });

  it('tells a missing newline at the end from one that is there', () => {
    const d = diffLines('a\nb\n', 'a\nb');
    expect(d.lines.map((l) => [l.kind, l.text, l.eol])).toEqual([
      ['equal', 'a', '\n'],
      ['removed', 'b', '\n'],
      ['added', 'b', ''],
    ]);
  });

  it('counts CRLF against LF as a change of the line ending, not of the text', () => {
    const d = diffLines('a\r\nb\r\n', 'a\nb\r\n');
    expect(d.lines.map((l) => [l.kind, l.text, l.eol])).toEqual([
      ['removed', 'a', '\r\n'],
      ['added', 'a', '\n'],
      ['equal', 'b', '\r\n'],
    ]);
  });

  it('gives a shortest diff that rebuilds both values exactly (random cases against the LCS table)', () => {
    const random = generator(7);
    const words = ['a', 'b', 'c', 'd', ''];
    for (let round = 0; round < 300; round++) {
      const make = () =>
        Array.from(
          { length: Math.floor(random() * 12) },
          () => words[Math.floor(random() * words.length)]! + (random() < 0.1 ? '\r\n' : '\n'),
        ).join('') + (random() < 0.5 ? 'end' : '');
      const older = make();
      const newer = make();
      const d = diffLines(older, newer);
      expect(join(d.lines, 'old')).toBe(older);
      expect(join(d.lines, 'new')).toBe(newer);
      const a = splitLines(older).map((l) => l.text + l.eol);
      const b = splitLines(newer).map((l) => l.text + l.eol);
      expect(d.added + d.removed).toBe(a.length + b.length - 2 * lcsLength(a, b));
      expect(d.approximate).toBe(false);
    }
  });

  it('diffs two 25 KB values with a few changed lines exactly', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i} ${'x'.repeat(16)}`);
    const older = lines.join('\n');
    expect(older.length).toBeGreaterThan(25_000);
    const changed = [...lines];
    changed[10] = 'changed ten';
    changed.splice(500, 1);
    changed.splice(900, 0, 'inserted');
    const d = diffLines(older, changed.join('\n'));
    expect(d).toMatchObject({ added: 2, removed: 2, approximate: false });
    expect(join(d.lines, 'new')).toBe(changed.join('\n'));
    const rows = foldUnchanged(d.lines);
    expect(rows.filter((r) => r.kind === 'line').length).toBeLessThan(30);
  });

  it('falls back to one removed and one added block when the values share nothing past the budget', () => {
    const older = Array.from({ length: 12_500 }, (_, i) => `o${i}`).join('\n');
    const newer = Array.from({ length: 12_500 }, (_, i) => `n${i}`).join('\n');
    const d = diffLines(`same\n${older}\nsame`, `same\n${newer}\nsame`, 100);
    expect(d.approximate).toBe(true);
    expect(d).toMatchObject({ added: 12_500, removed: 12_500 });
    expect(d.lines[0]).toMatchObject({ kind: 'equal', text: 'same' });
    expect(d.lines.at(-1)).toMatchObject({ kind: 'equal', text: 'same' });
    expect(join(d.lines, 'new')).toBe(`same\n${newer}\nsame`);
  });

  it('diffs a 25 KB single-line value as one changed line', () => {
    const d = diffLines('A'.repeat(25_000), `${'A'.repeat(24_999)}B`);
    expect(d).toMatchObject({ added: 1, removed: 1 });
  });
});

describe('foldUnchanged', () => {
  it('keeps three lines of context around each change and folds the rest', () => {
    const older = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const newer = older.replace('l10', 'ten');
    const rows = foldUnchanged(diffLines(older, newer).lines);
    expect(rows[0]).toEqual({ kind: 'skipped', count: 7 });
    expect(rows.at(-1)).toEqual({ kind: 'skipped', count: 6 });
    expect(rows.filter((r) => r.kind === 'line')).toHaveLength(8);
  });
});
