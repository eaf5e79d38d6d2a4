import type { BulkAction, OperationKey } from '../../contract';

export type { OperationKey };

/** What an operation on a vault's secrets needs, in both of Key Vault's permission models, so a 403 names the fix. */
export interface PermissionNeed {
  /** Says in words what was attempted: "You lack permission to <action>". */
  action: string;
  /** Access-policy permission on secrets. */
  policy: 'get' | 'list' | 'set' | 'delete' | 'recover' | 'purge' | 'backup' | 'restore';
  /** Built-in Azure RBAC role that grants it. */
  role: 'Key Vault Secrets User' | 'Key Vault Secrets Officer';
}

/** How core runs one operation (operation-runner.ts); every contract operation declares all of it. */
export interface Traits {
  /**
   * 'read': it changes nothing, so after a local vault restart it is simply tried again. 'write': it may have
   * changed something, so after a connection broken mid-call it is not repeated blindly.
   */
  mode: 'read' | 'write';
  /**
   * Whether the vault's listing read-ahead (list-read-ahead.ts) survives it. 'drops': it may change what the vault
   * lists or how the vault is reached, so pages read before it (or while it ran) never answer a later listPage.
   */
  readAhead: 'keeps' | 'drops';
  /**
   * For an operation on a vault's secrets: what Key Vault must allow. Such operations also run under the local
   * vault's supervisor and tell the sign-in status whether the vault let them in. null: not a Key Vault call.
   */
  vault: PermissionNeed | null;
}

const READER = 'Key Vault Secrets User';
const OFFICER = 'Key Vault Secrets Officer';

/** Not a call on a vault's secrets; it may still name a vault (settings, sign-in, bulk bookkeeping). */
const local = (mode: Traits['mode'], readAhead: Traits['readAhead']): Traits => ({
  mode,
  readAhead,
  vault: null,
});
const read = (action: string, policy: PermissionNeed['policy'], role: PermissionNeed['role']): Traits => ({
  mode: 'read',
  readAhead: 'keeps',
  vault: { action, policy, role },
});
const write = (action: string, policy: PermissionNeed['policy']): Traits => ({
  mode: 'write',
  readAhead: 'drops',
  vault: { action, policy, role: OFFICER },
});

/**
 * The one table of per-operation behaviour. A contract operation missing here does not compile, so a new one
 * declares how it runs before it can ship.
 */
