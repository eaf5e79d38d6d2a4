import type { DeletedVault, DiscoveredVault } from '../../contract';

/**
 * What Resource Graph's `resources` table and ARM's vault listing both carry for a vault, in ARM's own JSON shape
 * (Resource Graph answers rows of that shape; @azure/arm-keyvault's Vault is the same fields, deserialized).
 */
export interface ArmVaultLike {
  id?: string;
  name?: string;
  location?: string;
  /** Resource Graph's own columns; ARM's listing has them only inside the id. */
  resourceGroup?: string;
  subscriptionId?: string;
  tenantId?: string;
  properties?: {
    tenantId?: string;
    sku?: { name?: string };
    vaultUri?: string;
    softDeleteRetentionInDays?: number;
    enableSoftDelete?: boolean;
    enablePurgeProtection?: boolean;
    enableRbacAuthorization?: boolean;
    publicNetworkAccess?: string;
    networkAcls?: { defaultAction?: string };
    privateEndpointConnections?: unknown[];
    accessPolicies?: Array<{ objectId?: string; tenantId?: string; permissions?: { secrets?: string[] } }>;
  };
}

/** /subscriptions/<sub>/resourceGroups/<rg>/providers/... -> its parts (ARM ids are case-insensitive). */
export function partsOfId(id: string): { subscriptionId?: string; resourceGroup?: string } {
  const sub = /\/subscriptions\/([^/]+)/i.exec(id)?.[1];
  const rg = /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
  return { ...(sub ? { subscriptionId: sub } : {}), ...(rg ? { resourceGroup: rg } : {}) };
}

/** Who is signed in, from the Resource Manager token's claims, to see whether an access policy names them. */
export interface Caller {
  objectId?: string;
}

/** A vault row as Browse vaults shows it. `fallbackTenant`: the browse's tenant, when the row does not say. */
export function toDiscoveredVault(v: ArmVaultLike, fallbackTenant: string, caller: Caller): DiscoveredVault {
  const id = v.id ?? '';
  const parts = partsOfId(id);
  const p = v.properties ?? {};
  const rbac = p.enableRbacAuthorization === true;
  const privateEndpoints = Array.isArray(p.privateEndpointConnections)
    ? p.privateEndpointConnections.length
    : 0;
  const publicDisabled = (p.publicNetworkAccess ?? '').toLowerCase() === 'disabled';
  const firewallDeny = (p.networkAcls?.defaultAction ?? '').toLowerCase() === 'deny';
  const row: DiscoveredVault = {
    id,
    name: v.name ?? id.split('/').pop() ?? '',
    resourceGroup: v.resourceGroup ?? parts.resourceGroup ?? '',
    subscriptionId: v.subscriptionId ?? parts.subscriptionId ?? '',
    tenantId: p.tenantId ?? v.tenantId ?? fallbackTenant,
    location: v.location ?? '',
    ...(p.sku?.name ? { sku: p.sku.name } : {}),
    ...(p.vaultUri ? { vaultUri: p.vaultUri } : {}),
    // Soft delete is always on for vaults created since 2020; ARM then reports the retention (default 90 days).
    ...(p.enableSoftDelete !== false ? { softDeleteRetentionDays: p.softDeleteRetentionInDays ?? 90 } : {}),
    purgeProtection: p.enablePurgeProtection === true,
    permissionModel: rbac ? 'rbac' : 'access-policy',
    ...(p.publicNetworkAccess ? { publicNetworkAccess: p.publicNetworkAccess } : {}),
    firewallDenyByDefault: firewallDeny,
    privateEndpoints,
  };
  const blocked = notOpenable(row, publicDisabled, p.accessPolicies, caller);
  return blocked ? { ...row, notOpenable: blocked } : row;
}

/**
 * What ARM already tells about opening the vault from this machine. Only certain facts count: public access off
 * (a private network path is needed), or an access-policy vault whose policies do not name the signed-in object.
 * A firewall's allowed addresses may include this machine, and RBAC assignments are not in the vault's resource, so
 * those are left for opening (and the access doctor) to find.
 */
function notOpenable(
  row: DiscoveredVault,
  publicDisabled: boolean,
  policies: NonNullable<ArmVaultLike['properties']>['accessPolicies'],
  caller: Caller,
): DiscoveredVault['notOpenable'] {
  if (publicDisabled) {
    return {
      reason: 'private-network-only',
      message: `Public network access is off: ${row.name} answers only over its private endpoint${row.privateEndpoints === 1 ? '' : 's'}. Open it from a network with a private path to it (VPN or a peered network).`,
    };
  }
  if (row.permissionModel === 'access-policy' && caller.objectId && Array.isArray(policies)) {
    const mine = policies.filter((a) => a.objectId?.toLowerCase() === caller.objectId?.toLowerCase());
    const secrets = new Set(mine.flatMap((a) => a.permissions?.secrets ?? []).map((s) => s.toLowerCase()));
    if (!secrets.has('list') && !secrets.has('all')) {
      return {
        reason: 'no-access-policy',
        message: `${row.name} uses access policies, and none gives you "list" on secrets. Ask an owner to run: az keyvault set-policy --name ${row.name} --object-id ${caller.objectId} --secret-permissions get list`,
      };
    }
  }
  return undefined;
}

/** ARM's DeletedVault, as @azure/arm-keyvault deserializes it. */
export interface ArmDeletedVaultLike {
  id?: string;
  name?: string;
  properties?: {
    vaultId?: string;
    location?: string;
    deletionDate?: Date | string;
    scheduledPurgeDate?: Date | string;
    purgeProtectionEnabled?: boolean;
  };
}

const epoch = (d: Date | string | undefined): number | undefined => {
  if (d === undefined) return undefined;
  const ms = d instanceof Date ? d.getTime() : Date.parse(d);
  return Number.isNaN(ms) ? undefined : ms;
};

export function toDeletedVault(v: ArmDeletedVaultLike, subscriptionId: string): DeletedVault {
  const p = v.properties ?? {};
  const deletedOn = epoch(p.deletionDate);
  const purge = epoch(p.scheduledPurgeDate);
  return {
    id: v.id ?? '',
    name: v.name ?? '',
    subscriptionId: (p.vaultId ? partsOfId(p.vaultId).subscriptionId : undefined) ?? subscriptionId,
    ...(p.location ? { location: p.location } : {}),
    ...(deletedOn !== undefined ? { deletedOn } : {}),
    ...(purge !== undefined ? { scheduledPurgeDate: purge } : {}),
    ...(p.purgeProtectionEnabled !== undefined ? { purgeProtection: p.purgeProtectionEnabled } : {}),
  };
}
