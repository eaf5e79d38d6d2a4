import { describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { currentFirst } from './use-versions';

const v = (version: string, createdOn: number, tags: Record<string, string> = {}): SecretProperties => ({
  name: 's',
  id: `https://v/secrets/s/${version}`,
  vaultUrl: 'https://v',
  version,
  createdOn,
  updatedOn: createdOn,
  enabled: true,
  tags,
});

describe('currentFirst', () => {
  it('puts the version with the listed properties first among those saved in the same second', () => {
    const versions = [v('a', 2000, { env: 'old' }), v('b', 2000, { env: 'new' }), v('c', 1000)];
    const listed = { ...v('b', 2000, { env: 'new' }), version: undefined };
    expect(currentFirst(versions, listed).map((x) => x.version)).toEqual(['b', 'a', 'c']);
  });

  it('keeps the order when creation times differ, nothing matches or nothing was listed', () => {
    const versions = [v('a', 3000), v('b', 2000, { env: 'x' })];
    expect(currentFirst(versions, v('b', 2000, { env: 'x' }))).toBe(versions);
    const tied = [v('a', 2000), v('b', 2000)];
    expect(currentFirst(tied, v('z', 2000, { other: '1' }))).toBe(tied);
    expect(currentFirst(tied)).toBe(tied);
  });
});
