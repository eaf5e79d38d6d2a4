import type { BuiltInRole } from './roles';
import {
  vaultId,
  type ArmDeletedVault,
  type ArmRoleAssignment,
  type ArmSubscription,
  type ArmTenant,
  type ArmVault,
} from './world';

/**
 * JSON shapes exactly as ARM answers them, field by field what the SDKs' deserializers read (see the README for the
 * model each comes from). Anything the SDKs require (e.g. `properties.sku`, an access policy's `permissions`) is
 * always present.
 */
export function tenantJson(t: ArmTenant): Record<string, unknown> {
  return {
    id: `/tenants/${t.tenantId}`,
    tenantId: t.tenantId,
    countryCode: t.countryCode,
    displayName: t.displayName,
    domains: [t.defaultDomain],
    tenantCategory: 'Home',
    defaultDomain: t.defaultDomain,
    tenantType: 'AAD',
  };
}

export function subscriptionJson(s: ArmSubscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

export function vaultProperties(v: ArmVault): Record<string, unknown> {
  const p: Record<string, unknown> = {
    sku: { family: 'A', name: v.sku },
    tenantId: v.tenantId,
    accessPolicies: v.accessPolicies.map((a) => ({
      tenantId: a.tenantId,
      objectId: a.objectId,
      permissions: { keys: [], secrets: [], certificates: [], ...a.permissions },
    })),
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    enableSoftDelete: true,
    softDeleteRetentionInDays: v.softDeleteRetentionInDays,
    enableRbacAuthorization: v.enableRbacAuthorization,
    vaultUri: v.vaultUri,
    provisioningState: 'Succeeded',
    publicNetworkAccess: v.publicNetworkAccess,
  };
  if (v.legacy) {
    delete p.softDeleteRetentionInDays;
    delete p.enableRbacAuthorization;
  }
  if (v.enablePurgeProtection) p.enablePurgeProtection = true;
  if (v.networkAcls) p.networkAcls = v.networkAcls;
  if (v.privateEndpointConnections.length > 0) {
    p.privateEndpointConnections = v.privateEndpointConnections.map((c) => ({
      id: c.id,
      properties: {
        provisioningState: 'Succeeded',
        privateEndpoint: { id: c.privateEndpointId },
        privateLinkServiceConnectionState: {
          status: c.status,
          actionsRequired: 'None',
          description: c.status === 'Approved' ? 'Auto-Approved' : '',
        },
      },
    }));
  }
  return p;
}

const systemData = (v: ArmVault): Record<string, unknown> => ({
  createdBy: 'ada@kluis.test',
  createdByType: 'User',
  createdAt: v.createdAt,
  lastModifiedBy: 'ada@kluis.test',
  lastModifiedByType: 'User',
  lastModifiedAt: v.createdAt,
});

/** GET …/vaults/{name} and the items of the Microsoft.KeyVault vault lists. */
export function vaultJson(v: ArmVault): Record<string, unknown> {
  return {
    id: vaultId(v),
    name: v.name,
    type: 'Microsoft.KeyVault/vaults',
    location: v.location,
    tags: v.tags,
    systemData: systemData(v),
    properties: vaultProperties(v),
  };
}

/** The generic resource list (`vaults.list`, GET /subscriptions/{id}/resources?$filter=resourceType eq …). */
export function genericResourceJson(v: ArmVault): Record<string, unknown> {
  return {
    id: vaultId(v),
    name: v.name,
    type: 'Microsoft.KeyVault/vaults',
    location: v.location,
    tags: v.tags,
  };
}

/** A Resource Graph `resources` row for a vault (type and resourceGroup lower-cased, as Resource Graph keeps them). */
export function graphRow(v: ArmVault): Record<string, unknown> {
  return {
    id: vaultId(v),
    name: v.name,
    type: 'microsoft.keyvault/vaults',
    tenantId: v.tenantId,
    kind: '',
    location: v.location,
    resourceGroup: v.resourceGroup.toLowerCase(),
    subscriptionId: v.subscriptionId,
    managedBy: '',
    sku: null,
    plan: null,
    properties: vaultProperties(v),
    tags: v.tags,
    identity: null,
    zones: null,
    extendedLocation: null,
  };
}

export function deletedVaultJson(d: ArmDeletedVault): Record<string, unknown> {
  return {
    id: `/subscriptions/${d.subscriptionId}/providers/Microsoft.KeyVault/locations/${d.location}/deletedVaults/${d.name}`,
    name: d.name,
    type: 'Microsoft.KeyVault/deletedVaults',
    properties: {
      vaultId: vaultId(d),
      location: d.location,
      deletionDate: d.deletionDate,
      scheduledPurgeDate: d.scheduledPurgeDate,
      tags: d.tags,
      purgeProtectionEnabled: d.purgeProtectionEnabled,
    },
  };
}

const ROLE_DEFS = '/providers/Microsoft.Authorization/roleDefinitions';

/** A role definition's id as ARM writes it under a subscription scope, or at the root for tenant scopes. */
export function roleDefinitionId(guid: string, subscriptionId: string | undefined): string {
  return subscriptionId ? `/subscriptions/${subscriptionId}${ROLE_DEFS}/${guid}` : `${ROLE_DEFS}/${guid}`;
}

export function roleAssignmentJson(a: ArmRoleAssignment): Record<string, unknown> {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(a.scope)?.[1];
  return {
    id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: roleDefinitionId(a.roleDefinitionGuid, sub),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: null,
      conditionVersion: null,
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
  };
}

export function roleDefinitionJson(
  r: BuiltInRole,
  subscriptionId: string | undefined,
): Record<string, unknown> {
  return {
    id: roleDefinitionId(r.guid, subscriptionId),
    name: r.guid,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: r.roleName,
      type: 'BuiltInRole',
      description: r.description,
      assignableScopes: ['/'],
      permissions: [
        {
          actions: r.actions,
          notActions: r.notActions,
          dataActions: r.dataActions,
          notDataActions: r.notDataActions,
        },
      ],
      createdOn: '2020-05-19T17:52:46.2627264Z',
      updatedOn: '2021-03-02T16:00:00.0000000Z',
      createdBy: null,
      updatedBy: null,
    },
  };
}
