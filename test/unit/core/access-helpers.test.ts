import { describe, expect, it } from 'vitest';
import { actionMatches, appliesTo, scopeChain } from '../../../electron/core/access/role-assignments';
import { closeVaultNames, vaultNamesOf } from '../../../electron/core/access/vault-names';

const VAULT = '/subscriptions/s1/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/contoso-kv';

describe('role assignment helpers', () => {
  it('the scope chain of a vault: vault, resource group, subscription', () => {
    expect(scopeChain(VAULT)).toEqual([
      VAULT,
      '/subscriptions/s1/resourceGroups/rg-app',
      '/subscriptions/s1',
    ]);
  });

  it('matches data actions with wildcards, case-insensitively, as ARM does', () => {
    const get = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';
    expect(actionMatches('Microsoft.KeyVault/vaults/secrets/*', get)).toBe(true);
    expect(actionMatches('microsoft.keyvault/vaults/secrets/getsecret/action', get)).toBe(true);
    expect(actionMatches('Microsoft.KeyVault/vaults/secrets/readMetadata/action', get)).toBe(false);
    expect(actionMatches('Microsoft.KeyVault/vaults/keys/*', get)).toBe(false);
  });

  it('an assignment applies to the vault only from the vault itself or above', () => {
    expect(appliesTo('/subscriptions/s1', VAULT)).toBe(true);
    expect(appliesTo('/subscriptions/S1/resourcegroups/RG-APP', VAULT)).toBe(true);
    expect(appliesTo('/', VAULT)).toBe(true);
    expect(appliesTo(`${VAULT}-2`, VAULT)).toBe(false);
    expect(appliesTo('/subscriptions/s1/resourceGroups/rg', VAULT)).toBe(false);
  });
});

describe('close vault names', () => {
  it('suggests one- or two-character typos and longer names with the same start, closest first', () => {
    expect(closeVaultNames('contoso-prd-kv', ['contoso-prod-kv', 'fabrikam-kv', 'contoso-dev-kv'])).toEqual([
      'contoso-prod-kv',
    ]);
    expect(closeVaultNames('contoso-prd-kv', ['contoso-prd-kv2', 'contoso-prod-kv'])).toEqual([
      'contoso-prd-kv2',
      'contoso-prod-kv',
    ]);
    expect(closeVaultNames('contoso', ['contoso-kv', 'other'])).toEqual(['contoso-kv']);
    expect(closeVaultNames('abc', ['xyz', 'abc'])).toEqual([]);
  });

  it('knows the vault names of Key Vault URLs only', () => {
    expect(
      vaultNamesOf([
        'https://a-kv.vault.azure.net/',
        'https://127.0.0.1:8443/',
        'https://b-kv.vault.azure.cn/',
        'x',
      ]),
    ).toEqual(['a-kv', 'b-kv']);
  });
});
