import type { AuthMethod, KluisError } from '../../contract';
import { toKluisError } from '../errors/error-mapping';
import { FailedAfterRetries } from '../reliability/retry-budget';

/** What was being listed when Resource Manager refused, for the message. */
export type ArmTarget =
  | { what: 'tenants' }
  | { what: 'subscriptions'; tenantId?: string }
  | { what: 'vaults'; subscriptionId: string; name?: string }
  | { what: 'deleted-vaults'; subscriptionId: string; name?: string }
  | { what: 'resource-graph' };

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose | undefined =>
  typeof v === 'object' && v !== null ? (v as Loose) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The service's error code: RestError.code, or the body's error.code. */
function armCode(err: Loose): string | undefined {
  const code = str(err.code);
  if (code && !/^(REQUEST_SEND_ERROR|PARSE_ERROR)$/.test(code)) return code;
  const body =
    asObject(asObject(err.details)?.error) ?? asObject(asObject(asObject(err.response)?.parsedBody)?.error);
  return str(body?.code);
}

const where = (t: ArmTarget): string => {
  switch (t.what) {
    case 'tenants':
      return 'the tenants you can use';
    case 'subscriptions':
      return t.tenantId ? `the subscriptions of tenant ${t.tenantId}` : 'your subscriptions';
    case 'vaults':
      return `the key vaults of subscription ${t.name ?? t.subscriptionId}`;
    case 'deleted-vaults':
      return `the deleted key vaults of subscription ${t.name ?? t.subscriptionId}`;
    case 'resource-graph':
      return 'vaults through Azure Resource Graph';
  }
};

/** The Reader-level action each listing needs, as `az role assignment` and the portal name it. */
const actionOf = (t: ArmTarget): string =>
  t.what === 'deleted-vaults'
    ? 'Microsoft.KeyVault/deletedVaults/read'
    : t.what === 'vaults'
      ? 'Microsoft.KeyVault/vaults/read'
      : t.what === 'resource-graph'
        ? 'Microsoft.ResourceGraph/resources/read'
        : 'Microsoft.Resources/subscriptions/read';

export const NO_SUBSCRIPTIONS_CODE = 'NoSubscriptions';

/** A tenant where the account sees no subscription at all: not a failure of Kluis, but nothing to list either. */
export function emptyTenantError(tenantId: string | undefined): KluisError {
  return {
    kind: 'not-found',
    code: NO_SUBSCRIPTIONS_CODE,
    message: `You have no subscriptions in ${tenantId ? `tenant ${tenantId}` : 'this tenant'}, so there are no vaults to list here. Choose another tenant, ask for the Reader role on a subscription, or add a vault by name or URL if you have data access to it.`,
  };
}

/**
 * Resource Manager's answers as errors with their fix. A 401 whose token is for another audience is its own case:
 * the sign-in produced a token, but not one Resource Manager accepts (a custom cloud's Resource Manager endpoint set
 * wrong, or a credential that only gets tokens for Key Vault).
 */
export function armError(err: unknown, target: ArmTarget, authMethod?: AuthMethod): KluisError {
  const cause = err instanceof FailedAfterRetries ? err.cause : err;
  const e = asObject(cause);
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const code = e ? armCode(e) : undefined;
  const tries = err instanceof FailedAfterRetries ? ` Kluis tried ${err.attempts} times.` : '';
  const base = { ...(status !== undefined ? { status } : {}), ...(code ? { code } : {}) };
  if (status === 401 && /audience/i.test(`${code ?? ''} ${str(e?.message) ?? ''}`)) {
    return {
      ...base,
      kind: 'unauthenticated',
      code: code ?? 'InvalidAuthenticationTokenAudience',
      message:
        'Azure Resource Manager refused the token: it was issued for another resource (its audience is not Resource Manager). For a custom cloud, check its Resource Manager endpoint in the sign-in settings; otherwise sign in with a method that can get a Resource Manager token (browser, device code, Azure CLI or a service principal).',
    };
  }
  if (status === 401) {
    return {
      ...base,
      kind: 'unauthenticated',
      message: `Azure Resource Manager did not accept your sign-in while listing ${where(target)}. Sign in again; if you switched tenant, sign in to that tenant.`,
    };
  }
  if (status === 403) {
    return {
      ...base,
      kind: 'forbidden',
      message:
        target.what === 'resource-graph'
          ? 'Azure Resource Graph is not allowed for this account; Kluis lists vaults per subscription instead.'
          : `You may not list ${where(target)}: that needs ${actionOf(target)} (the Reader role grants it) on the subscription. Vaults you can open anyway can still be added by name or URL.`,
    };
  }
  if (status === 404) {
    return {
      ...base,
      kind: 'not-found',
      message: `Azure Resource Manager does not know ${where(target)} (it may have been moved, disabled or deleted). Refresh to list again.`,
    };
  }
  if (status === 429) {
    return {
      ...base,
      kind: 'throttled',
      message: `Azure Resource Manager is throttling requests while listing ${where(target)}.${tries} Wait a minute, then refresh.`,
    };
  }
  if (status !== undefined && status >= 500) {
    return {
      ...base,
      kind: 'service',
      message: `Azure Resource Manager failed while listing ${where(target)} (HTTP ${status}).${tries} Refresh to try again.`,
    };
  }
  return toKluisError(err, { operation: 'discovery.start', ...(authMethod ? { authMethod } : {}) });
}
