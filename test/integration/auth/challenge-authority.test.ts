import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../../electron/contract';
import { createCredential } from '../../../electron/core/auth/credentials';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';
import { vaultClient } from './helpers';

/**
 * Key Vault's challenge names its sign-in host: login.microsoftonline.com today, login.windows.net in older
 * answers (recordings up to 2021). Kluis reads neither itself; the SDK takes the tenant from the challenge's path,
 * and Kluis's credential gets its token from the configured sign-in host either way (issue 17).
 */
describe("Kluis's credential against a vault whose challenge names either sign-in host", () => {
  let provider: OidcProvider;
  const vaults: RunningLocalVault[] = [];
  beforeAll(async () => {
    provider = await startOidcProvider();
    for (const challengeAuthority of ['https://login.windows.net', 'https://login.microsoftonline.com']) {
      vaults.push(
        await startLocalVault({
          auth: { mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem },
          challengeAuthority,
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(vaults.map((v) => v.stop()));
    await provider?.stop();
  });

  it('gets a token for the challenge tenant and reads the vault, whichever host the challenge names', async () => {
    const clientId = randomUUID();
    provider.registerClient({ clientId, secret: 'the-secret' });
    const auth: AuthConfig = {
      method: 'client-secret',
      clientId,
      credentialRef: 'sp',
      cloud: 'custom',
      authorityHost: provider.authorityHost,
      // the local vault's challenge names the public cloud's resource unless told otherwise
      resource: 'https://vault.azure.net',
      tenantId: provider.tenantId,
    };
    for (const vault of vaults) {
      const credential = await createCredential(auth, {
        store: { read: async () => ({ kind: 'client-secret', secret: 'the-secret' }) },
        tokenOptions: { tlsOptions: { ca: provider.caPem } },
      });
      const client = vaultClient(vault, credential);
      await client.setSecret('challenged', 'v');
      expect((await client.getSecret('challenged')).value).toBe('v');
    }
  });
});
