import type { AuthConfig, CloudName } from '../../contract';
import { failure } from '../errors/kluis-failure';

/** Where a cloud signs users in and what its vaults are called. */
export interface CloudEndpoints {
  name: CloudName;
  /** Host suffix a bare vault name expands under; undefined for custom clouds (a full URL is needed). */
  vaultSuffix?: string;
  /** Entra ID host, passed to @azure/identity as `authorityHost`. */
  authorityHost: string;
  /** Key Vault's resource (token audience): the only one Kluis asks tokens for. */
  resource: string;
  /** The scope to ask for: resource + '/.default'. */
  scope: string;
  /**
   * Azure Resource Manager of this cloud (subscriptions, tenants, vaults' ARM resources, Resource Graph, which is
   * served from the same endpoint), and the audience its tokens carry. Only discovery asks for it; undefined for a
   * custom cloud without its ARM endpoint.
   */
  arm?: { endpoint: string; resource: string; scope: string };
}

/** Resource Manager endpoints as Microsoft documents them (and the management SDKs' cloud settings name them). */
const armOf = (endpoint: string, resource = endpoint) => ({
  endpoint,
  resource,
  scope: `${resource}/.default`,
});

const known = (
  name: CloudName,
  vaultSuffix: string,
  authorityHost: string,
  armEndpoint: string,
): CloudEndpoints => ({
  name,
  vaultSuffix,
  authorityHost,
  resource: `https://${vaultSuffix}`,
  scope: `https://${vaultSuffix}/.default`,
  arm: armOf(armEndpoint),
});

/** The endpoints Microsoft documents for each sovereign cloud. */
export const KNOWN_CLOUDS = {
  public: known(
    'public',
    'vault.azure.net',
    'https://login.microsoftonline.com',
    'https://management.azure.com',
  ),
  usgov: known(
    'usgov',
    'vault.usgovcloudapi.net',
    'https://login.microsoftonline.us',
    'https://management.usgovcloudapi.net',
  ),
  china: known(
    'china',
    'vault.azure.cn',
    'https://login.chinacloudapi.cn',
    'https://management.chinacloudapi.cn',
  ),
} as const satisfies Record<Exclude<CloudName, 'custom'>, CloudEndpoints>;

const origin = (url: string): string => url.replace(/\/+$/, '');

export const CUSTOM_RESOURCE_NEEDED =
  "A custom cloud needs its Key Vault resource (the token audience, e.g. https://vault.example.com; ask your administrator). Kluis asks for tokens for that resource only. Add it in the vault's sign-in settings.";

/** The cloud a vault host belongs to, when it is one of the known suffixes. */
export function cloudOfVaultUrl(vaultUrl: string): Exclude<CloudName, 'custom'> | undefined {
  let host: string;
  try {
    host = new URL(vaultUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (const [name, cloud] of Object.entries(KNOWN_CLOUDS)) {
    if (host.endsWith(`.${cloud.vaultSuffix}`)) return name as keyof typeof KNOWN_CLOUDS;
  }
  return undefined;
}

/**
 * The endpoints for a vault's sign-in settings. An absent cloud means the one the vault URL names, else public.
 * Custom needs an authority host and its Key Vault resource: tokens are asked for that resource only, never for one
 * the vault's challenge names (which could be any resource, e.g. Azure Resource Manager).
 */
export function resolveCloud(
  auth: Pick<AuthConfig, 'cloud' | 'authorityHost' | 'resource' | 'armEndpoint' | 'armResource'>,
  vaultUrl?: string,
): CloudEndpoints {
  const name = auth.cloud ?? (vaultUrl ? cloudOfVaultUrl(vaultUrl) : undefined) ?? 'public';
  if (name !== 'custom') {
    if (auth.authorityHost || auth.resource || auth.armEndpoint || auth.armResource) {
      throw failure(
        'invalid-input',
        'A sign-in host, resource and Resource Manager endpoint can only be set for a custom cloud; choose "custom" or clear them.',
        { field: 'auth.authorityHost' },
      );
    }
    return KNOWN_CLOUDS[name];
  }
  if (!auth.authorityHost) {
    throw failure(
      'invalid-input',
      'A custom cloud needs its sign-in host, e.g. https://login.example.com (ask your administrator).',
      { field: 'auth.authorityHost' },
    );
  }
  if (!auth.resource) {
    throw failure('invalid-input', CUSTOM_RESOURCE_NEEDED, { field: 'auth.resource' });
  }
  const resource = origin(auth.resource);
  return {
    name: 'custom',
    authorityHost: origin(auth.authorityHost),
    resource,
    scope: `${resource}/.default`,
    ...(auth.armEndpoint
      ? { arm: armOf(origin(auth.armEndpoint), auth.armResource ? origin(auth.armResource) : undefined) }
      : {}),
  };
}

export const CUSTOM_ARM_NEEDED =
  "Browsing a custom cloud's vaults needs its Azure Resource Manager endpoint (e.g. https://management.example.com; ask your administrator). Kluis asks tokens for that endpoint only to list tenants, subscriptions and vaults. Add it in the sign-in settings, or add the vault by name or URL.";

/** The cloud's Resource Manager, which discovery needs; a custom cloud without one gets an error saying what to add. */
export function armOfCloud(cloud: CloudEndpoints): NonNullable<CloudEndpoints['arm']> {
  if (!cloud.arm) throw failure('not-configured', CUSTOM_ARM_NEEDED, { field: 'auth.armEndpoint' });
  return cloud.arm;
}