export const OPERATION_TRAITS = {
  'app.getState': local('read', 'keeps'),
  // Window and clipboard only: plain text through main's clipboard, the device-code page, content protection.
  'app.copyText': local('write', 'keeps'),
  // Names a vault but neither reads nor changes its secrets.
  'app.openDeviceCodePage': local('read', 'keeps'),
  'app.setValueVisible': local('write', 'keeps'),
  'settings.updateUi': local('write', 'keeps'),
  // View state and sidebar order and names leave a vault's listing as it was.
  'settings.saveViewState': local('write', 'keeps'),
  'vaults.add': local('write', 'keeps'),
  'vaults.remove': local('write', 'drops'),
  'vaults.rename': local('write', 'keeps'),
  'vaults.select': local('write', 'keeps'),
  'vaults.setPinned': local('write', 'keeps'),
  // How the vault is reached changes (sign-in, trusted certificates): what was read ahead may not be ours to show.
  'vaults.setAuth': local('write', 'drops'),
  'vaults.inspectCertificates': local('read', 'drops'),
  'vaults.pinCertificate': local('write', 'drops'),
  'vaults.unpinCertificate': local('write', 'drops'),
  // Runs its own checks and reports each one; its Key Vault requests are probes, never a value read.
  'vaults.diagnose': local('read', 'keeps'),
  'localVault.open': local('write', 'keeps'),
  'localVault.status': local('read', 'keeps'),
  'secrets.listPage': read('list secrets', 'list', READER),
  'secrets.listVersionsPage': read('list secret versions', 'list', READER),
  'secrets.get': read('read secret values', 'get', READER),
  'secrets.set': write('create or change secrets', 'set'),
  'secrets.updateProperties': write('change secret properties', 'set'),
  // Writes a file and is not repeated after a broken connection, so it runs as a write.
  'secrets.backupToFile': write('back up secrets', 'backup'),
  'secrets.restoreFromFile': write('restore secrets from a backup', 'restore'),
  'secrets.delete': write('delete secrets', 'delete'),
  'secrets.copyValue': read('read secret values', 'get', READER),
  'secrets.saveValueToFile': read('read secret values', 'get', READER),
  'deleted.listPage': read('list deleted secrets', 'list', OFFICER),
  'deleted.get': read('read deleted secrets', 'get', OFFICER),
  'deleted.recover': write('recover deleted secrets', 'recover'),
  'deleted.purge': write('purge deleted secrets', 'purge'),
  'auth.saveServicePrincipal': local('write', 'drops'),
  'auth.signOut': local('write', 'drops'),
  'auth.whoAmI': local('read', 'keeps'),
  'auth.cancelSignIn': local('write', 'keeps'),
  // Each bulk item runs as an operation of its own (BULK_ITEM_OPERATION), which declares its own behaviour.
  'bulk.start': local('write', 'keeps'),
  'bulk.cancel': local('write', 'keeps'),
  // Reads the older version's value and writes it as a new version, both in main; Officer covers both.
  'versions.restore': write('restore an older version of a secret', 'set'),
  // Starts listing every vault; each page it reads runs as secrets.listPage, which declares its own behaviour.
  'index.build': local('read', 'keeps'),
  // Import and export (transfer/): each read and write on the vault runs as the single operation it is
  // (secrets.listPage, secrets.get, a bulk item), under that operation's traits. Export writes a file.
  'transfer.export': local('write', 'keeps'),
  'transfer.importOpen': local('read', 'keeps'),
  'transfer.importUnlock': local('read', 'keeps'),
  'transfer.importDiff': local('read', 'keeps'),
  'transfer.importApply': local('write', 'keeps'),
  'transfer.importDiscard': local('write', 'keeps'),
  // Starts listing both vaults and reading values in main; each request runs as secrets.listPage, deleted.listPage
  // or secrets.get, which declare their own behaviour.
  'compare.start': local('read', 'keeps'),
  'compare.cancel': local('write', 'keeps'),
  'compare.close': local('write', 'keeps'),
  // From what was compared: nothing is sent.
  'compare.review': local('read', 'keeps'),
  // Starts a bulk write job; each item runs as secrets.set or deleted.recover, which declare their own behaviour.
  'compare.promote': local('write', 'keeps'),
  // Azure Resource Manager reads (tenants, subscriptions, vault resources), not a vault's secrets; each request of a
  // browse runs under its own retry budget (discovery/discovery-service.ts).
  'discovery.start': local('read', 'keeps'),
  'discovery.cancel': local('write', 'keeps'),
} as const satisfies Record<OperationKey, Traits>;

/** The single operation one item of each bulk action is: its retry policy, read-ahead and permission apply. */
export const BULK_ITEM_OPERATION = {
  delete: 'secrets.delete',
  recover: 'deleted.recover',
  purge: 'deleted.purge',
  enable: 'secrets.updateProperties',
  disable: 'secrets.updateProperties',
  'set-expiry': 'secrets.updateProperties',
  'extend-expiry': 'secrets.updateProperties',
  'set-content-type': 'secrets.updateProperties',
} as const satisfies Record<BulkAction, OperationKey>;

export const isOperationKey = (name: string): name is OperationKey => Object.hasOwn(OPERATION_TRAITS, name);

export const traitsOf = (operation: OperationKey): Traits => OPERATION_TRAITS[operation];

/** What a 403 on this operation asks for; an operation that is not a Key Vault call gets the plainest need. */
export const permissionFor = (operation: string | undefined): PermissionNeed =>
  (operation && isOperationKey(operation) && traitsOf(operation).vault) || {
    action: 'do this',
    policy: 'get',
    role: READER,
  };
