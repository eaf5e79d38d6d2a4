import type { SecretClient } from '@azure/keyvault-secrets';
import { describe, expect, it, vi } from 'vitest';
import type { VaultConfig } from '../../../electron/contract';
import { createAzureCredential } from '../../../electron/core/auth/credentials';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';
import {
  createVaultConnections,
  type LocalVaultAccess,
} from '../../../electron/core/vault/vault-connections';

/** Stands in for SecretClient and records how it was built. */
class RecordingClient {
  static built: RecordingClient[] = [];
  constructor(
    readonly url: string,
    readonly credential: { getToken(scopes: string): Promise<{ token: string } | null> },
    readonly options: Record<string, unknown>,
  ) {
    RecordingClient.built.push(this);
  }
}
const loadSecretClient = async () => RecordingClient as unknown as typeof SecretClient;

const azure: VaultConfig = {
  id: 'a',
  displayName: 'prod',
  url: 'https://prod.vault.azure.net/',
  kind: 'azure',
  auth: { method: 'azure-cli', tenantId: 'contoso' },
  pinned: false,
};
const local: VaultConfig = {
  ...azure,
  id: 'local',
  kind: 'local',
  url: 'https://127.0.0.1:1/',
  auth: { method: 'local' },
};
const access: LocalVaultAccess = {
  url: 'https://127.0.0.1:5555/',
  token: 'tok',
  caPem: '-----BEGIN CERTIFICATE-----x',
};

describe('vault connections', () => {
  it('builds the local client trusting exactly its CA, with the per-launch token', async () => {
    RecordingClient.built = [];
    const connections = createVaultConnections({ localAccess: () => access, loadSecretClient });
    const client = (await connections.clientFor(local)) as unknown as RecordingClient;
    expect(client.url).toBe(access.url);
    expect(client.options).toMatchObject({
      tlsOptions: { ca: access.caPem },
      disableChallengeResourceVerification: true,
    });
    expect(await client.credential.getToken('https://vault.azure.net/.default')).toMatchObject({
      token: 'tok',
    });
  });

  it('never skips challenge verification or swaps the CA for Azure vaults, and retries with its own policy', async () => {
    RecordingClient.built = [];
    const connections = createVaultConnections({ localAccess: () => access, loadSecretClient });
    const client = (await connections.clientFor(azure)) as unknown as RecordingClient;
    expect(client.url).toBe(azure.url);
    expect(client.options.tlsOptions).toBeUndefined();
    expect(client.options.disableChallengeResourceVerification).toBeUndefined();
    // The SDK's retries would repeat a PUT after a reset; Kluis's policy retries instead, checking writes first.
    expect(client.options.retryOptions).toEqual({ maxRetries: 0 });
    const policies = client.options.additionalPolicies as Array<{ policy: { name: string } }>;
    expect(policies.map((p) => p.policy.name)).toContain('kluisRetry');
  });

  it('caches per vault and rebuilds after a change or forget', async () => {
    RecordingClient.built = [];
    let current = access;
    const connections = createVaultConnections({ localAccess: () => current, loadSecretClient });
    const first = await connections.clientFor(azure);
    expect(await connections.clientFor(azure)).toBe(first);
    expect(await connections.clientFor({ ...azure, auth: { method: 'azure-developer-cli' } })).not.toBe(
      first,
    );
    const l1 = await connections.clientFor(local);
    current = { ...access, token: 'next-launch' };
    expect(await connections.clientFor(local)).not.toBe(l1);
    const l2 = await connections.clientFor(local);
    connections.forget('local');
    expect(await connections.clientFor(local)).not.toBe(l2);
  });

  it('fails with not-configured when the local vault is not running', async () => {
    const connections = createVaultConnections({ localAccess: () => undefined, loadSecretClient });
    await expect(connections.clientFor(local)).rejects.toBeInstanceOf(KluisFailure);
    await expect(connections.clientFor(local)).rejects.toMatchObject({ error: { kind: 'not-configured' } });
  });
});

describe('createAzureCredential', () => {
  it('constructs the credential class for each sign-in method, with the tenant', async () => {
    const made: Array<[string, unknown]> = [];
    const cls = (name: string) =>
      vi.fn(function (this: unknown, options?: unknown) {
        made.push([name, options]);
      });
    const identity = {
      DefaultAzureCredential: cls('default'),
      AzureCliCredential: cls('cli'),
      AzureDeveloperCliCredential: cls('azd'),
      DeviceCodeCredential: cls('device'),
      ManagedIdentityCredential: cls('mi'),
    } as unknown as typeof import('@azure/identity');
    const load = async () => identity;
    await createAzureCredential({ method: 'default', tenantId: 't' }, undefined, load);
    await createAzureCredential({ method: 'azure-cli', tenantId: 't' }, undefined, load);
    await createAzureCredential({ method: 'azure-developer-cli' }, undefined, load);
    // The browser method is Kluis's own MSAL credential (it opens pages only through main's checked opener).
    const browser = await createAzureCredential(
      { method: 'interactive-browser', tenantId: 't', clientId: 'c' },
      undefined,
      load,
    );
    expect(typeof browser.getToken).toBe('function');
    await createAzureCredential({ method: 'device-code' }, undefined, load);
    await createAzureCredential({ method: 'managed-identity', clientId: 'c' }, undefined, load);
    expect(made.map(([n]) => n)).toEqual(['default', 'cli', 'azd', 'device', 'mi']);
    expect(made[0]?.[1]).toEqual({ tenantId: 't' });
    expect(made[1]?.[1]).toEqual({ tenantId: 't' });
    expect(made[4]?.[1]).toEqual({ clientId: 'c' });
    await expect(createAzureCredential({ method: 'client-secret' }, undefined, load)).rejects.toMatchObject({
      error: { kind: 'not-configured' },
    });
  });

  it('loads the real @azure/identity lazily and builds a real credential', async () => {
    const credential = await createAzureCredential({ method: 'azure-cli' });
    expect(typeof credential.getToken).toBe('function');
  });
});
