import { SecretClient } from '@azure/keyvault-secrets';
import type { RunningLocalVault } from '../../electron/local-vault';

/**
 * The raw SDK over the same local vault: the client a script would build. TLS verification stays on and
 * trusts only the vault's own CA; challenge-resource verification is off for 127.0.0.1, as in Kluis.
 */
export function rawSdkClient(vault: RunningLocalVault): SecretClient {
  const token = vault.token!;
  return new SecretClient(
    vault.url,
    { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
    {
      tlsOptions: { ca: vault.caPem },
      disableChallengeResourceVerification: true,
      retryOptions: { maxRetries: 3 },
    },
  );
}
