import type { AccessDiagnosis } from '../../contract';
import { permissionFor } from '../operations/operation-traits';

/*
 * The service's own answers to a caller it refuses, parsed into a diagnosis (the shapes are recorded in the local
 * vault README, "Access failures"). Only what the service said is reported; where its body lacks a detail, the
 * operation's declared permission (operation-traits.ts) fills in what the operation needed, and nothing else.
 */

export interface RefusalFacts {
  status: number;
  /** Every error code the service gave, outer first (Forbidden, ForbiddenByRbac). */
  codes: readonly string[];
  /** The service's message (error.message of its body). */
  message: string;
  /** Response headers that carry detail: WWW-Authenticate and x-ms-keyvault-network-info. */
  wwwAuthenticate?: string;
  networkInfo?: string;
}

export interface DiagnosisContext {
  /** Contract operation that failed, e.g. secrets.get: its traits name the permission it needed. */
  operation?: string;
  vaultUrl?: string;
}

const READER = 'Key Vault Secrets User';
const OFFICER = 'Key Vault Secrets Officer';

/** The data actions Key Vault Secrets User holds; every other secrets data action needs Secrets Officer. */
const READER_ACTIONS = new Set([
  'microsoft.keyvault/vaults/secrets/getsecret/action',
  'microsoft.keyvault/vaults/secrets/readmetadata/action',
]);

/** A line of the service's multi-line messages: "Name: value" (CRLF-separated), the quotes around value removed. */
function line(message: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\r?\\n)${name}:\\s*([^\\r\\n]*)`, 'i').exec(message);
  const v = m?.[1]?.trim().replace(/^'(.*)'$/, '$1');
  return v && v.length > 0 ? v : undefined;
}

const SAFE_TOKEN = /^[\w.:/@-]{1,200}$/;
const clean = (v: string | undefined): string | undefined => (v && SAFE_TOKEN.test(v) ? v : undefined);
/** appid=…;oid=…;iss=… (numgroups and name parts too): ids, = and ; only. */
const cleanCaller = (v: string | undefined): string | undefined =>
  v && /^[\w.:/@=;-]{1,400}$/.test(v) ? v : undefined;

/** The caller's object id from "appid=…;oid=…;iss=…". */
function callerParts(caller: string | undefined): { oid?: string } {
  const out: { oid?: string } = {};
  for (const part of (caller ?? '').split(';')) {
    const [k, v] = part.split('=', 2);
    if (k === 'oid' && clean(v)) out.oid = v;
  }
  return out;
}

/** "name;location=…" from the Vault line, or the vault URL's first host label. */
function vaultNameOf(message: string, vaultUrl: string | undefined): string | undefined {
  const named = line(message, 'Vault')?.split(';')[0] ?? /on key vault '([^';]+)/i.exec(message)?.[1];
  if (named && /^[0-9A-Za-z-]{1,63}$/.test(named)) return named;
  try {
    const label = vaultUrl ? new URL(vaultUrl).hostname.split('.')[0] : undefined;
    return label && /^[0-9A-Za-z-]{3,24}$/.test(label) && !/^\d+$/.test(label) ? label : undefined;
  } catch {
    return undefined;
  }
}

/** The first path segment of an authority or issuer URL: Entra ID puts the tenant there. */
export function tenantOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const seg = new URL(url).pathname.split('/').filter(Boolean)[0];
    return seg && /^[A-Za-z0-9.-]{1,100}$/.test(seg) ? seg : undefined;
  } catch {
    return undefined;
  }
}

/** The challenge's parameters (Bearer authorization="…", resource="…"), split as the SDKs do. */
export function parseChallenge(header: string | undefined): { authorization?: string; resource?: string } {
  const out: { authorization?: string; resource?: string } = {};
  if (!header) return out;
  for (const m of header.matchAll(/(\w+)="([^"]*)"/g)) {
    const [, k, v] = m;
    if ((k === 'authorization' || k === 'authorization_uri') && v) out.authorization = v;
    if (k === 'resource' && v) out.resource = v;
  }
  return out;
}

/** "conn_type=Ipv4;addr=20.94.192.72;act_addr_fam=InterNetwork;" -> 20.94.192.72 */
const addrOf = (networkInfo: string | undefined): string | undefined => {
  const a = /(?:^|;)addr=([0-9A-Fa-f.:]{2,45})(?:;|$)/.exec(networkInfo ?? '')?.[1];
  return a;
};

/** The vault scope of an RBAC Resource line: the vault's id, without /secrets/<name>. */
function vaultScope(resource: string | undefined): string | undefined {
  const m =
    /^(\/subscriptions\/[^/\s]+\/resourcegroups\/[^/\s]+\/providers\/microsoft\.keyvault\/vaults\/[^/\s]+)/i.exec(
      resource ?? '',
    );
  return m?.[1];
}

const quote = (s: string): string => (/^[\w./:@-]+$/.test(s) ? s : `"${s.replace(/"/g, '')}"`);

