import { describe, expect, it } from 'vitest';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';
import { defaultDisplayName, resolveVaultUrl } from '../../../electron/core/vault/vault-url';

function errorOf(input: string) {
  try {
    resolveVaultUrl(input);
  } catch (err) {
    if (err instanceof KluisFailure) return err.error;
    throw err;
  }
  throw new Error(`expected ${input} to be refused`);
}

describe('resolveVaultUrl', () => {
  it('expands a bare vault name', () => {
    expect(resolveVaultUrl('my-vault')).toBe('https://my-vault.vault.azure.net/');
    expect(resolveVaultUrl('  Prod01 ')).toBe('https://prod01.vault.azure.net/');
    expect(resolveVaultUrl('abc')).toBe('https://abc.vault.azure.net/');
    expect(resolveVaultUrl('a'.repeat(24))).toBe(`https://${'a'.repeat(24)}.vault.azure.net/`);
  });

  it('refuses bad vault names with a clear message', () => {
    for (const bad of ['ab', 'a'.repeat(25), '1vault', 'my_vault', 'vault-', 'my--vault']) {
      expect(errorOf(bad)).toMatchObject({ kind: 'invalid-input', field: 'vault' });
    }
    expect(errorOf('ab').message).toMatch(/3-24 characters/);
  });

  it('takes a full https URL, normalised', () => {
    expect(resolveVaultUrl('https://My-Vault.vault.azure.net')).toBe('https://my-vault.vault.azure.net/');
    expect(resolveVaultUrl('https://my-vault.vault.azure.net/')).toBe('https://my-vault.vault.azure.net/');
    expect(resolveVaultUrl('https://127.0.0.1:8443')).toBe('https://127.0.0.1:8443/');
    expect(resolveVaultUrl('https://kv.vault.azure.net:443/')).toBe('https://kv.vault.azure.net/');
  });

  it('refuses http, paths, queries, credentials and junk', () => {
    expect(errorOf('http://my-vault.vault.azure.net/').message).toMatch(/https/);
    expect(errorOf('https://my-vault.vault.azure.net/secrets/x').message).toMatch(/without a path/);
    expect(errorOf('https://my-vault.vault.azure.net/?a=1').message).toMatch(/without a path or query/);
    expect(errorOf('https://user:pw@my-vault.vault.azure.net/').message).toMatch(/user name or password/);
    expect(errorOf('my-vault.vault.azure.net').kind).toBe('invalid-input');
    expect(errorOf('not a url: at all').kind).toBe('invalid-input');
  });
});

describe('defaultDisplayName', () => {
  it('uses the vault name for Azure vaults and the host otherwise', () => {
    expect(defaultDisplayName('https://prod.vault.azure.net/')).toBe('prod');
    expect(defaultDisplayName('https://127.0.0.1:8443/')).toBe('127.0.0.1:8443');
  });
});
