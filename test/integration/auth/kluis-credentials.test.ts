import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../../electron/contract';
import { createServicePrincipalStore } from '../../../electron/core/auth/credential-store';
import { createCredential, type DeviceCodePrompt } from '../../../electron/core/auth/credentials';
import { toKluisError } from '../../../electron/core/errors/error-mapping';
import { selfSignedCertificate } from '../../support/certificates';
import { testProtector } from '../../support/test-protector';
import { startIdentityWorld, vaultClient } from './helpers';

let world: Awaited<ReturnType<typeof startIdentityWorld>>;
beforeAll(async () => {
  world = await startIdentityWorld();
});
const dir = mkdtempSync(join(tmpdir(), 'kluis-sp-'));
afterAll(async () => {
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The provider is a "custom cloud" to Kluis; its CA is trusted for the token requests only. */
const customCloud = (): Pick<AuthConfig, 'cloud' | 'authorityHost' | 'resource' | 'tenantId'> => ({
  cloud: 'custom',
  authorityHost: world.provider.authorityHost,
  resource: 'https://vault.azure.net',
  tenantId: world.provider.tenantId,
});
const tokenOptions = () => ({ tlsOptions: { ca: world.provider.caPem } });

function post(url: string, form: Record<string, string>, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(form).toString();
    const req = request(
      url,
      { method: 'POST', ca, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe("Kluis's credentials, end to end against the local provider and a --auth jwt vault", () => {
  it('client-secret reads the secret from the credential store, never from settings', async () => {
    const clientId = randomUUID();
    world.provider.registerClient({ clientId, secret: 'stored-secret' });
    const auth: AuthConfig = { method: 'client-secret', clientId, credentialRef: 'sp1', ...customCloud() };
    const credential = await createCredential(auth, {
      store: {
        read: async (ref) => (ref === 'sp1' ? { kind: 'client-secret', secret: 'stored-secret' } : undefined),
      },
      tokenOptions: tokenOptions(),
    });
    const client = vaultClient(world.vault, credential);
    await client.setSecret('sp-secret', 'value-1');
    expect((await client.getSecret('sp-secret')).value).toBe('value-1');
  });

  it('client-certificate: a PEM kept in the encrypted service principal store signs the assertion', async () => {
    const { certificatePem, keyPem } = selfSignedCertificate();
    const clientId = randomUUID();
    world.provider.registerClient({ clientId, certificatePem });
    // A stand-in for safeStorage; the store's own behaviour is covered by its unit tests.
    const store = createServicePrincipalStore(dir, testProtector());
    const credentialRef = await store.save({
      kind: 'client-certificate',
      pem: `${keyPem}\n${certificatePem}`,
    });
    const credential = await createCredential(
      { method: 'client-certificate', clientId, credentialRef, ...customCloud() },
      { store, tokenOptions: tokenOptions() },
    );
    const client = vaultClient(world.vault, credential);
    await client.setSecret('sp-certificate', 'value-3');
    expect((await client.getSecret('sp-certificate')).value).toBe('value-3');
  });

  it('a vault in another tenant than the sign-in settings name: the message says which tenant', async () => {
    const clientId = randomUUID();
    world.provider.registerClient({ clientId, secret: 's' });
    const credential = await createCredential(
      {
        method: 'client-secret',
        clientId,
        credentialRef: 'sp',
        ...customCloud(),
        tenantId: 'another-tenant',
      },
      { store: { read: async () => ({ kind: 'client-secret', secret: 's' }) }, tokenOptions: tokenOptions() },
    );
    const error = await vaultClient(world.vault, credential)
      .getSecret('x')
      .catch((e: unknown) => e);
    expect(toKluisError(error, { authMethod: 'client-secret' })).toMatchObject({
      kind: 'unauthenticated',
      message: expect.stringContaining(`This vault belongs to tenant ${world.provider.tenantId}`),
    });
  });

  it('device-code: the prompt is shown, the user approves, then a refresh token serves another resource', async () => {
    const clientId = randomUUID();
    world.provider.registerClient({ clientId });
    const prompts: DeviceCodePrompt[] = [];
    const credential = await createCredential(
      { method: 'device-code', clientId, ...customCloud() },
      {
        tokenOptions: tokenOptions(),
        onDeviceCode: (prompt) => {
          prompts.push(prompt);
          // The user opens verification_uri and enters the code.
          void post(prompt.verificationUri, { user_code: prompt.userCode }, world.provider.caPem);
        },
      },
    );
    const client = vaultClient(world.vault, credential);
    await client.setSecret('device', 'value-2');
    expect((await client.getSecret('device')).value).toBe('value-2');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.message).toContain(prompts[0]?.userCode);

    // A second resource for the same account is served silently through the refresh token, without a new prompt
    // (enableCae as Key Vault's client asks: identity keeps CAE and non-CAE tokens in separate caches).
    const other = await credential.getToken('https://storage.example.test/.default', { enableCae: true });
    expect(other?.token.split('.')).toHaveLength(3);
    expect(prompts).toHaveLength(1);
    expect(world.provider.grants).toContain('refresh_token');
  });
});
