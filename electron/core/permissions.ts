/** What an operation needs, in both of Key Vault's permission models, so a 403 can name the fix. */
export interface PermissionNeed {
  /** Says in words what was attempted: "You lack permission to <action>". */
  action: string;
  /** Access-policy permission on secrets. */
  policy: 'get' | 'list' | 'set' | 'delete' | 'recover' | 'purge';
  /** Built-in Azure RBAC role that grants it. */
  role: 'Key Vault Secrets User' | 'Key Vault Secrets Officer';
}

const READER = 'Key Vault Secrets User';
const OFFICER = 'Key Vault Secrets Officer';

const NEEDS: Record<string, PermissionNeed> = {
  'secrets.listPage': { action: 'list secrets', policy: 'list', role: READER },
  'secrets.listVersionsPage': { action: 'list secret versions', policy: 'list', role: READER },
  'secrets.get': { action: 'read secret values', policy: 'get', role: READER },
  'secrets.copyValue': { action: 'read secret values', policy: 'get', role: READER },
  'secrets.saveValueToFile': { action: 'read secret values', policy: 'get', role: READER },
  'secrets.set': { action: 'create or change secrets', policy: 'set', role: OFFICER },
  'secrets.updateProperties': { action: 'change secret properties', policy: 'set', role: OFFICER },
  'secrets.delete': { action: 'delete secrets', policy: 'delete', role: OFFICER },
  'deleted.listPage': { action: 'list deleted secrets', policy: 'list', role: OFFICER },
  'deleted.get': { action: 'read deleted secrets', policy: 'get', role: OFFICER },
  'deleted.recover': { action: 'recover deleted secrets', policy: 'recover', role: OFFICER },
  'deleted.purge': { action: 'purge deleted secrets', policy: 'purge', role: OFFICER },
};

export const permissionFor = (operation: string | undefined): PermissionNeed =>
  (operation && NEEDS[operation]) || { action: 'do this', policy: 'get', role: READER };
