import type { GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { failure } from '../errors/kluis-failure';

/** What a custom cloud's credential may be asked for: its own Key Vault resource, in its own tenant. */
export interface TokenScope {
  /** e.g. https://vault.example.com (no trailing slash); the one scope allowed is `${resource}/.default`. */
  resource: string;
  /** The tenant the vault's sign-in names; undefined: the credential's own default, never the server's choice. */
  tenantId?: string;
  /**
   * Who asks: a vault's client (default), or "Browse vaults" (discovery), whose credential is scoped to its cloud's
   * Azure Resource Manager alone: discovery's tokens are for listing tenants, subscriptions and vaults, nothing else,
   * and a vault's credential never gets a Resource Manager token (the vault's own scope stays the only one it has).
   */
  purpose?: 'vault' | 'discovery';
}

/** https://Vault.Example.com//.default -> https://vault.example.com ; anything that is not a URL stays as it is. */
function resourceOf(scope: string): string {
  const bare = scope.replace(/\/\.default$/i, '').replace(/\/+$/, '');
  try {
    const url = new URL(bare);
    return `${url.origin}${url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return bare;
  }
}

/** The server picks these strings: they are shown only when they look like what they claim to be. */
const shownResource = (scope: string): string => {
  try {
    return new URL(resourceOf(scope)).origin;
  } catch {
    return 'another resource';
  }
};
const shownTenant = (tenant: string): string =>
  /^[0-9A-Za-z.-]{1,64}$/.test(tenant) ? `tenant ${tenant}` : 'another tenant';

/**
 * A custom cloud's credential that hands out tokens for the vault's configured resource and tenant only. Key Vault's
 * challenge (WWW-Authenticate) names the resource and tenant a token is asked for; for a custom cloud the SDK cannot
 * always check that resource against the vault's host, so without this a server could ask for a token for any
 * resource in any tenant (Azure Resource Manager in another tenant, say) and receive it. Any other scope or tenant is
 * refused before the credential is asked; without a configured tenant the server's choice is dropped and the
 * credential signs in to its own default.
 */
export function scopedCredential(credential: TokenCredential, scope: TokenScope): TokenCredential {
  const allowed = `${scope.resource}/.default`;
  const discovery = scope.purpose === 'discovery';
  return {
    async getToken(scopes, options?: GetTokenOptions) {
      const asked = Array.isArray(scopes) ? scopes : [scopes];
      const other = asked.find((s) => resourceOf(s) !== resourceOf(allowed));
      if (asked.length === 0 || other !== undefined) {
        throw failure(
          'unauthenticated',
          discovery
            ? `Browsing vaults asked for a token for ${other === undefined ? 'no resource' : shownResource(other)}, but browsing signs in to Azure Resource Manager (${scope.resource}) only, so Kluis refused and asked for no token. If this cloud's Resource Manager is another endpoint, correct it in the sign-in settings.`
            : `The vault asked Kluis for a token for ${other === undefined ? 'no resource' : shownResource(other)}, but this vault's sign-in is for ${scope.resource} only, so Kluis refused and asked for no token. If the vault's resource is another one, correct it in the vault's sign-in settings; otherwise the server at this address is not the vault you configured.`,
          { code: 'TokenScopeRefused' },
        );
      }
      const { tenantId: requested, ...rest } = options ?? {};
      if (requested && scope.tenantId && requested.toLowerCase() !== scope.tenantId.toLowerCase()) {
        throw failure(
          'unauthenticated',
          discovery
            ? `Resource Manager asked Kluis for a token from ${shownTenant(requested)}, but this browse is signed in to tenant ${scope.tenantId}, so Kluis refused and asked for no token. Choose that tenant in the tenant list to sign in there.`
            : `The vault asked Kluis for a token from ${shownTenant(requested)}, but this vault's sign-in is for tenant ${scope.tenantId}, so Kluis refused and asked for no token. If the vault belongs to another tenant, correct the tenant in the vault's sign-in settings.`,
          {
            code: 'TokenTenantRefused',
            // The access doctor's "sign in to tenant X", only for a tenant that looks like one.
            ...(/^[0-9A-Za-z.-]{1,64}$/.test(requested)
              ? {
                  access: {
                    model: 'tenant' as const,
                    vaultTenant: requested,
                    signedInTenant: scope.tenantId,
                    command: `az login --tenant ${requested}`,
                  },
                }
              : {}),
          },
        );
      }
      return credential.getToken([allowed], {
        ...rest,
        ...(scope.tenantId ? { tenantId: scope.tenantId } : {}),
      });
    },
  };
}
