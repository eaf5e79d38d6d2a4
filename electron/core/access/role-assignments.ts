import type { TokenCredential } from '@azure/core-auth';
import type { RoleAssignmentFinding, VaultConfig } from '../../contract';

/** One role assignment of the caller, with what its role allows (read through Azure Resource Manager). */
export interface FoundAssignment {
  scope: string;
  roleName: string;
  dataActions: string[];
  notDataActions: string[];
}

/**
 * Reads the caller's role assignments at the given scopes. The ARM implementation is createArmRoleAssignments; tests
 * point it at the local ARM stand-in. It throws when the account cannot read them (no ARM access).
 */
export interface RoleAssignmentPort {
  assignmentsFor(input: {
    vault: VaultConfig;
    principalId: string;
    scopes: string[];
  }): Promise<FoundAssignment[]>;
}

/** The vault's scope chain: the vault, its resource group, its subscription. */
export function scopeChain(vaultScope: string): string[] {
  const m =
    /^(\/subscriptions\/[^/]+)(\/resourcegroups\/[^/]+)\/providers\/microsoft\.keyvault\/vaults\/[^/]+$/i.exec(
      vaultScope,
    );
  if (!m) return [vaultScope];
  return [vaultScope, `${m[1]}${m[2]}`, m[1] as string];
}

/** Whether an assignment at `scope` applies to the resource `target`: the same scope or one of its ancestors. */
export function appliesTo(scope: string, target: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const t = target.toLowerCase();
  return s === '' || t === s || t.startsWith(`${s}/`);
}

/** Whether an action pattern (with * wildcards, case-insensitive, as ARM compares them) covers the action. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

const grants = (a: FoundAssignment, action: string | undefined): boolean =>
  action !== undefined &&
  a.dataActions.some((p) => actionMatches(p, action)) &&
  !a.notDataActions.some((p) => actionMatches(p, action));

const where = (scope: string, chain: string[]): string =>
  scope.toLowerCase() === chain[0]?.toLowerCase()
    ? 'the vault'
    : scope.toLowerCase() === chain[1]?.toLowerCase()
      ? 'its resource group'
      : scope.toLowerCase() === chain[2]?.toLowerCase()
        ? 'its subscription'
        : scope;

/** The caller's assignments on the chain and which one is missing, or why they could not be read. */
export async function checkRoleAssignments(
  port: RoleAssignmentPort,
  input: {
    vault: VaultConfig;
    scope: string;
    principalId: string;
    deniedAction?: string;
    requiredRole: string;
  },
): Promise<RoleAssignmentFinding> {
  const chain = scopeChain(input.scope);
  let found: FoundAssignment[];
  try {
    found = await port.assignmentsFor({ vault: input.vault, principalId: input.principalId, scopes: chain });
  } catch (err) {
    const status = (err as { statusCode?: unknown }).statusCode;
    return {
      found: [],
      unavailable:
        status === 403
          ? 'Your account cannot read role assignments on this vault (it needs Microsoft.Authorization/roleAssignments/read), so Kluis cannot list them.'
          : 'Kluis could not read role assignments through Azure Resource Manager.',
    };
  }
  const rows = found.map((a) => ({
    role: a.roleName,
    scope: a.scope,
    grantsDeniedAction: grants(a, input.deniedAction),
  }));
  const granted = rows.some((r) => r.grantsDeniedAction);
  return {
    found: rows.map((r) => ({ ...r, scope: `${where(r.scope, chain)} (${r.scope})` })),
    ...(granted
      ? {}
      : { missing: `"${input.requiredRole}" on the vault (or its resource group or subscription)` }),
  };
}

/**
 * Role assignments through @azure/arm-authorization: the caller's assignments at each scope (`assignedTo(…)` filter,
 * as az role assignment list --assignee does), and their role definitions' data actions.
 */
export function createArmRoleAssignments(deps: {
  credentialFor(vault: VaultConfig): Promise<TokenCredential>;
  /** Resource Manager endpoint (default https://management.azure.com) and its token scope. */
  endpoint?: (vault: VaultConfig) => string | undefined;
  scope?: (vault: VaultConfig) => string | undefined;
  /** Options for the management client (e.g. tlsOptions for a test stand-in's CA). */
  clientOptions?: Record<string, unknown>;
}): RoleAssignmentPort {
  return {
    async assignmentsFor({ vault, principalId, scopes }) {
      const { AuthorizationManagementClient } = await import('@azure/arm-authorization');
      const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(scopes[scopes.length - 1] ?? '')?.[1] ?? '';
      const endpoint = deps.endpoint?.(vault);
      // The client builds its URLs from $host and asks for credentialScopes (ARM's by default).
      const client = new AuthorizationManagementClient(await deps.credentialFor(vault), subscriptionId, {
        ...(endpoint ? { endpoint, $host: endpoint } : {}),
        credentialScopes: [deps.scope?.(vault) ?? 'https://management.azure.com/.default'],
        ...deps.clientOptions,
      });
      const out: FoundAssignment[] = [];
      const definitions = new Map<
        string,
        { roleName: string; dataActions: string[]; notDataActions: string[] }
      >();
      const seen = new Set<string>();
      for (const scope of scopes) {
        for await (const a of client.roleAssignments.listForScope(scope, {
          filter: `assignedTo('${principalId}')`,
        })) {
          if (!a.roleDefinitionId || !a.scope || seen.has(a.id ?? `${a.scope}${a.roleDefinitionId}`))
            continue;
          seen.add(a.id ?? `${a.scope}${a.roleDefinitionId}`);
          // A listing at a scope also names assignments below it (another vault's): only the vault's ancestors apply.
          if (!appliesTo(a.scope, scopes[0] ?? '')) continue;
          let def = definitions.get(a.roleDefinitionId);
          if (!def) {
            const d = await client.roleDefinitions.getById(a.roleDefinitionId);
            def = {
              roleName: d.roleName ?? a.roleDefinitionId,
              dataActions: (d.permissions ?? []).flatMap((p) => p.dataActions ?? []),
              notDataActions: (d.permissions ?? []).flatMap((p) => p.notDataActions ?? []),
            };
            definitions.set(a.roleDefinitionId, def);
          }
          out.push({ scope: a.scope, ...def });
        }
      }
      return out;
    },
  };
}
