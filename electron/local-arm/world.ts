import { seededRandom } from '../local-vault/knobs';

/**
 * The local ARM stand-in's data: tenants, subscriptions, key vaults (live and soft-deleted) and role assignments.
 * Plain objects a test may read and change while the server runs (changes show on the next request).
 */
export interface ArmTenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  countryCode: string;
}

export interface ArmSubscription {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted';
  resourceGroups: string[];
}

export interface ArmNetworkAcls {
  bypass: 'AzureServices' | 'None';
  defaultAction: 'Allow' | 'Deny';
  ipRules: Array<{ value: string }>;
  virtualNetworkRules: Array<{ id: string; ignoreMissingVnetServiceEndpoint?: boolean }>;
}

export interface ArmPrivateEndpointConnection {
  /** The connection's own id: `<vault id>/privateEndpointConnections/<name>`. */
  id: string;
  privateEndpointId: string;
  status: 'Approved' | 'Pending' | 'Rejected' | 'Disconnected';
}

export interface ArmAccessPolicy {
  tenantId: string;
  objectId: string;
  permissions: { keys?: string[]; secrets?: string[]; certificates?: string[] };
}

export interface ArmVault {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tenantId: string;
  sku: 'standard' | 'premium';
  /** https://<name>.vault.azure.net/ unless a test points it at a local vault (pointVault). */
  vaultUri: string;
  enableRbacAuthorization: boolean;
  softDeleteRetentionInDays: number;
  /** ARM omits the property on vaults that never enabled it; so does the stand-in when this is false. */
  enablePurgeProtection: boolean;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  /** Omitted from answers when undefined (a vault whose firewall was never configured). */
  networkAcls?: ArmNetworkAcls;
  privateEndpointConnections: ArmPrivateEndpointConnection[];
  accessPolicies: ArmAccessPolicy[];
  tags: Record<string, string>;
  createdAt: string;
  /**
   * Created long ago (an old api-version): ARM leaves `enableRbacAuthorization` and `softDeleteRetentionInDays` out
   * of its answers, as in Microsoft's recorded list (azure-sdk-for-js arm-keyvault `recording_vaults_list_test.json`);
   * the vault then uses access policies and 90 days. Such vaults have `enableRbacAuthorization: false` and 90 here.
   */
  legacy?: boolean;
}

export interface ArmDeletedVault {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  deletionDate: string;
  scheduledPurgeDate: string;
  purgeProtectionEnabled: boolean;
  tags: Record<string, string>;
}

export interface ArmRoleAssignment {
  /** The assignment's GUID (its `name`). */
  name: string;
  /** The scope it was made at: /subscriptions/x, …/resourceGroups/y, or a vault's id. */
  scope: string;
  /** GUID of the role definition (built-in roles: roles.ts). */
  roleDefinitionGuid: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  createdOn: string;
}

export interface ArmWorld {
  tenants: ArmTenant[];
  subscriptions: ArmSubscription[];
  vaults: ArmVault[];
  deletedVaults: ArmDeletedVault[];
  roleAssignments: ArmRoleAssignment[];
  /**
   * Group memberships: principal object id → the group object ids it belongs to (transitively). `assignedTo('{oid}')`
   * also returns assignments made to those groups, as ARM's does; `principalId eq` returns only the principal's own.
   */
  groupMemberships: Record<string, string[]>;
}

export interface WorldOptions {
  /** Everything below is drawn from this seed: the same options give the same world (default 1). */
  seed?: number;
  /** Tenants with subscriptions (default 3). */
  tenants?: number;
  /** Tenants without any subscription, listed after the others (default 0). */
  emptyTenants?: number;
  /** Use these tenant ids, in order, before generated ones (e.g. the test OpenID provider's tenant). */
  tenantIds?: string[];
  /** Subscriptions in each tenant with subscriptions (default 5). */
  subscriptionsPerTenant?: number;
  /** Key vaults in each subscription (default 40); an array gives one count per subscription, in order. */
  vaultsPerSubscription?: number | number[];
  /** Soft-deleted vaults in each subscription (default 2). */
  deletedVaultsPerSubscription?: number;
  /** Object id given `get`/`list` secret permissions in the access-policy vaults' policies. */
  principalId?: string;
  /** Creation and deletion dates are counted back from this instant (default 2026-11-01T00:00:00Z). */
  epoch?: number;
}

const LOCATIONS = ['westeurope', 'northeurope', 'eastus', 'westus2', 'uksouth', 'swedencentral'];
const WORDS = ['payments', 'orders', 'billing', 'identity', 'search', 'reports', 'ingest', 'mobile'];
const ENVS = ['prod', 'test', 'dev'];
const DAY = 86_400_000;

/** A GUID (version 4 layout) from the seeded generator. */
function guid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export const vaultId = (v: Pick<ArmVault, 'subscriptionId' | 'resourceGroup' | 'name'>): string =>
  `/subscriptions/${v.subscriptionId}/resourceGroups/${v.resourceGroup}/providers/Microsoft.KeyVault/vaults/${v.name}`;

