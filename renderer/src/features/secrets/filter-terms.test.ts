import { describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { filterSecrets } from '../../test-support/filter-secrets';
import { parseFilter } from './filter-terms';

const NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const secret = (name: string, extra: Partial<SecretProperties> = {}): SecretProperties => ({
  name,
  id: `https://v.vault.azure.net/secrets/${name}`,
  vaultUrl: 'https://v.vault.azure.net/',
  tags: {},
  ...extra,
});
const all = [
  secret('api-key', { tags: { env: 'prod' }, expiresOn: NOW + 10 * DAY, contentType: 'text/plain' }),
  secret('db-conn', { tags: { Env: 'Dev', owner: 'a' }, contentType: 'application/json', enabled: false }),
  secret('old-token', { expiresOn: NOW - DAY }),
  secret('cert-secret', { managed: true, expiresOn: NOW + 60 * DAY, contentType: 'application/x-pkcs12' }),
  secret('plain'),
];
const names = (query: string) => filterSecrets(all, query, NOW).map((s) => s.name);

describe('filter terms', () => {
  it('enabled=, disabled', () => {
    expect(names('enabled=false')).toEqual(['db-conn']);
    expect(names('disabled')).toEqual(['db-conn']);
    expect(names('enabled=true')).toEqual(['api-key', 'old-token', 'cert-secret', 'plain']);
  });
  it('tag:key=value and tag:key (presence), case-insensitively', () => {
    expect(names('tag:env=prod')).toEqual(['api-key']);
    expect(names('tag:env=dev')).toEqual(['db-conn']);
    expect(names('tag:ENV')).toEqual(['api-key', 'db-conn']);
    expect(names('tag:owner')).toEqual(['db-conn']);
  });
  it('type= matches the whole content type', () => {
    expect(names('type=application/json')).toEqual(['db-conn']);
    expect(names('type=application')).toEqual([]);
  });
  it('expires<Nd, expires>Nd and expired; no expiry never matches a comparison', () => {
    expect(names('expires<30d')).toEqual(['api-key', 'old-token']);
    expect(names('expires>30d')).toEqual(['cert-secret']);
    expect(names('expires>7d')).toEqual(['api-key', 'cert-secret']);
    expect(names('expired')).toEqual(['old-token']);
  });
  it('managed=true', () => {
    expect(names('managed=true')).toEqual(['cert-secret']);
    expect(names('managed=false')).not.toContain('cert-secret');
  });
  it('ANDs terms with each other and with free text over name, tags and content type', () => {
    expect(names('tag:env expires<30d')).toEqual(['api-key']);
    expect(names('expires<30d token')).toEqual(['old-token']);
    expect(names('pkcs12')).toEqual(['cert-secret']);
    expect(names('owner')).toEqual(['db-conn']);
    expect(names('env=prod')).toEqual(['api-key']);
  });
  it('invalid terms are hints and do not filter', () => {
    const parsed = parseFilter('enabled=maybe expires<soon tag: type= api');
    expect(parsed.terms).toEqual([]);
    expect(parsed.words).toEqual(['api']);
    expect(parsed.hints).toHaveLength(4);
    expect(parsed.hints[0]).toMatch(/enabled=true or enabled=false/);
    expect(parsed.hints[1]).toMatch(/expires<30d/);
    expect(names('enabled=maybe api')).toEqual(['api-key']);
  });
});
