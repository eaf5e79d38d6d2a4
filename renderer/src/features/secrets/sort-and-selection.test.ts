import { describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { applyGesture, EMPTY_SELECTION, keepShown, selectAll } from './selection-model';
import { nextSort, sortSecrets } from './sort-secrets';

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
  const names = (l: SecretProperties[]) => l.map((s) => s.name);
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
});
