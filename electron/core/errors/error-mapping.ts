import type { KluisError } from '../../contract';
import { identityErrorAdvice } from '../auth/identity-errors';
import {
  afterRetries,
  clip,
  type ErrorContext,
  forbiddenMessage,
  internal,
  networkMessage,
  signInFix,
  tlsMessage,
} from './error-messages';
import { KluisFailure } from './kluis-failure';
import { diagnoseRefusal, diagnosisMessage } from '../access/access-diagnosis';
import { FailedAfterRetries } from '../reliability/retry-budget';

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
  const access =
    status === 401 || status === 403
      ? diagnoseRefusal(
          { status, codes, message: serviceMessage, ...refusalHeaders(e) },
          {
            ...(ctx.operation ? { operation: ctx.operation } : {}),
            ...(ctx.vaultUrl ? { vaultUrl: ctx.vaultUrl } : {}),
          },
        )
      : undefined;
  if (access) {
    return {
      ...base,
      kind: status === 401 ? 'unauthenticated' : 'forbidden',
      message: diagnosisMessage(access, ctx.operation),
      access,
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

/** The headers of a refusal that carry detail (the challenge, the address the service saw), when the error kept them. */
function refusalHeaders(e: Loose): { wwwAuthenticate?: string; networkInfo?: string } {
  const headers = asObject(asObject(e.response)?.headers);
  const get = headers?.get;
  if (typeof get !== 'function') return {};
  const read = (name: string) => str((get as (n: string) => unknown).call(headers, name));
  const wwwAuthenticate = read('www-authenticate');
  const networkInfo = read('x-ms-keyvault-network-info');
  return { ...(wwwAuthenticate ? { wwwAuthenticate } : {}), ...(networkInfo ? { networkInfo } : {}) };
}

/** Node network and TLS errors arrive either bare or wrapped in a RestError with the same code. */
function fromConnectionError(err: unknown, ctx: ErrorContext): KluisError | undefined {
  for (let e = asObject(err), depth = 0; e && depth < 5; e = asObject(e.cause), depth++) {
    const code = str(e.code);
    if (!code) continue;
    const host = hostOf(e, ctx);
    const where = host ?? 'the vault';
    if (NETWORK_CODES.has(code)) {
      return { kind: 'network', code, ...(host ? { host } : {}), message: networkMessage(where, code) };
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

export { signInFix, tlsMessage, type ErrorContext };
