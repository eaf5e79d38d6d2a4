import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { selfSignedCertificate } from '../../support/certificates';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';

let provider: OidcProvider;
let vault: RunningLocalVault;

beforeAll(async () => {
  provider = await startOidcProvider();
  vault = await startLocalVault({
    auth: { mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem },
  });
});
afterAll(async () => {
  await vault?.stop();
  await provider?.stop();
});

const clientFor = (credential: ClientSecretCredential | ClientCertificateCredential) =>
  new SecretClient(vault.url, credential, {
    tlsOptions: { ca: vault.caPem },
    // Loopback endpoint: 127.0.0.1 is not under the challenge resource's domain.
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
  });

/** Both the provider and the vault are trusted through their own CAs; verification stays on. */
const identityOptions = () => ({
  authorityHost: provider.authorityHost,
  disableInstanceDiscovery: true,
  tlsOptions: { ca: provider.caPem },
});

describe('client credentials against the local provider and a --auth jwt vault', () => {
  it('ClientSecretCredential gets a token the vault accepts', async () => {
    const clientId = randomUUID();
    provider.registerClient({ clientId, secret: 'not-a-real-secret' });
    const credential = new ClientSecretCredential(
      provider.tenantId,
      clientId,
      'not-a-real-secret',
      identityOptions(),
    );
    const client = clientFor(credential);
    await client.setSecret('from-client-secret', 'v1');
    expect((await client.getSecret('from-client-secret')).value).toBe('v1');
  });

  it('a wrong client secret fails at the provider, not at the vault', async () => {
    const clientId = randomUUID();
    provider.registerClient({ clientId, secret: 'right' });
    const credential = new ClientSecretCredential(provider.tenantId, clientId, 'wrong', identityOptions());
    await expect(clientFor(credential).getSecret('x')).rejects.toThrow(/AADSTS7000215/);
  });

  it('ClientCertificateCredential signs an assertion the provider verifies', async () => {
    const { certificatePem, keyPem } = selfSignedCertificate();
    const clientId = randomUUID();
    provider.registerClient({ clientId, certificatePem });
    const credential = new ClientCertificateCredential(
      provider.tenantId,
      clientId,
      { certificate: `${keyPem}\n${certificatePem}` },
      identityOptions(),
    );
    const client = clientFor(credential);
    await client.setSecret('from-certificate', 'v2');
    expect((await client.getSecret('from-certificate')).value).toBe('v2');
  });

  it('a certificate the app does not know is refused', async () => {
    const registered = selfSignedCertificate();
    const other = selfSignedCertificate();
    const clientId = randomUUID();
    provider.registerClient({ clientId, certificatePem: registered.certificatePem });
    const credential = new ClientCertificateCredential(
      provider.tenantId,
      clientId,
      { certificate: `${other.keyPem}\n${other.certificatePem}` },
      identityOptions(),
    );
    await expect(clientFor(credential).getSecret('x')).rejects.toThrow(/AADSTS700027/);
  });
});
