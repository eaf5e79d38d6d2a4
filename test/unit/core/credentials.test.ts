import { describe, expect, it, vi } from 'vitest';
import type { AuthConfig } from '../../../electron/contract';
import type { CredentialStore } from '../../../electron/core/auth/credential-store';
import { createCredential } from '../../../electron/core/auth/credentials';

function fakeIdentity() {
  const made: Array<{ name: string; args: unknown[] }> = [];
  const cls = (name: string) =>
    vi.fn(function (this: { getToken?: unknown }, ...args: unknown[]) {
      made.push({ name, args });
      this.getToken = async () => ({ token: name, expiresOnTimestamp: 0 });
    });
  const identity = {
    DefaultAzureCredential: cls('default'),
    AzureCliCredential: cls('cli'),
    AzureDeveloperCliCredential: cls('azd'),
    DeviceCodeCredential: cls('device'),
    ManagedIdentityCredential: cls('mi'),
    ClientSecretCredential: cls('secret'),
    ClientCertificateCredential: cls('certificate'),
  } as unknown as typeof import('@azure/identity');
  return { made, load: async () => identity };
}

const store: CredentialStore = {
  read: async (ref) =>
    ref === 'sp-secret'
      ? { kind: 'client-secret', secret: 'shh' }
      : ref === 'sp-cert'
        ? { kind: 'client-certificate', pem: 'PEM' }
        : undefined,
};

describe('createCredential', () => {
  it('sends sign-in to the cloud of the vault, with instance discovery off only for custom clouds', async () => {
    const { made, load } = fakeIdentity();
    await createCredential(
      { method: 'device-code' },
      { loadIdentity: load, vaultUrl: 'https://k.vault.azure.cn/' },
    );
    await createCredential({ method: 'device-code', cloud: 'usgov' }, { loadIdentity: load });
    await createCredential(
      {
        method: 'default',
        cloud: 'custom',
        authorityHost: 'https://login.stack.test',
        resource: 'https://vault.stack.test',
      },
      { loadIdentity: load },
    );
    await createCredential({ method: 'default' }, { loadIdentity: load });
    expect(made[0]?.args[0]).toEqual({
      authorityHost: 'https://login.chinacloudapi.cn',
      userPromptCallback: expect.any(Function) as unknown,
    });
    expect(made[1]?.args[0]).toMatchObject({ authorityHost: 'https://login.microsoftonline.us' });
    expect(made[2]?.args[0]).toEqual({
      authorityHost: 'https://login.stack.test',
      disableInstanceDiscovery: true,
    });
    expect(made[3]?.args[0]).toEqual({});
  });

  it('builds service principal credentials from the stored secret or certificate, never from settings', async () => {
    const { made, load } = fakeIdentity();
    const base = { tenantId: 't', clientId: 'c' } as const;
    await createCredential(
      { ...base, method: 'client-secret', credentialRef: 'sp-secret' },
      { loadIdentity: load, store },
    );
    await createCredential(
      { ...base, method: 'client-certificate', credentialRef: 'sp-cert', cloud: 'usgov' },
      { loadIdentity: load, store },
    );
    expect(made[0]).toEqual({ name: 'secret', args: ['t', 'c', 'shh', {}] });
    expect(made[1]).toEqual({
      name: 'certificate',
      args: ['t', 'c', { certificate: 'PEM' }, { authorityHost: 'https://login.microsoftonline.us' }],
    });
  });

  it('says what is missing for a service principal', async () => {
    const { load } = fakeIdentity();
    const attempt = (auth: AuthConfig, withStore = true) =>
      createCredential(auth, { loadIdentity: load, ...(withStore ? { store } : {}) }).then(
        () => undefined,
        (e: { error: unknown }) => e.error,
      );
    expect(await attempt({ method: 'client-secret', tenantId: 't', clientId: 'c' })).toMatchObject({
      kind: 'not-configured',
      field: 'auth.credentialRef',
    });
    expect(
      await attempt({ method: 'client-secret', tenantId: 't', clientId: 'c', credentialRef: 'gone' }),
    ).toMatchObject({ kind: 'not-configured', message: expect.stringMatching(/Enter it again/) });
    expect(
      await attempt(
        { method: 'client-secret', tenantId: 't', clientId: 'c', credentialRef: 'sp-secret' },
        false,
      ),
    ).toMatchObject({ kind: 'not-configured' });
    expect(await attempt({ method: 'client-secret', credentialRef: 'sp-secret' })).toMatchObject({
      field: 'auth.tenantId',
    });
    expect(
      await attempt({
        method: 'client-certificate',
        tenantId: 't',
        clientId: 'c',
        credentialRef: 'sp-secret',
      }),
    ).toMatchObject({ message: expect.stringMatching(/does not match/) });
  });

  it('lets az and azd be found in their install folders before the CLI runs', async () => {
    const { load } = fakeIdentity();
    const dirs = vi.fn(() => []);
    const credential = await createCredential(
      { method: 'azure-cli' },
      { loadIdentity: load, cliDirectories: dirs },
    );
    expect(dirs).not.toHaveBeenCalled();
    expect((await credential.getToken('https://vault.azure.net/.default'))?.token).toBe('cli');
    expect(dirs).toHaveBeenCalledOnce();
  });
});