/**
 * A deterministic world. Vault i of a subscription (0-based) is: RBAC when i % 3 === 0 (else access policies),
 * premium when i % 4 === 3, purge-protected when i % 2 === 1, retention 90 days except i % 5 === 4 (7 days),
 * firewalled (default Deny, one IP rule) when i % 5 === 2, public access disabled with an approved private
 * endpoint when i % 7 === 6, and legacy (no RBAC or retention properties in answers) when not RBAC and i % 10 === 8.
 */
export function buildWorld(o: WorldOptions = {}): ArmWorld {
  const random = seededRandom(o.seed ?? 1);
  const epoch = o.epoch ?? Date.UTC(2026, 10, 1);
  const tenantCount = o.tenants ?? 3;
  const emptyCount = o.emptyTenants ?? 0;
  const subsPerTenant = o.subscriptionsPerTenant ?? 5;
  const deletedPerSub = o.deletedVaultsPerSubscription ?? 2;
  const world: ArmWorld = {
    tenants: [],
    subscriptions: [],
    vaults: [],
    deletedVaults: [],
    roleAssignments: [],
    groupMemberships: {},
  };

  for (let t = 0; t < tenantCount + emptyCount; t++) {
    const empty = t >= tenantCount;
    const tenantId = o.tenantIds?.[t] ?? guid(random);
    const label = empty ? `empty${t + 1 - tenantCount}` : `contoso${t + 1}`;
    world.tenants.push({
      tenantId,
      displayName: empty ? `Empty Tenant ${t + 1 - tenantCount}` : `Contoso ${t + 1}`,
      defaultDomain: `${label}.onmicrosoft.com`,
      countryCode: t % 2 === 0 ? 'NL' : 'US',
    });
    if (empty) continue;
    for (let s = 0; s < subsPerTenant; s++) {
      const subscriptionId = guid(random);
      const env = ENVS[s % ENVS.length] as string;
      const sub: ArmSubscription = {
        subscriptionId,
        tenantId,
        displayName: `Contoso ${t + 1} ${env} ${s + 1}`,
        state: 'Enabled',
        resourceGroups: [`rg-app-${env}`, 'rg-shared', `rg-data-${env}`],
      };
      world.subscriptions.push(sub);
      const index = world.subscriptions.length - 1;
      const perSub = o.vaultsPerSubscription ?? 40;
      const count = Array.isArray(perSub) ? (perSub[index] ?? 0) : perSub;
      for (let i = 0; i < count; i++) {
        const name = `kv-${WORDS[i % WORDS.length] ?? 'app'}-t${t + 1}s${s + 1}-${String(i + 1).padStart(3, '0')}`;
        const resourceGroup = sub.resourceGroups[i % sub.resourceGroups.length] as string;
        const location = LOCATIONS[Math.floor(random() * LOCATIONS.length)] as string;
        const rbac = i % 3 === 0;
        const privateOnly = i % 7 === 6;
        const firewalled = !privateOnly && i % 5 === 2;
        const legacy = !rbac && i % 10 === 8;
        const vault: ArmVault = {
          name,
          subscriptionId,
          resourceGroup,
          location,
          tenantId,
          sku: i % 4 === 3 ? 'premium' : 'standard',
          vaultUri: `https://${name}.vault.azure.net/`,
          enableRbacAuthorization: rbac,
          softDeleteRetentionInDays: !legacy && i % 5 === 4 ? 7 : 90,
          enablePurgeProtection: i % 2 === 1,
          publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled',
          privateEndpointConnections: [],
          accessPolicies:
            rbac || o.principalId === undefined
              ? []
              : [{ tenantId, objectId: o.principalId, permissions: { secrets: ['get', 'list'] } }],
          tags: { env, team: WORDS[(i + s) % WORDS.length] as string },
          createdAt: new Date(epoch - (i + 30) * DAY).toISOString(),
          ...(legacy ? { legacy: true } : {}),
        };
        if (firewalled || privateOnly) {
          vault.networkAcls = {
            bypass: 'AzureServices',
            defaultAction: 'Deny',
            ipRules: firewalled ? [{ value: '203.0.113.0/24' }] : [],
            virtualNetworkRules: [],
          };
        }
        if (privateOnly) {
          const pe = `pe-${name}`;
          vault.privateEndpointConnections.push({
            id: `${vaultId(vault)}/privateEndpointConnections/${pe}-${guid(random).slice(0, 8)}`,
            privateEndpointId: `/subscriptions/${subscriptionId}/resourceGroups/rg-network/providers/Microsoft.Network/privateEndpoints/${pe}`,
            status: 'Approved',
          });
        }
        world.vaults.push(vault);
      }
      for (let d = 0; d < deletedPerSub; d++) {
        const deletionDate = epoch - (d * 11 + 3) * DAY;
        world.deletedVaults.push({
          name: `kv-retired-t${t + 1}s${s + 1}-${d + 1}`,
          subscriptionId,
          resourceGroup: sub.resourceGroups[d % sub.resourceGroups.length] as string,
          location: LOCATIONS[d % LOCATIONS.length] as string,
          deletionDate: new Date(deletionDate).toISOString(),
          scheduledPurgeDate: new Date(deletionDate + 90 * DAY).toISOString(),
          purgeProtectionEnabled: d % 2 === 1,
          tags: { env },
        });
      }
    }
  }
  return world;
}
