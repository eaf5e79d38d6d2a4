import { z } from 'zod';
import type { KluisError } from './errors';
import { NewAuthConfig, VaultId } from './models';

/** An Entra ID tenant (directory) id as ARM names it: a GUID, or a verified domain such as contoso.onmicrosoft.com. */
export const TenantId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9.-]+$/, 'A tenant is its directory ID (a GUID) or one of its domains.');

/**
 * discovery.start: "Browse vaults". The renderer names the browse (a fresh uuid) so it hears its pages from the
 * first one on. The sign-in is either given (any method that can get a Resource Manager token) or borrowed from a
 * listed vault (`fromVaultId`, e.g. a service principal whose secret Kluis already keeps). `tenantId` browses that
 * tenant: switching tenant starts a new browse, which signs in to that tenant.
 */
export const DiscoveryStartInput = z
  .object({
    browseId: z.string().uuid(),
    auth: NewAuthConfig.optional(),
    fromVaultId: VaultId.optional(),
    tenantId: TenantId.optional(),
  })
  .strict()
  .refine((v) => (v.auth === undefined) !== (v.fromVaultId === undefined), {
    message: 'Give either a sign-in or the vault whose sign-in to browse with.',
    path: ['auth'],
  });

export const DiscoveryCancelInput = z.object({ browseId: z.string().uuid() }).strict();

/** A vault listed by ARM (or Resource Graph): what Browse vaults shows before anything is opened. */
export interface DiscoveredVault {
  /** ARM resource id, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>. */
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  tenantId: string;
  location: string;
  /** standard | premium */
  sku?: string;
  /** The data-plane address, e.g. https://name.vault.azure.net/ */
  vaultUri?: string;
  softDeleteRetentionDays?: number;
  purgeProtection: boolean;
  /** Azure RBAC (enableRbacAuthorization) or access policies decide who may read its secrets. */
  permissionModel: 'rbac' | 'access-policy';
  /** 'Enabled' | 'Disabled' as ARM says (absent: enabled, subject to networkAcls). */
  publicNetworkAccess?: string;
  /** networkAcls.defaultAction 'Deny': only listed networks (and private endpoints) get in. */
  firewallDenyByDefault: boolean;
  privateEndpoints: number;
  /**
   * Why the account can list the vault but likely cannot open it from here, when ARM already shows it; absent when
   * nothing says so. Such vaults are listed, marked, never hidden.
   */
  notOpenable?: {
    reason: 'private-network-only' | 'firewall' | 'no-access-policy';
    /** One sentence: why, and what to do. */
    message: string;
  };
}

/** A vault deleted at the ARM level (soft-deleted), read-only here. */
export interface DeletedVault {
  id: string;
  name: string;
  subscriptionId: string;
  location?: string;
  deletedOn?: number;
  scheduledPurgeDate?: number;
  purgeProtection?: boolean;
}

export interface DiscoveredTenant {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

export interface DiscoveredSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state?: string;
}

/**
 * Payload of 'discovery.page': what one answer of a browse brought, as it arrived. A page carries any of tenants,
 * subscriptions, vaults and deleted vaults; a failure is data: for one subscription (`subscriptionId`, the rest go
 * on), for the tenant, or for the whole browse (no `subscriptionId`), each with its kind and fix.
 */
export interface DiscoveryPage {
  browseId: string;
  /** The tenant this browse signed in to (set on every page once known). */
  tenantId?: string;
  tenants?: DiscoveredTenant[];
  subscriptions?: DiscoveredSubscription[];
  vaults?: DiscoveredVault[];
  deletedVaults?: DeletedVault[];
  /** How the vaults were listed: one Resource Graph query, or per subscription when Resource Graph was denied. */
  source?: 'resource-graph' | 'per-subscription';
  /** Subscriptions whose vaults (or deleted vaults, with `deleted`) are complete in this page. */
  completed?: { subscriptionIds: string[]; deleted?: boolean };
  error?: { subscriptionId?: string; deleted?: boolean; error: KluisError };
  /** The browse's last page: everything listed (or failed). */
  done: boolean;
}

export interface DiscoveryStarted {
  browseId: string;
}
