import type { OidcProvider } from './oidc-provider';
import type { coreCaller } from './core-caller';

/**
 * Adds local vaults to a core as custom-cloud Azure vaults signed in with one service principal of the test OpenID
 * provider (the dashboard's tests and its bench figure); answers their ids in order.
 */
export async function addServicePrincipalVaults(
  caller: ReturnType<typeof coreCaller>,
  vaults: Array<{ url: string; displayName: string }>,
  sp: { provider: OidcProvider; clientId: string; secret: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (const { url, displayName } of vaults) {
    const vault = await caller.value('vaults', 'add', {
      vault: url,
      displayName,
      auth: {
        method: 'device-code',
        cloud: 'custom',
        authorityHost: sp.provider.authorityHost,
        // the local vault's challenge names the public cloud's resource unless told otherwise
        resource: 'https://vault.azure.net',
        tenantId: sp.provider.tenantId,
      },
    });
    await caller.value('auth', 'saveServicePrincipal', {
      vaultId: vault.id,
      tenantId: sp.provider.tenantId,
      clientId: sp.clientId,
      secret: sp.secret,
    });
    ids.push(vault.id);
  }
  return ids;
}
