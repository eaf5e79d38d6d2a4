import { describe, expect, it } from 'vitest';
import type { CompareRow } from '../../../../electron/contract';
import { countByStatus, defaultMode, modesFor, visibleRows } from './compare-table';

const side = { tags: {} };
const row = (name: string, extra: Partial<CompareRow>): CompareRow => ({
  name,
  status: 'same',
  differences: [],
  ...extra,
});

describe('compare table', () => {
  const rows = [
    row('b-same', { a: side, b: side, status: 'same', newer: 'same' }),
    row('a-differs', { a: side, b: side, status: 'differs', newer: 'a' }),
    row('c-only-a', { a: side, status: 'only-a' }),
    row('d-deleted', { a: side, status: 'only-a', deletedOnB: {} }),
    row('e-only-b', { b: side, status: 'only-b' }),
  ];

  it('offers the modes that can work for each row, and a sensible default', () => {
    expect(modesFor(rows[1]!)).toEqual(['new-version', 'skip']);
    expect(modesFor(rows[2]!)).toEqual(['copy', 'skip']);
    expect(modesFor(rows[3]!)).toEqual(['recover-then-update', 'skip']);
    expect(modesFor(rows[4]!)).toEqual([]);
    expect(rows.map(defaultMode)).toEqual(['skip', 'new-version', 'copy', 'recover-then-update', 'skip']);
  });

  it('filters by status and sorts by name, status or newer side, either way', () => {
    const names = (rs: CompareRow[]) => rs.map((r) => r.name);
    expect(names(visibleRows(rows, new Set(['only-a']), { key: 'name', descending: false }))).toEqual([
      'c-only-a',
      'd-deleted',
    ]);
    expect(names(visibleRows(rows, new Set(), { key: 'status', descending: false }))).toEqual([
      'a-differs',
      'c-only-a',
      'd-deleted',
      'e-only-b',
      'b-same',
    ]);
    expect(names(visibleRows(rows, new Set(), { key: 'name', descending: true }))[0]).toBe('e-only-b');
    expect(countByStatus(rows)).toEqual({ 'only-a': 2, 'only-b': 1, differs: 1, same: 1, unknown: 0 });
  });
});
