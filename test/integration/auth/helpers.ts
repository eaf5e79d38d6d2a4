import type { TokenCredential } from '@azure/core-auth';
import { SecretClient } from '@azure/keyvault-secrets';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';

/** A test OpenID provider and a local vault that accepts only its tokens (`--auth jwt`). */
export async function startIdentityWorld(): Promise<{
  provider: OidcProvider;
  vault: RunningLocalVault;
  stop: () => Promise<void>;
}> {
  const provider = await startOidcProvider();
  const vault = await startLocalVault({
    auth: { mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem },
  });
  return {
    provider,
    vault,
    stop: async () => {
      await vault.stop();
      await provider.stop();
    },
  };
}

/** The real SDK client: trusts the vault's CA; challenge-resource check off only because this is 127.0.0.1. */
export function vaultClient(vault: RunningLocalVault, credential: TokenCredential): SecretClient {
  return new SecretClient(vault.url, credential, {
    tlsOptions: { ca: vault.caPem },
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
  });
}
