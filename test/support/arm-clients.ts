import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';

/** ARM's token scope: what every management SDK asks its credential for against the real cloud. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

/** A credential that hands out a fixed token (the stand-in's token mode, or a token from the OIDC provider). */
export function fixedCredential(token: string): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    getToken: async (s): Promise<AccessToken> => {
      scopes.push(Array.isArray(s) ? s : [s]);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/**
 * Microsoft's management SDKs, unmodified, pointed at a local ARM stand-in and trusting only its CA. Each needs the
 * endpoint; KeyVaultManagementClient would otherwise ask for `${endpoint}/.default` and AuthorizationManagementClient
 * builds its URLs from `$host` and its scope from `credentialScopes`, so both are given ARM's real scope.
 */
export function armClients(
  arm: { url: string; caPem: string },
  credential: TokenCredential,
  opts: { maxRetries?: number } = {},
): {
  subscriptions: SubscriptionClient;
  keyVault: (subscriptionId: string) => KeyVaultManagementClient;
  graph: ResourceGraphClient;
  authorization: (subscriptionId: string) => AuthorizationManagementClient;
} {
  const common = {
    endpoint: arm.url,
    tlsOptions: { ca: arm.caPem },
    retryOptions: { maxRetries: opts.maxRetries ?? 0 },
  };
  return {
    subscriptions: new SubscriptionClient(credential, common),
    keyVault: (subscriptionId) =>
      new KeyVaultManagementClient(credential, subscriptionId, {
        ...common,
        credentials: { scopes: [ARM_SCOPE] },
      }),
    graph: new ResourceGraphClient(credential, common),
    authorization: (subscriptionId) =>
      new AuthorizationManagementClient(credential, subscriptionId, {
        ...common,
        $host: arm.url,
        credentialScopes: [ARM_SCOPE],
      }),
  };
}

/** Collects an async iterable (an SDK's paged list). */
export async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
