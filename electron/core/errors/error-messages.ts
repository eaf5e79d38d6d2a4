import type { AuthMethod, KluisError } from '../../contract';
import { permissionFor } from '../operations/operation-traits';
import type { FailedAfterRetries } from '../reliability/retry-budget';

/*
 * What Kluis says about a failure, once error-mapping.ts has told what kind it is: each message names what
 * happened and the fix. Nothing here quotes a caller's input or a value.
 */

/** What the failing call was doing, so the message can name the fix. */
export interface ErrorContext {
  /** Contract operation, e.g. 'secrets.get'. */
  operation?: string;
  secretName?: string;
  vaultUrl?: string;
  authMethod?: AuthMethod;
  /** The vault is on a custom cloud, whose endpoints may use their own CA: the fix is to pin it in Settings. */
  customCloud?: boolean;
}

/** Service messages are short already; clipping keeps a runaway one from flooding the UI. */
export const clip = (s: string): string => (s.length > 300 ? `${s.slice(0, 297)}...` : s);

/** The fix for a sign-in failure depends on how this vault signs in. */
export function signInFix(method: AuthMethod | undefined): string {
  switch (method) {
    case 'azure-cli':
      return 'Run "az login" (add --tenant <tenant> if the vault is in another tenant), then try again.';
    case 'azure-developer-cli':
      return 'Run "azd auth login", then try again.';
    case 'interactive-browser':
    case 'device-code':
      return 'Sign in again and finish the sign-in in the browser, then try again.';
    case 'managed-identity':
      return 'Managed identity works only on an Azure host with an identity assigned; choose another sign-in method here.';
    case 'local':
      return 'Restart the local vault (close and reopen it).';
    default:
      return 'Sign in with "az login" or "azd auth login" (or set the AZURE_* environment variables), or choose another sign-in method for this vault.';
  }
}

/** A 403 that is not a disabled secret: the firewall, or the permission this operation needs (operation-traits.ts). */
export function forbiddenMessage(codes: string[], serviceMessage: string, ctx: ErrorContext): string {
  if (
    codes.includes('ForbiddenByFirewall') ||
    /client address .* not authorized|not authorized and caller is not a trusted service/i.test(
      serviceMessage,
    )
  ) {
    return "The vault's firewall does not allow your network address. Add your IP address to the vault's networking rules, or connect from an allowed network (VPN or private endpoint).";
  }
  const need = permissionFor(ctx.operation);
  if (codes.includes('ForbiddenByRbac')) {
    return `You lack permission to ${need.action} in this vault (it uses Azure RBAC). Ask for the "${need.role}" role on the vault.`;
  }
  if (codes.includes('ForbiddenByPolicy')) {
    return `You lack permission to ${need.action} in this vault (it uses access policies). Ask for the "${need.policy}" permission on secrets in the vault's access policy.`;
  }
  return `You lack permission to ${need.action} in this vault. Ask for the "${need.policy}" permission on secrets in its access policy, or the "${need.role}" role if it uses Azure RBAC.`;
}

/** Why a connection failed, said as what to check. */
export function networkMessage(where: string, code: string): string {
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `the name ${where} could not be found. Check the vault name and your DNS or VPN`
      : code === 'ECONNREFUSED'
        ? `${where} refused the connection. Check that the vault (or local vault) is running and the address is right`
        : `the connection to ${where} failed (${code}). Check your network, proxy or VPN and try again`;
  return `Kluis could not reach the vault: ${why}.`;
}

/** An untrusted certificate: on a custom cloud the fix is a pin in Settings; a wrong host name no pin can fix. */
export function tlsMessage(where: string, code: string, ctx: Pick<ErrorContext, 'customCloud'>): string {
  if (/ALTNAME|HOSTNAME|IP_ADDRESS/.test(code)) {
    return `The certificate of ${where} is not for this address (${code}). Check the address; if it is right, the server's certificate must be reissued for it. Kluis never skips this check.`;
  }
  if (ctx.customCloud) {
    return `The certificate of ${where} is not trusted (${code}). This vault is on a custom cloud: open Settings, Certificates for this vault, check the endpoint, confirm its SHA-256 fingerprint with your administrator and pin it. Kluis never turns certificate checks off.`;
  }
  return `The certificate of ${where} could not be verified (${code}). If a proxy inspects your traffic, its root certificate must be trusted by the system; Kluis never skips this check.`;
}

/** Anything not recognised: only its type is said. */
export function internal(err: unknown): KluisError {
  const named = err !== null && typeof err === 'object' ? (err as { name?: unknown }).name : undefined;
  const name = typeof named === 'string' && named.length > 0 ? named : typeof err;
  // Only the error's type travels: an unknown error's message could quote anything, including a value.
  return {
    kind: 'internal',
    message: `Something went wrong inside Kluis (${name}). Please report this with what you were doing.`,
  };
}

/** The last error of an operation that was retried: same kind, but the message says Kluis already kept trying. */
export function afterRetries(error: KluisError, retried: FailedAfterRetries): KluisError {
  const said = retriedMessage(error, retried);
  return retried.outcome && said !== error
    ? { ...said, message: `${said.message} ${retried.outcome}` }
    : said;
}

function retriedMessage(error: KluisError, retried: FailedAfterRetries): KluisError {
  const tries = `${retried.attempts} attempts over ${Math.max(1, Math.round(retried.elapsedMs / 1000))} s`;
  switch (error.kind) {
    case 'throttled':
      return {
        ...error,
        message: `Key Vault is still throttling requests after ${tries}: too many requests are reaching this vault, perhaps from other apps or scripts too. Wait a minute, then try again.`,
      };
    case 'service':
      return {
        ...error,
        message: `Key Vault kept failing (HTTP ${error.status ?? '5xx'}) after ${tries}. The service may be having problems: check the Azure status page and try again in a few minutes.`,
      };
    case 'network':
      return { ...error, message: `${error.message} (Kluis tried ${tries}.)` };
    default:
      return error;
  }
}