/** A diagnosis of a 401 or 403 the service gave, or undefined when it is not an access refusal. */
export function diagnoseRefusal(f: RefusalFacts, ctx: DiagnosisContext = {}): AccessDiagnosis | undefined {
  const has = (c: string) => f.codes.includes(c);
  const msg = f.message;
  const caller = cleanCaller(line(msg, 'Caller')) ?? cleanCaller(/application '([^']+)'/i.exec(msg)?.[1]);
  const { oid } = callerParts(caller);
  const vaultName = vaultNameOf(msg, ctx.vaultUrl);
  const base = {
    ...(caller ? { caller } : {}),
    ...(oid ? { callerObjectId: oid } : {}),
    ...(vaultName ? { vaultName } : {}),
  };

  if (f.status === 401) {
    const challenge = parseChallenge(f.wwwAuthenticate);
    const issuer = /Invalid issuer\. Expected one of (.+?), found (\S+?)\.?$/i.exec(msg);
    const signedInTenant = tenantOfUrl(issuer?.[2]);
    // The challenge names the vault's tenant; where it names the token's own, the issuers the vault expects do.
    const expected = (issuer?.[1] ?? '').split(/,\s*/).map((u) => tenantOfUrl(u));
    const vaultTenant = [tenantOfUrl(challenge.authorization), ...expected].find(
      (t) => t !== undefined && t !== signedInTenant,
    );
    if (!issuer || !vaultTenant || !signedInTenant) return undefined;
    const authority = challenge.authorization ? new URL(challenge.authorization).origin : undefined;
    return {
      model: 'tenant',
      vaultTenant,
      signedInTenant,
      ...(authority ? { authority } : {}),
      ...(vaultName ? { vaultName } : {}),
      command: `az login --tenant ${quote(vaultTenant)}`,
    };
  }
  if (f.status !== 403) return undefined;

  if (has('ForbiddenByConnection') || /public network access is disabled/i.test(msg)) {
    return { model: 'private-network', ...base };
  }
  if (has('ForbiddenByFirewall') || /client address is not authorized/i.test(msg)) {
    const clientAddress = clean(line(msg, 'Client address')) ?? addrOf(f.networkInfo);
    return {
      model: 'firewall',
      ...base,
      ...(clientAddress ? { clientAddress } : {}),
      ...(vaultName && clientAddress
        ? { command: `az keyvault network-rule add --name ${quote(vaultName)} --ip-address ${clientAddress}` }
        : {}),
    };
  }
  const need = permissionFor(ctx.operation);
  if (has('ForbiddenByRbac') || /not authorized to perform action on resource/i.test(msg)) {
    const deniedAction = clean(line(msg, 'Action'));
    const scope = vaultScope(line(msg, 'Resource'));
    const decisionReason = clean(line(msg, 'DecisionReason'));
    // The service names the action; the built-in role follows from it. Without it, the operation's declared role.
    const requiredRole = deniedAction
      ? READER_ACTIONS.has(deniedAction.toLowerCase())
        ? READER
        : OFFICER
      : need.role;
    return {
      model: 'rbac',
      ...base,
      ...(deniedAction ? { deniedAction } : {}),
      requiredRole,
      ...(scope ? { scope } : {}),
      ...(decisionReason ? { decisionReason } : {}),
      propagationNote: /propagation time|take (?:several )?minutes/i.test(msg),
      ...(oid && scope
        ? {
            command: `az role assignment create --role "${requiredRole}" --assignee-object-id ${oid} --scope ${scope}`,
          }
        : {}),
    };
  }
  const policyPermission = /does not have secrets (\w+) permission/i.exec(msg)?.[1]?.toLowerCase();
  if (has('ForbiddenByPolicy') || has('AccessDenied') || policyPermission) {
    const missingPermission = policyPermission ?? need.policy;
    return {
      model: 'policy',
      ...base,
      missingPermission,
      ...(vaultName && oid
        ? {
            command: `az keyvault set-policy --name ${quote(vaultName)} --object-id ${oid} --secret-permissions ${missingPermission}`,
          }
        : {}),
    };
  }
  return undefined;
}

/** The user-facing sentence for a diagnosis: what was denied, why, and the fix. */
export function diagnosisMessage(d: AccessDiagnosis, operation?: string): string {
  const vault = d.vaultName ? `the vault ${d.vaultName}` : 'this vault';
  const lack = `You lack permission to ${permissionFor(operation).action} in ${vault}:`;
  switch (d.model) {
    case 'tenant':
      return `${cap(vault)} belongs to tenant ${d.vaultTenant ?? '?'}, but you are signed in to tenant ${d.signedInTenant ?? '?'}. Sign in to tenant ${d.vaultTenant ?? '?'} for this vault.`;
    case 'private-network':
      return `${cap(vault)} accepts only private network connections (public network access is disabled). Connect through a network with a private endpoint for it (VPN or a host in that virtual network), and check that its name resolves to a private address there.`;
    case 'firewall':
      return `The firewall of ${vault} does not allow your address${d.clientAddress ? ` ${d.clientAddress}` : ''}. Ask to add it to the vault's network rules, or connect from an allowed network.`;
    case 'rbac': {
      const action = d.deniedAction ? ` ${d.deniedAction}` : '';
      const note = d.propagationNote ? ' A new role assignment can take a few minutes to apply.' : '';
      return `${lack} Azure RBAC denied${action}${d.decisionReason ? ` (${d.decisionReason})` : ''}. You need the "${d.requiredRole ?? READER}" role on the vault.${note}`;
    }
    case 'policy':
      return `${lack} its access policy does not give you the "${d.missingPermission ?? 'get'}" permission on secrets. Ask for it to be added to your access policy entry.`;
  }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
