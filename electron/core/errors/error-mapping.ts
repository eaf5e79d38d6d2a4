import type { AuthMethod, KluisError } from '../../contract';
import { identityErrorAdvice } from '../auth/identity-errors';
import { KluisFailure } from './kluis-failure';
import { FailedAfterRetries } from '../reliability/retry-budget';
import { permissionFor } from '../operations/operation-traits';

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

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TLS_CODE = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose | undefined =>
  v !== null && typeof v === 'object' ? (v as Loose) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Maps anything a Key Vault call can throw to a KluisError whose message says what to do. Never throws. */
export function toKluisError(err: unknown, ctx: ErrorContext = {}): KluisError {
  if (err instanceof KluisFailure) return err.error;
  if (err instanceof FailedAfterRetries) return afterRetries(toKluisError(err.cause, ctx), err);
  if (asObject(err)?.name === 'AbortError') {
    return { kind: 'cancelled', message: 'The request was cancelled before it finished.' };
  }
  return (
    fromCredentialError(err, ctx) ?? fromStatus(err, ctx) ?? fromConnectionError(err, ctx) ?? internal(err)
  );
}

function fromCredentialError(err: unknown, ctx: ErrorContext): KluisError | undefined {
  const name = str(asObject(err)?.name);
  if (
    !name ||
    !/^(CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError|AuthenticationRequiredError)$/.test(
      name,
    )
  ) {
    return undefined;
  }
  const advice = identityErrorAdvice(str(asObject(err)?.message), name === 'AggregateAuthenticationError');
  return {
    kind: 'unauthenticated',
    message: `Kluis could not get a token to sign in to Key Vault. ${advice ?? signInFix(ctx.authMethod)}`,
  };
}

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

/** Every error code the service gave: the top level one and the nested inner ones (ForbiddenByRbac and so on). */
function serviceCodes(err: Loose): string[] {
  const codes: string[] = [];
  const code = str(err.code);
  if (code) codes.push(code);
  let inner = asObject(asObject(err.details)?.error);
  for (let depth = 0; inner && depth < 5; depth++) {
    const c = str(inner.code);
    if (c && !codes.includes(c)) codes.push(c);
    inner = asObject(inner.innerError ?? inner.innererror);
  }
  return codes;
}

function fromStatus(err: unknown, ctx: ErrorContext): KluisError | undefined {
  const e = asObject(err);
  const status = e?.statusCode;
  if (!e || typeof status !== 'number') return undefined;
  const codes = serviceCodes(e);
  const code = codes[codes.length - 1];
  const serviceMessage = str(e.message) ?? '';
  const base = { status, ...(code ? { code } : {}) };
  const has = (c: string) => codes.includes(c);
  const what = ctx.secretName ? `"${ctx.secretName}"` : 'it';

  if (status === 400) {
    return {
      ...base,
      kind: 'invalid-input',
      message: `Key Vault refused the request: ${clip(serviceMessage)}`,
    };
  }
  if (status === 401) {
    return {
      ...base,
      kind: 'unauthenticated',
      message: `Key Vault did not accept your sign-in. Sign in again and check that the vault belongs to the tenant you signed in to. ${signInFix(ctx.authMethod)}`,
    };
  }
  if (status === 403) {
    if (has('SecretDisabled') || /disabled secret/i.test(serviceMessage)) {
      return {
        ...base,
        kind: 'disabled',
        message: `The secret ${what} is disabled. Enable it to read its value.`,
      };
    }
    return { ...base, kind: 'forbidden', message: forbiddenMessage(codes, serviceMessage, ctx) };
  }
  if (status === 404) {
    const subject = ctx.secretName ? `The secret "${ctx.secretName}"` : 'The secret or vault';
    return {
      ...base,
      kind: 'not-found',
      message: `${subject} was not found. It may have been deleted or renamed; refresh the list.`,
    };
  }
  if (status === 409) {
    if (has('ObjectIsDeletedButRecoverable')) {
      return {
        ...base,
        kind: 'conflict-deleted',
        ...(ctx.secretName ? { secretName: ctx.secretName } : {}),
        message: `A deleted secret named ${what} still exists in this vault. Recover it or purge it, then create again.`,
      };
    }
    if (has('ObjectIsBeingDeleted')) {
      return {
        ...base,
        kind: 'conflict',
        message: `The secret ${what} is still being deleted. Wait a moment and try again.`,
      };
    }
    return {
      ...base,
      kind: 'conflict',
      message: `Key Vault reported a conflict: ${clip(serviceMessage)} Refresh and try again.`,
    };
  }
  if (status === 429) {
    return {
      ...base,
      kind: 'throttled',
      message: 'Key Vault is throttling requests from you. Wait a few seconds and try again.',
    };
  }
  if (status >= 500) {
    return {
      ...base,
      kind: 'service',
      message: `Key Vault had a problem (HTTP ${status}). Try again in a minute.`,
    };
  }
  return {
    ...base,
    kind: 'internal',
    message: `Key Vault answered with HTTP ${status}: ${clip(serviceMessage)}`,
  };
}

function forbiddenMessage(codes: string[], serviceMessage: string, ctx: ErrorContext): string {
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

/** Node network and TLS errors arrive either bare or wrapped in a RestError with the same code. */
function fromConnectionError(err: unknown, ctx: ErrorContext): KluisError | undefined {
  for (let e = asObject(err), depth = 0; e && depth < 5; e = asObject(e.cause), depth++) {
    const code = str(e.code);
    if (!code) continue;
    const host = hostOf(e, ctx);
    const where = host ?? 'the vault';
    if (NETWORK_CODES.has(code)) {
      const why =
        code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? `the name ${where} could not be found. Check the vault name and your DNS or VPN`
          : code === 'ECONNREFUSED'
            ? `${where} refused the connection. Check that the vault (or local vault) is running and the address is right`
            : `the connection to ${where} failed (${code}). Check your network, proxy or VPN and try again`;
      return {
        kind: 'network',
        code,
        ...(host ? { host } : {}),
        message: `Kluis could not reach the vault: ${why}.`,
      };
    }
    if (code === 'REQUEST_SEND_ERROR' && !asObject(e.cause)) {
      // The HTTP client failed without a lower-level cause: most often a proxy or a dropped connection.
      return {
        kind: 'network',
        code,
        ...(host ? { host } : {}),
        message: `Kluis could not reach the vault: the request to ${where} could not be sent. Check your network, proxy or VPN and try again.`,
      };
    }
    if (TLS_CODE.test(code)) {
      return { kind: 'tls', code, ...(host ? { host } : {}), message: tlsMessage(where, code, ctx) };
    }
  }
  return undefined;
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

function hostOf(e: Loose, ctx: ErrorContext): string | undefined {
  const url = str(asObject(e.request)?.url) ?? ctx.vaultUrl;
  if (url) {
    try {
      return new URL(url).host;
    } catch {
      /* fall through to the error's own fields */
    }
  }
  return str(e.hostname) ?? str(e.host);
}

function internal(err: unknown): KluisError {
  const name = str(asObject(err)?.name) ?? typeof err;
  // Only the error's type travels: an unknown error's message could quote anything, including a value.
  return {
    kind: 'internal',
    message: `Something went wrong inside Kluis (${name}). Please report this with what you were doing.`,
  };
}

/** The last error of an operation that was retried: same kind, but the message says Kluis already kept trying. */
function afterRetries(error: KluisError, retried: FailedAfterRetries): KluisError {
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

/** Service messages are short already; clipping keeps a runaway one from flooding the UI. */
const clip = (s: string): string => (s.length > 300 ? `${s.slice(0, 297)}...` : s);
