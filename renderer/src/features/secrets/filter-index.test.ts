import { describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { matchesFilter } from '../../test-support/filter-secrets';
import { FilterIndex, narrows } from './filter';
import { parseFilter } from './filter-terms';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);

/** A vault's worth of secrets with varied names, types, tags, expiry and state. */
function vault(n: number): SecretProperties[] {
  return Array.from({ length: n }, (_, i): SecretProperties => ({
    name: `${['api', 'db', 'Cache'][i % 3]}-key-${i}`,
    id: `https://v.vault.azure.net/secrets/s${i}`,
    vaultUrl: 'https://v.vault.azure.net/',
    enabled: i % 5 !== 0,
    ...(i % 11 === 0 ? { managed: true } : {}),
    ...(i % 4 === 0 ? { contentType: 'application/json' } : i % 4 === 1 ? { contentType: 'Text/Plain' } : {}),
    tags:
      i % 6 === 0
        ? ({} as Record<string, string>)
        : { Env: ['dev', 'test', 'prod'][i % 3]!, team: `t${i % 7}` },
    ...(i % 3 === 0 ? { expiresOn: NOW + ((i % 40) - 10) * DAY } : {}),
  }));
}

const names = (list: readonly SecretProperties[]) => list.map((s) => s.name);
/** What the filter means, row by row: the reference the index must agree with. */
const plain = (all: readonly SecretProperties[], query: string, now = NOW) =>
  names(all.filter((s) => matchesFilter(s, parseFilter(query), now)));

describe('FilterIndex', () => {
  const all = vault(600);

  it('gives the same rows, in order, as filtering row by row, while a query is typed and deleted', () => {
    const index = new FilterIndex(all);
    const typed = 'api-key-1 env=prod expires<20d';
    const queries = [
      ...Array.from({ length: typed.length + 1 }, (_, i) => typed.slice(0, i)),
      ...Array.from({ length: typed.length + 1 }, (_, i) => typed.slice(0, typed.length - i)),
    ];
    for (const query of queries)
      expect(names(index.filter(parseFilter(query), NOW)), query).toEqual(plain(all, query));
  });

  it('agrees on terms, words and their mixes, in any order of use', () => {
    const index = new FilterIndex(all);
    const queries = [
      'disabled',
      'tag:env=prod',
      'tag:env',
      'type=text/plain',
      'managed=true',
      'expired',
      'expires>5d',
      'KEY-2',
      'key-2 json',
      'json key-2',
      't3 disabled',
      'enabled=false tag:team=t3',
      'db dev',
      'db',
      'nothing-like-this',
      '',
    ];
    for (const query of [...queries, ...queries.reverse()]) {
      expect(names(index.filter(parseFilter(query), NOW)), query).toEqual(plain(all, query));
    }
  });

  it('returns the list itself for an empty filter, and the same result for the same filter', () => {
    const index = new FilterIndex(all);
    expect(index.filter(parseFilter('  '), NOW)).toBe(all);
    const first = index.filter(parseFilter('db prod'), NOW);
    expect(index.filter(parseFilter('prod  db'), NOW)).toBe(first);
  });

  it('hands back the same array when a filter keeps every row it looked at, so the list does not render again', () => {
    const index = new FilterIndex(all);
    // Every name contains "key": the whole list, by identity.
    expect(index.filter(parseFilter('k'), NOW)).toBe(all);
    expect(index.filter(parseFilter('key'), NOW)).toBe(all);
    const db = index.filter(parseFilter('db'), NOW);
    expect(names(db)).toEqual(plain(all, 'db'));
    // Narrowing "db" to "db-key" keeps every one of them: the same array as "db".
    expect(index.filter(parseFilter('db-key'), NOW)).toBe(db);
    expect(names(index.filter(parseFilter('db-key-3'), NOW))).toEqual(plain(all, 'db-key-3'));
  });

  it('does not reuse a result across times: expiry terms follow the clock', () => {
    const index = new FilterIndex(all);
    const before = index.filter(parseFilter('expired'), NOW);
    const later = index.filter(parseFilter('expired'), NOW + 30 * DAY);
    expect(names(later)).toEqual(plain(all, 'expired', NOW + 30 * DAY));
    expect(later.length).toBeGreaterThan(before.length);
  });

  it('finds the same rows whether search texts were prepared ahead or not', () => {
    const many = vault(2600);
    const ahead = new FilterIndex(many);
    let budget = 3;
    expect(ahead.prepare(() => budget-- > 0)).toBe(false);
    expect(ahead.prepare(() => true)).toBe(true);
    expect(names(ahead.filter(parseFilter('cache t5'), NOW))).toEqual(plain(many, 'cache t5'));
  });
});

describe('narrows', () => {
  const f = parseFilter;
  it('a longer word or an added word or term narrows', () => {
    expect(narrows(f('prod'), f('pro'))).toBe(true);
    expect(narrows(f('pro db'), f('pro'))).toBe(true);
    expect(narrows(f('pro disabled'), f('pro'))).toBe(true);
    expect(narrows(f('pro'), f(''))).toBe(true);
  });
  it('a shorter word, another word or a dropped term does not', () => {
    expect(narrows(f('pro'), f('prod'))).toBe(false);
    expect(narrows(f('dev'), f('prod'))).toBe(false);
    expect(narrows(f('pro'), f('pro disabled'))).toBe(false);
    expect(narrows(f('expires<10d'), f('expires<20d'))).toBe(false);
  });
});
