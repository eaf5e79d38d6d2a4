import { get as httpGet } from 'node:http';
import { request } from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import { SecretClient } from '@azure/keyvault-secrets';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';
import { enterDeviceCode } from '../../support/oidc-user';

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

/**
 * The user, straight at the provider (never through the app's proxy): approves a device code as if typed on the
 * verification page.
 */
export function approveDeviceCode(
  provider: OidcProvider,
  event: { verificationUri: string; userCode: string },
): void {
  void enterDeviceCode(event.verificationUri, event.userCode, provider.caPem);
}

/** What a browser does on the consenting provider: load the authorize page, follow it to the app's loopback. */
export async function consentInBrowser(provider: OidcProvider, page: string): Promise<void> {
  const location = await new Promise<string>((resolve, reject) => {
    request(page, { ca: provider.caPem }, (res) => {
      res.resume();
      if (res.statusCode === 302 && res.headers.location) resolve(res.headers.location);
      else reject(new Error(`authorize answered ${res.statusCode ?? 0}`));
    })
      .on('error', reject)
      .end();
  });
  httpGet(location, (res) => res.resume()).on('error', () => undefined);
}
