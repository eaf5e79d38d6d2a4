import { describe, expect, it } from 'vitest';
import { filterPalette, fuzzyScore } from './palette-filter';

const items = [
  { label: 'New secret' },
  { label: 'Refresh the list' },
  { label: 'Deleted secrets' },
  { label: 'Switch to vault: kluis-prod' },
  { label: 'Switch to vault: Local vault' },
  { label: 'Settings' },
];
const labels = (q: string) => filterPalette(items, q).map((i) => i.label);

describe('command palette filtering', () => {
  it('keeps everything in order for an empty query', () => {
    expect(labels('')).toEqual(items.map((i) => i.label));
  });
  it('matches characters in order, case-insensitively, skipping others', () => {
    expect(labels('nsec')).toEqual(['New secret']);
    expect(labels('PROD')).toEqual(['Switch to vault: kluis-prod']);
    expect(labels('xyz')).toEqual([]);
  });
  it('ranks word starts and runs above scattered matches', () => {
    expect(labels('set')[0]).toBe('Settings');
    expect(labels('local')[0]).toBe('Switch to vault: Local vault');
    expect(fuzzyScore('del', 'Deleted secrets')!).toBeGreaterThan(
      fuzzyScore('del', 'Switch to vault: Local vault') ?? -1,
    );
  });
  it('ignores spaces in the query', () => {
    expect(labels('new sec')).toEqual(['New secret']);
  });
});
