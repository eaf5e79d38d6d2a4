/**
 * Built-in role definitions the stand-in serves, with their real GUIDs, actions and data actions, as listed in
 * Microsoft's built-in roles reference (azure-docs `articles/role-based-access-control/built-in-roles/security.md`
 * and `general.md`; see the README). Descriptions are the service's own data (what `roleDefinitions` returns).
 */
export interface BuiltInRole {
  guid: string;
  roleName: string;
  description: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

/** The control-plane actions Key Vault's data roles carry (Administrator, Secrets Officer, Reader, …). */
const KV_DATA_ROLE_ACTIONS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Support/*',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
];

const RBAC_ONLY =
  " Only works for key vaults that use the 'Azure role-based access control' permission model.";

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    guid: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    roleName: 'Key Vault Administrator',
    description:
      'Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments.' +
      RBAC_ONLY,
    actions: KV_DATA_ROLE_ACTIONS,
    notActions: [],
    dataActions: ['Microsoft.KeyVault/vaults/*'],
    notDataActions: [],
  },
  {
    guid: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    roleName: 'Key Vault Secrets Officer',
    description: 'Perform any action on the secrets of a key vault, except manage permissions.' + RBAC_ONLY,
    actions: KV_DATA_ROLE_ACTIONS,
    notActions: [],
    dataActions: ['Microsoft.KeyVault/vaults/secrets/*'],
    notDataActions: [],
  },
  {
    guid: '4633458b-17de-408a-b874-0445c86b69e6',
    roleName: 'Key Vault Secrets User',
    description: 'Read secret contents.' + RBAC_ONLY,
    actions: [],
    notActions: [],
    dataActions: [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
    notDataActions: [],
  },
  {
    guid: '21090545-7ca7-4776-b22c-e363652d74d2',
    roleName: 'Key Vault Reader',
    description:
      'Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material.' +
      RBAC_ONLY,
    actions: KV_DATA_ROLE_ACTIONS,
    notActions: [],
    dataActions: [
      'Microsoft.KeyVault/vaults/*/read',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
    notDataActions: [],
  },
  {
    guid: 'f25e0fa2-a7c8-4377-a976-54943a77a395',
    roleName: 'Key Vault Contributor',
    description: 'Lets you manage key vaults, but not access to them.',
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.KeyVault/*',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
    ],
    notActions: [
      'Microsoft.KeyVault/locations/deletedVaults/purge/action',
      'Microsoft.KeyVault/hsmPools/*',
      'Microsoft.KeyVault/managedHsms/*',
    ],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
    ],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
];

/** A built-in role by GUID or by exact role name (case-insensitive, as `roleName eq` compares). */
export function builtInRole(guidOrName: string): BuiltInRole | undefined {
  const k = guidOrName.toLowerCase();
  return BUILT_IN_ROLES.find((r) => r.guid === k || r.roleName.toLowerCase() === k);
}
