import { describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { applyGesture, EMPTY_SELECTION, keepShown, selectAll } from './selection-model';
import { createSorter, nextSort, sortSecrets } from './sort-secrets';

const secret = (name: string, extra: Partial<SecretProperties> = {}): SecretProperties => ({
  name,
  id: `https://v.vault.azure.net/secrets/${name}`,
  vaultUrl: 'https://v.vault.azure.net/',
  tags: {},
  ...extra,
});

describe('sortSecrets', () => {
  const list = [
    secret('b', { expiresOn: 300, contentType: 'text/plain' }),
    secret('a10', { expiresOn: 100 }),
    secret('a2'),
    secret('c', { expiresOn: 200, enabled: false, tags: { env: 'prod' } }),
  ];
  const names = (l: readonly SecretProperties[]) => l.map((s) => s.name);
  it('sorts names naturally and case-insensitively', () => {
    expect(names(sortSecrets(list, { key: 'name', direction: 'ascending' }))).toEqual([
      'a2',
      'a10',
      'b',
      'c',
    ]);
    expect(names(sortSecrets(list, { key: 'name', direction: 'descending' }))).toEqual([
      'c',
      'b',
      'a10',
      'a2',
    ]);
  });
  it('sorts by expiry with secrets that never expire last, in both directions', () => {
    expect(names(sortSecrets(list, { key: 'expiresOn', direction: 'ascending' }))).toEqual([
      'a10',
      'c',
      'b',
      'a2',
    ]);
    expect(names(sortSecrets(list, { key: 'expiresOn', direction: 'descending' }))).toEqual([
      'b',
      'c',
      'a10',
      'a2',
    ]);
  });
  it('sorts by enabled, content type and tags, ties by name', () => {
    expect(names(sortSecrets(list, { key: 'enabled', direction: 'ascending' }))).toEqual([
      'c',
      'a2',
      'a10',
      'b',
    ]);
    expect(names(sortSecrets(list, { key: 'contentType', direction: 'ascending' }))[0]).toBe('b');
    expect(names(sortSecrets(list, { key: 'tags', direction: 'ascending' }))[0]).toBe('c');
  });
  it('a header click sorts a new column ascending and flips the same one', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'expiresOn')).toEqual({
      key: 'expiresOn',
      direction: 'ascending',
    });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name').direction).toBe('descending');
  });
});

describe('createSorter (a list arriving page by page)', () => {
  const byName = { key: 'name', direction: 'ascending' } as const;
  const names = (l: readonly SecretProperties[]) => l.map((s) => s.name);
  const page = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => secret(`key-${from + i}`, { expiresOn: (from + i) % 7 }));

  it('returns a list already in order as it is, page after page', () => {
    const sort = createSorter();
    const first = page(1, 9);
    expect(sort(first, byName)).toBe(first);
    const both = [...first, ...page(9, 20)];
    expect(sort(both, byName)).toBe(both);
    expect(names(both)).toEqual(names(sortSecrets(both, byName)));
  });

  it('sorts when a page breaks the order, when the order changes, or when rows are replaced', () => {
    const sort = createSorter();
    const first = page(10, 20);
    expect(sort(first, byName)).toBe(first);
    const broken = [...first, ...page(2, 5)];
    expect(names(sort(broken, byName))).toEqual(names(sortSecrets(broken, byName)));
    expect(names(sort(broken, byName))[0]).toBe('key-2');
    const byExpiry = { key: 'expiresOn', direction: 'descending' } as const;
    expect(names(sort(broken, byExpiry))).toEqual(names(sortSecrets(broken, byExpiry)));
    const replaced = [secret('key-99'), ...first.slice(1)];
    expect(names(sort(replaced, byName))).toEqual(names(sortSecrets(replaced, byName)));
  });

  it('never changes the list it is given', () => {
    const list = [secret('b'), secret('a')];
    expect(names(createSorter()(list, byName))).toEqual(['a', 'b']);
    expect(names(list)).toEqual(['b', 'a']);
  });
});

describe('selection model', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  const names = (s: { names: ReadonlySet<string> }) => [...s.names].sort();
  it('Ctrl+click toggles and moves the anchor', () => {
    let s = applyGesture(EMPTY_SELECTION, order, 'b', 'toggle');
    s = applyGesture(s, order, 'd', 'toggle');
    expect(names(s)).toEqual(['b', 'd']);
    s = applyGesture(s, order, 'b', 'toggle');
    expect(names(s)).toEqual(['d']);
    expect(s.anchor).toBe('b');
  });
  it('Shift+click selects the range from the anchor, either way, keeping the rest', () => {
    let s = applyGesture(EMPTY_SELECTION, order, 'e', 'toggle');
    s = applyGesture(s, order, 'b', 'toggle');
    s = applyGesture(s, order, 'd', 'range');
    expect(names(s)).toEqual(['b', 'c', 'd', 'e']);
    s = applyGesture(applyGesture(EMPTY_SELECTION, order, 'd', 'only'), order, 'a', 'range');
    expect(names(s)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.anchor).toBe('d');
  });
  it('Shift+click without an anchor selects that row', () => {
    expect(names(applyGesture(EMPTY_SELECTION, order, 'c', 'range'))).toEqual(['c']);
  });
  it('Ctrl+A selects every shown row; rows no longer shown drop out', () => {
    expect(names(selectAll(order))).toEqual(order);
    const kept = keepShown(selectAll(order), ['a', 'c']);
    expect(names(kept)).toEqual(['a', 'c']);
    expect(kept.anchor).toBe('a');
  });
  it('keepShown keeps the selection object when nothing is dropped, and the anchor while it is shown', () => {
    const s = applyGesture(applyGesture(EMPTY_SELECTION, order, 'b', 'toggle'), order, 'd', 'toggle');
    expect(keepShown(s, order)).toBe(s);
    expect(keepShown(EMPTY_SELECTION, [])).toBe(EMPTY_SELECTION);
    // Unchecking a row moves the anchor there; it stays the anchor while shown, though not checked.
    const unchecked = applyGesture(s, order, 'b', 'toggle');
    const kept = keepShown(unchecked, ['b', 'c']);
    expect(names(kept)).toEqual([]);
    expect(kept.anchor).toBe('b');
    expect(keepShown(unchecked, ['c']).anchor).toBeUndefined();
  });
});
