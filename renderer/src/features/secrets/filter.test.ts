import { describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { filterSecrets } from '../../test-support/filter-secrets';

const secret = (name: string, contentType?: string, tags: Record<string, string> = {}): SecretProperties => ({
  name,
  id: `https://v.vault.azure.net/secrets/${name}`,
  vaultUrl: 'https://v.vault.azure.net/',
  contentType,
  tags,
});

const all = [
  secret('api-key', 'text/plain', { env: 'prod' }),
  secret('db-conn', 'application/json', { env: 'dev', owner: 'team-a' }),
  secret('old-token'),
];
const names = (list: SecretProperties[]) => list.map((s) => s.name);

describe('filterSecrets', () => {
  it('returns everything for an empty or blank query', () => {
    expect(names(filterSecrets(all, ''))).toEqual(['api-key', 'db-conn', 'old-token']);
    expect(names(filterSecrets(all, '   '))).toEqual(['api-key', 'db-conn', 'old-token']);
  });
  it('matches a substring of the name, case-insensitively', () => {
    expect(names(filterSecrets(all, 'TOK'))).toEqual(['old-token']);
  });
  it('matches the content type', () => {
    expect(names(filterSecrets(all, 'json'))).toEqual(['db-conn']);
  });
  it('matches tag keys, values and key=value', () => {
    expect(names(filterSecrets(all, 'env=prod'))).toEqual(['api-key']);
    expect(names(filterSecrets(all, 'team-a'))).toEqual(['db-conn']);
    expect(names(filterSecrets(all, 'owner'))).toEqual(['db-conn']);
  });
  it('needs every word to match', () => {
    expect(names(filterSecrets(all, 'env text'))).toEqual(['api-key']);
    expect(names(filterSecrets(all, 'env nothing'))).toEqual([]);
  });
});
