import type { SecretClient, SecretClientOptions } from '@azure/keyvault-secrets';
import type { VaultConfig } from '../contract';
import { createAzureCredential, staticTokenCredential, type DeviceCodePrompt } from './credentials';
import { failure } from './kluis-failure';
import { pageLinkCapturePolicy } from './page-link-capture';

/** How to reach the running local vault this launch. */
export interface LocalVaultAccess {
  url: string;
  token: string;
  caPem: string;
}

export interface VaultConnectionsDeps {
  /** undefined while the local vault is not running. */
  localAccess: () => LocalVaultAccess | undefined;
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Tests swap the SDK; the default loads it on first use to keep start-up fast. */
  loadSecretClient?: () => Promise<typeof SecretClient>;
}

export interface VaultConnections {
  clientFor(vault: VaultConfig): Promise<SecretClient>;
  /** Drop a cached client, e.g. after its sign-in method changed or the vault was removed. */
  forget(vaultId: string): void;
}

// Retries absorb brief throttling and blips; more would leave the user staring at a spinner.
const AZURE_RETRIES = { maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 8_000 };
const LOCAL_RETRIES = { maxRetries: 1, retryDelayInMs: 100, maxRetryDelayInMs: 500 };

export function createVaultConnections(deps: VaultConnectionsDeps): VaultConnections {
  const cache = new Map<string, { key: string; client: Promise<SecretClient> }>();
  const loadSecretClient =
    deps.loadSecretClient ?? (async () => (await import('@azure/keyvault-secrets')).SecretClient);

  function cacheKey(vault: VaultConfig): string {
    const local = vault.kind === 'local' ? deps.localAccess() : undefined;
    return JSON.stringify([vault.url, vault.auth, local?.token ?? null, local?.caPem ?? null]);
  }

  async function build(vault: VaultConfig): Promise<SecretClient> {
    const SecretClientClass = await loadSecretClient();
    if (vault.kind === 'local') {
      const local = deps.localAccess();
      if (!local)
        throw failure('not-configured', 'The local vault is not running. Open it again from the vault list.');
      const options: SecretClientOptions = {
        retryOptions: LOCAL_RETRIES,
        additionalPolicies: [pageLinkCapturePolicy],
        // Trust exactly the local vault's own CA, for this client only; verification stays on.
        tlsOptions: { ca: local.caPem },
        // Its challenge names a 127.0.0.1 resource, which is not a Key Vault domain; only this client skips that check.
        disableChallengeResourceVerification: true,
      };
      return new SecretClientClass(local.url, staticTokenCredential(local.token), options);
    }
    const credential = await createAzureCredential(vault.auth, deps.onDeviceCode);
    return new SecretClientClass(vault.url, credential, {
      retryOptions: AZURE_RETRIES,
      additionalPolicies: [pageLinkCapturePolicy],
    });
  }

  return {
    clientFor(vault) {
      const key = cacheKey(vault);
      const cached = cache.get(vault.id);
      if (cached && cached.key === key) return cached.client;
      const client = build(vault);
      cache.set(vault.id, { key, client });
      // A failed build must not stick: the next call tries again.
      client.catch(() => {
        if (cache.get(vault.id)?.client === client) cache.delete(vault.id);
      });
      return client;
    },
    forget(vaultId) {
      cache.delete(vaultId);
    },
  };
}
