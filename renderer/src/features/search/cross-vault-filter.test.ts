import { describe, expect, it } from 'vitest';
import type { IndexedSecret } from '../dashboard/index-store';
import { CrossVaultIndex, parseCrossVaultQuery, sortAcrossVaults } from './cross-vault-filter';

const DAY = 86_400_000;
const now = Date.parse('2026-06-01T00:00:00Z');
const s = (vaultName: string, name: string, extra: Partial<IndexedSecret> = {}): IndexedSecret => ({
  vaultId: vaultName.toLowerCase(),
  vaultName,
  name,
  id: `https://${vaultName}/secrets/${name}`,
  vaultUrl: `https://${vaultName}/`,
  tags: {},
  ...extra,
});

const items = [
  s('Prod-EU', 'db-password', { tags: { env: 'prod' }, expiresOn: now + 10 * DAY }),
  s('Prod-US', 'db-password', { tags: { env: 'prod' }, contentType: 'text/plain' }),
  s('Dev', 'api-key', { tags: { env: 'dev' }, expiresOn: now - DAY }),
  s('Dev', 'db-password', { enabled: false }),
];
const names = (found: IndexedSecret[]) => found.map((f) => `${f.vaultName}/${f.name}`);

describe('search across vaults', () => {
  const index = new CrossVaultIndex(items);
  const run = (q: string) => names(index.filter(parseCrossVaultQuery(q), now));

  it('free text over names, tags and content types, in every vault', () => {
    expect(run('password')).toEqual(['Prod-EU/db-password', 'Prod-US/db-password', 'Dev/db-password']);
    expect(run('text/plain')).toEqual(['Prod-US/db-password']);
  });

  it('the list terms work across vaults', () => {
    expect(run('tag:env=prod expires<30d')).toEqual(['Prod-EU/db-password']);
    expect(run('expired')).toEqual(['Dev/api-key']);
    expect(run('disabled')).toEqual(['Dev/db-password']);
  });

  it('vault:NAME keeps the vaults whose name contains NAME; several mean any of them', () => {
    expect(run('vault:prod password')).toEqual(['Prod-EU/db-password', 'Prod-US/db-password']);
    expect(run('vault:DEV')).toEqual(['Dev/api-key', 'Dev/db-password']);
    expect(run('vault:eu vault:dev db')).toEqual(['Prod-EU/db-password', 'Dev/db-password']);
    expect(run('vault:nowhere')).toEqual([]);
  });

  it('an empty vault: term is a hint, not a filter', () => {
    const q = parseCrossVaultQuery('vault: api');
    expect(q.vaults).toEqual([]);
    expect(q.filter.hints[0]).toMatch(/name a vault/);
    expect(names(index.filter(q, now))).toEqual(['Dev/api-key']);
  });

  it('the same name in several vaults sorts by vault, whatever order they arrived in', () => {
    const reversed = [...items].reverse();
    expect(names([...sortAcrossVaults(reversed, { key: 'name', direction: 'ascending' })])).toEqual([
      'Dev/api-key',
      'Dev/db-password',
      'Prod-EU/db-password',
      'Prod-US/db-password',
    ]);
  });

  it('sorts by vault, then name; other keys as the list does', () => {
    expect(names([...sortAcrossVaults(items, { key: 'vault', direction: 'ascending' })])).toEqual([
      'Dev/api-key',
      'Dev/db-password',
      'Prod-EU/db-password',
      'Prod-US/db-password',
    ]);
    expect(
      names([...sortAcrossVaults(items, { key: 'expiresOn', direction: 'ascending' })]).slice(0, 2),
    ).toEqual(['Dev/api-key', 'Prod-EU/db-password']);
  });
});
