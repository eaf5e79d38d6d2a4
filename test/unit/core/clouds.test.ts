import { describe, expect, it } from 'vitest';
import { AuthConfig, NewAuthConfig } from '../../../electron/contract';
import { armOfCloud, cloudOfVaultUrl, KNOWN_CLOUDS, resolveCloud } from '../../../electron/core/vault/clouds';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';
import { resolveVaultUrl } from '../../../electron/core/vault/vault-url';

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof KluisFailure) return e.error;
    throw e;
  }
  throw new Error('expected a failure');
};

describe('clouds', () => {
  it('knows the public, US Government and China endpoints', () => {
    expect(KNOWN_CLOUDS.public).toEqual({
      name: 'public',
      vaultSuffix: 'vault.azure.net',
      authorityHost: 'https://login.microsoftonline.com',
      resource: 'https://vault.azure.net',
      scope: 'https://vault.azure.net/.default',
      arm: {
        endpoint: 'https://management.azure.com',
        resource: 'https://management.azure.com',
        scope: 'https://management.azure.com/.default',
      },
    });
    expect(KNOWN_CLOUDS.usgov).toMatchObject({
      vaultSuffix: 'vault.usgovcloudapi.net',
      authorityHost: 'https://login.microsoftonline.us',
      scope: 'https://vault.usgovcloudapi.net/.default',
      arm: {
        endpoint: 'https://management.usgovcloudapi.net',
        scope: 'https://management.usgovcloudapi.net/.default',
      },
    });
    expect(KNOWN_CLOUDS.china).toMatchObject({
      vaultSuffix: 'vault.azure.cn',
      authorityHost: 'https://login.chinacloudapi.cn',
      scope: 'https://vault.azure.cn/.default',
      arm: {
        endpoint: 'https://management.chinacloudapi.cn',
        scope: 'https://management.chinacloudapi.cn/.default',
      },
    });
  });

  it('follows the vault URL when no cloud is chosen, else defaults to public', () => {
    expect(cloudOfVaultUrl('https://kv.vault.usgovcloudapi.net/')).toBe('usgov');
    expect(cloudOfVaultUrl('https://KV.vault.azure.cn/')).toBe('china');
    expect(cloudOfVaultUrl('https://kv.vault.azure.net/')).toBe('public');
    expect(cloudOfVaultUrl('https://127.0.0.1:8443/')).toBeUndefined();
    expect(cloudOfVaultUrl('https://evil-vault.azure.cn.example/')).toBeUndefined();
    expect(resolveCloud({}, 'https://kv.vault.azure.cn/').name).toBe('china');
    expect(resolveCloud({}).name).toBe('public');
    expect(resolveCloud({ cloud: 'usgov' }, 'https://kv.vault.azure.net/').name).toBe('usgov');
  });

  it('takes custom endpoints, trimmed, and refuses them outside custom', () => {
    expect(
      resolveCloud({
        cloud: 'custom',
        authorityHost: 'https://login.stack.test/',
        resource: 'https://vault.stack.test/',
      }),
    ).toEqual({
      name: 'custom',
      authorityHost: 'https://login.stack.test',
      resource: 'https://vault.stack.test',
      scope: 'https://vault.stack.test/.default',
    });
    // The resource is required: tokens are asked for it only, never for one a vault's challenge names.
    expect(
      errorOf(() => resolveCloud({ cloud: 'custom', authorityHost: 'https://login.stack.test' })),
    ).toMatchObject({ kind: 'invalid-input', field: 'auth.resource', message: /Key Vault resource/ });
    expect(errorOf(() => resolveCloud({ cloud: 'custom' }))).toMatchObject({
      kind: 'invalid-input',
      field: 'auth.authorityHost',
    });
    expect(errorOf(() => resolveCloud({ authorityHost: 'https://login.stack.test' })).kind).toBe(
      'invalid-input',
    );
  });

  it("gives a custom cloud's Resource Manager only when its endpoint is set, and says what to add otherwise", () => {
    const custom = {
      cloud: 'custom' as const,
      authorityHost: 'https://login.stack.test',
      resource: 'https://vault.stack.test',
    };
    expect(resolveCloud({ ...custom, armEndpoint: 'https://management.stack.test/' }).arm).toEqual({
      endpoint: 'https://management.stack.test',
      resource: 'https://management.stack.test',
      scope: 'https://management.stack.test/.default',
    });
    // Azure Stack's audience is not its endpoint.
    expect(
      resolveCloud({
        ...custom,
        armEndpoint: 'https://management.local.azurestack.external',
        armResource: 'https://management.adfs.azurestack.local/4f6c1a2e',
      }).arm,
    ).toEqual({
      endpoint: 'https://management.local.azurestack.external',
      resource: 'https://management.adfs.azurestack.local/4f6c1a2e',
      scope: 'https://management.adfs.azurestack.local/4f6c1a2e/.default',
    });
    expect(errorOf(() => armOfCloud(resolveCloud(custom)))).toMatchObject({
      kind: 'not-configured',
      field: 'auth.armEndpoint',
      message: /Resource Manager endpoint/,
    });
    expect(errorOf(() => resolveCloud({ armEndpoint: 'https://management.stack.test' })).kind).toBe(
      'invalid-input',
    );
  });

  it('extends the contract additively: old settings still parse, new fields are checked', () => {
    expect(AuthConfig.parse({ method: 'azure-cli' })).toEqual({ method: 'azure-cli' });
    const custom = {
      method: 'client-secret',
      tenantId: 't',
      clientId: 'c',
      cloud: 'custom',
      authorityHost: 'https://login.stack.test',
      resource: 'https://vault.stack.test',
      credentialRef: 'sp-1',
    };
    expect(AuthConfig.parse(custom)).toEqual(custom);
    // A settings file from before the resource was required still loads; a new sign-in must name it.
    const { resource: _resource, ...withoutResource } = custom;
    expect(AuthConfig.safeParse(withoutResource).success).toBe(true);
    expect(NewAuthConfig.safeParse(custom).success).toBe(true);
    const refused = NewAuthConfig.safeParse(withoutResource);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['resource'], message: /Key Vault resource/ });
    expect(NewAuthConfig.safeParse({ method: 'azure-cli' }).success).toBe(true);
    for (const bad of [
      { method: 'default', cloud: 'mars' },
      { method: 'default', authorityHost: 'http://login.test' },
      { method: 'default', authorityHost: 'https://login.test/tenant' },
      { method: 'client-secret', credentialRef: 'a b' },
      { method: 'client-secret', clientSecret: 'never-in-settings' },
    ]) {
      expect(AuthConfig.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('expands a bare vault name under the cloud suffix; custom clouds need a full URL', () => {
    expect(resolveVaultUrl('kv1', KNOWN_CLOUDS.usgov.vaultSuffix)).toBe(
      'https://kv1.vault.usgovcloudapi.net/',
    );
    expect(resolveVaultUrl('kv1', KNOWN_CLOUDS.china.vaultSuffix)).toBe('https://kv1.vault.azure.cn/');
    expect(resolveVaultUrl('https://kv1.vault.usgovcloudapi.net', KNOWN_CLOUDS.china.vaultSuffix)).toBe(
      'https://kv1.vault.usgovcloudapi.net/',
    );
    expect(errorOf(() => resolveVaultUrl('kv1', null))).toMatchObject({
      kind: 'invalid-input',
      field: 'vault',
    });
    expect(resolveVaultUrl('https://kv1.vault.stack.test/', null)).toBe('https://kv1.vault.stack.test/');
  });
});
