/**
 * Errors cross IPC as data, never as thrown exceptions (Electron keeps only `message` of a thrown error).
 * `kind` is a closed set the renderer can switch on; `message` always tells the user what to do next.
 */
export const ERROR_KINDS = [
  'invalid-input', // the input failed the contract schema or the service's own validation (400)
  'not-found', // 404: no such secret, version, deleted secret or vault
  'forbidden', // 403: the identity lacks a permission, or a firewall blocks the caller
  'disabled', // 403 SecretDisabled: the secret is disabled, so its value cannot be read
  'unauthenticated', // 401 or a credential that could not produce a token
  'conflict-deleted', // 409 ObjectIsDeletedButRecoverable: the name belongs to a soft-deleted secret
  'conflict', // any other 409, e.g. ObjectIsBeingDeleted
  'throttled', // 429 after the retries ran out
  'network', // DNS, refused, reset or timed-out connections
  'tls', // the server certificate could not be verified
  'service', // 5xx from the vault after the retries ran out
  'not-configured', // no vault selected, unknown vault id, local vault not running
  'cancelled', // the user cancelled
  'sender-refused', // the IPC call did not come from our own window's main frame
  'internal', // a bug in Kluis: the message says so and asks for a report
  'privacy-mode', // privacy mode is on: values are not revealed or copied until the user turns it off
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Why Key Vault refused this caller, parsed from the service's own 403 body or 401 challenge (never guessed): the
 * access doctor's diagnosis. Carries no token and no secret value.
 */
export interface AccessDiagnosis {
  /** rbac: Azure RBAC denied a data action; policy: the access policy lacks a permission; firewall: the client
   * address is not allowed; private-network: public access is off; tenant: the vault belongs to another tenant. */
  model: 'rbac' | 'policy' | 'firewall' | 'private-network' | 'tenant';
  /** RBAC: the data action denied, e.g. Microsoft.KeyVault/vaults/secrets/getSecret/action. */
  deniedAction?: string;
  /** Access policy: the missing secret permission (get, list, set, delete, recover, backup, restore, purge). */
  missingPermission?: string;
  /** The caller as the service named it: appid=…;oid=…;iss=…. */
  caller?: string;
  /** The caller's object id (oid), when the service named it: the assignee of the fix. */
  callerObjectId?: string;
  /** Firewall: the client address the service saw. */
  clientAddress?: string;
  /** RBAC: the built-in role that grants the denied action. */
  requiredRole?: 'Key Vault Secrets User' | 'Key Vault Secrets Officer';
  /** RBAC: the scope to assign the role at (the vault's ARM id, from the service's Resource line). */
  scope?: string;
  /** RBAC: the service's decision reason (e.g. DeniedWithNoValidRBAC). */
  decisionReason?: string;
  /** The vault name the service named (or the vault URL's first label). */
  vaultName?: string;
  /** Tenant: the tenant the vault's challenge names, and the sign-in host it names. */
  vaultTenant?: string;
  authority?: string;
  /** Tenant: the tenant the rejected token came from. */
  signedInTenant?: string;
  /** The exact command that fixes it (az role assignment create / az keyvault set-policy / network-rule add / az login). */
  command?: string;
  /** RBAC: role assignments may take minutes to apply (the service says so). */
  propagationNote?: boolean;
  /** RBAC, where the account can read role assignments: what it has on the vault's scope chain. */
  assignments?: RoleAssignmentFinding;
}

/** The caller's role assignments on the vault's scope chain (vault, resource group, subscription), read through ARM. */
export interface RoleAssignmentFinding {
  /** Each assignment found: its role's name and the scope it is on. */
  found: Array<{ role: string; scope: string; grantsDeniedAction: boolean }>;
  /** The assignment that is missing, as a sentence (e.g. "Key Vault Secrets User on the vault"), if any. */
  missing?: string;
  /** Why assignments could not be read (no ARM access), instead of a list. */
  unavailable?: string;
}

export interface KluisError {
  kind: ErrorKind;
  /** What happened and what to do, in one or two sentences for the user. Never contains a secret value. */
  message: string;
  /** HTTP status from the vault, when there was one. */
  status?: number;
  /** The service's error code (e.g. SecretNotFound, ForbiddenByRbac), when there was one. */
  code?: string;
  /** Host that could not be reached (network/tls kinds). */
  host?: string;
  /** For invalid-input: which input field was wrong, as a dotted path. */
  field?: string;
  /** For conflict-deleted: the secret name that can be recovered or purged. */
  secretName?: string;
  /** For forbidden and unauthenticated: the access doctor's diagnosis from the service's own answer. */
  access?: AccessDiagnosis;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KluisError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: KluisError): Result<never> => ({ ok: false, error });
