import type { IncomingMessage } from 'node:http';
import { ServiceError } from './errors';
import type { Operation } from './router';

/**
 * Access failures as the service answers them (wording and shapes recorded in the local vault README, "Access
 * failures"): a vault that uses Azure RBAC or access policies and refuses some permissions, a firewall that does not
 * know the client's address, and a vault whose public network access is off. Checked after the token is accepted
 * (the service's messages name the caller, so it has read the token first).
 */

/** The secret permissions of the access-policy model; RBAC denials are chosen by the same names. */
export const SECRET_PERMISSIONS = [
  'get',
  'list',
  'set',
  'delete',
  'recover',
  'backup',
  'restore',
  'purge',
] as const;
export type SecretPermission = (typeof SECRET_PERMISSIONS)[number];

export interface AccessOptions {
  /** Which permission model the vault uses, so which 403 a denied permission gets (default 'rbac'). */
  model?: 'rbac' | 'policy';
  /** Permissions the caller lacks; an operation that needs one is refused. */
  deny?: readonly SecretPermission[];
  /** The firewall refuses every request; the message names this client address (default: the peer's address). */
  firewall?: boolean | { clientAddress?: string };
  /** 'Disabled': only a private endpoint may reach the vault, so every request here is refused. */
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  /** The vault's name and region as the messages quote them (default: local-vault, local). */
  vaultName?: string;
  location?: string;
  /** The vault's ARM resource id, quoted in RBAC denials (default: a local subscription and resource group). */
  resourceId?: string;
}

/** What each operation needs: the access-policy permission and the RBAC data action (built-in role reference). */
const NEEDS: Record<Operation['op'], { permission: SecretPermission; action: string }> = {
  get: { permission: 'get', action: 'getSecret/action' },
  getDeleted: { permission: 'get', action: 'readMetadata/action' },
  list: { permission: 'list', action: 'readMetadata/action' },
  versions: { permission: 'list', action: 'readMetadata/action' },
  listDeleted: { permission: 'list', action: 'readMetadata/action' },
  set: { permission: 'set', action: 'setSecret/action' },
  update: { permission: 'set', action: 'update/action' },
  delete: { permission: 'delete', action: 'delete' },
  recover: { permission: 'recover', action: 'recover/action' },
  backup: { permission: 'backup', action: 'backup/action' },
  restore: { permission: 'restore', action: 'restore/action' },
  purge: { permission: 'purge', action: 'purge/action' },
};

export const dataActionOf = (op: Operation['op']): string =>
  `Microsoft.KeyVault/vaults/secrets/${NEEDS[op].action}`;
export const permissionOf = (op: Operation['op']): SecretPermission => NEEDS[op].permission;

export const DEFAULT_RESOURCE_ID =
  '/subscriptions/00000000-0000-4000-8000-00006b6c7569/resourcegroups/local/providers/microsoft.keyvault/vaults/local-vault';

const CRLF = '\r\n';

export interface AccessGate {
  /** The 403 for this request before routing (firewall, private network), or undefined. */
  network(req: IncomingMessage): ServiceError | undefined;
  /** The 403 for this operation (a denied permission), or undefined. */
  operation(op: Operation, req: IncomingMessage): ServiceError | undefined;
}

export function validateAccessOptions(o: AccessOptions): void {
  if (o.model !== undefined && o.model !== 'rbac' && o.model !== 'policy')
    throw new RangeError('access.model must be "rbac" or "policy"');
  for (const p of o.deny ?? [])
    if (!(SECRET_PERMISSIONS as readonly string[]).includes(p))
      throw new RangeError(`access.deny: unknown permission ${String(p)}`);
  if (o.vaultName !== undefined && !/^[0-9A-Za-z-]{1,63}$/.test(o.vaultName))
    throw new RangeError('access.vaultName uses letters, digits and -');
  if (o.resourceId !== undefined && !/^\/subscriptions\/[^\s']+$/i.test(o.resourceId))
    throw new RangeError('access.resourceId must be an ARM resource id (/subscriptions/...)');
}

export function createAccessGate(o: AccessOptions, tenantId: string): AccessGate {
  const model = o.model ?? 'rbac';
  const deny = new Set(o.deny ?? []);
  const vaultRef = `${o.vaultName ?? 'local-vault'};location=${o.location ?? 'local'}`;
  const resourceId = o.resourceId ?? DEFAULT_RESOURCE_ID;
  const caller = (req: IncomingMessage): string => callerOf(req.headers.authorization, tenantId);
  const forbidden = (message: string, inner: string, headers: Record<string, string> = {}) =>
    new ServiceError(403, 'Forbidden', message, inner, headers);

  return {
    network(req) {
      if (o.publicNetworkAccess === 'Disabled') {
        return forbidden(
          [
            'Public network access is disabled and request is not from a trusted service nor via an approved private link.',
            `Caller: ${caller(req)}`,
            `Vault: ${vaultRef}`,
          ].join(CRLF),
          'ForbiddenByConnection',
        );
      }
      if (o.firewall) {
        const address =
          (typeof o.firewall === 'object' ? o.firewall.clientAddress : undefined) ?? peerAddress(req);
        return forbidden(
          [
            'Client address is not authorized and caller is not a trusted service.',
            `Client address: ${address}`,
            `Caller: ${caller(req)}`,
            `Vault: ${vaultRef}`,
          ].join(CRLF),
          'ForbiddenByFirewall',
          { 'x-ms-keyvault-network-info': `conn_type=Ipv4;addr=${address};act_addr_fam=InterNetwork;` },
        );
      }
      return undefined;
    },
    operation(op, req) {
      const need = NEEDS[op.op];
      if (!deny.has(need.permission)) return undefined;
      if (model === 'policy') {
        return forbidden(
          `The user, group or application '${caller(req)}' does not have secrets ${need.permission} permission on key vault '${vaultRef}'. ` +
            'For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287',
          'ForbiddenByPolicy',
        );
      }
      const name = 'name' in op ? `/secrets/${op.name}` : '';
      return forbidden(
        [
          'Caller is not authorized to perform action on resource.',
          'If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.',
          `Caller: ${caller(req)}`,
          `Action: '${dataActionOf(op.op)}'`,
          `Resource: '${resourceId.toLowerCase()}${name}'`,
          'Assignment: (not found)',
          'DenyAssignmentId: null',
          "DecisionReason: 'DeniedWithNoValidRBAC' ",
          `Vault: ${vaultRef}`,
          '',
        ].join(CRLF),
        'ForbiddenByRbac',
      );
    },
  };
}

function peerAddress(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/**
 * The caller as the service names it: appid, oid and issuer from the (already accepted) token. A token that is not a
 * JWT (token mode) is a local caller of the vault's tenant. Claims are read for naming only, never trusted for more.
 */
export function callerOf(authorization: string | undefined, tenantId: string): string {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (token && payload && token.split('.').length === 3) {
    try {
      const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const s = (v: unknown) => (typeof v === 'string' && /^[\w.:/@-]{1,200}$/.test(v) ? v : undefined);
      const appid = s(c.appid) ?? s(c.azp);
      const oid = s(c.oid);
      const iss = s(c.iss);
      const parts = [appid && `appid=${appid}`, oid && `oid=${oid}`, iss && `iss=${iss}`].filter(Boolean);
      if (parts.length > 0) return parts.join(';');
    } catch {
      /* not a JWT: a local caller */
    }
  }
  return `appid=kluis-local-vault;oid=00000000-0000-0000-0000-000000000000;iss=https://sts.windows.net/${tenantId}/`;
}
