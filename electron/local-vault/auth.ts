import { createHash, timingSafeEqual } from 'node:crypto';
import { jwtVerifier, type JwtAuthConfig, type JwtVerifierOptions } from './auth-jwt';
import { errors, type ServiceError } from './errors';

export type { JwtAuthConfig } from './auth-jwt';
export type StaticAuthConfig = { mode: 'token'; token: string } | { mode: 'any' };
export type AuthConfig = StaticAuthConfig | JwtAuthConfig;

/**
 * The challenge exactly as the service words it: comma + space between quoted params. The JS SDK
 * splits on /,? +/ and needs `resource`; Python splits on "," and needs `authorization`.
 */
export function challengeHeader(
  tenantId: string,
  resource: string,
  authority = 'https://login.microsoftonline.com',
): string {
  return `Bearer authorization="${authority.replace(/\/+$/, '')}/${tenantId}", resource="${resource}"`;
}

export type AuthOutcome = 'ok' | 'missing' | 'invalid';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Builds the per-request check once, so the expected token's digest is computed only at startup. */
export function authorizer(auth: StaticAuthConfig): (header: string | undefined) => AuthOutcome {
  const expected = auth.mode === 'token' ? digest(auth.token) : undefined;
  return (header) => {
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const presented = match?.[1];
    if (!presented) return 'missing';
    if (!expected) return 'ok';
    // Compare digests so the comparison takes the same time whatever the token's length.
    return timingSafeEqual(digest(presented), expected) ? 'ok' : 'invalid';
  };
}

export function checkAuthorization(header: string | undefined, auth: StaticAuthConfig): AuthOutcome {
  return authorizer(auth)(header);
}

const bearer = (header: string | undefined): string | undefined =>
  (header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null)?.[1];

/**
 * The server's per-request check for any mode: undefined when the request may proceed, else the 401 to answer.
 * Only JWT mode is asynchronous (it may fetch the issuer's keys), so the other modes stay synchronous.
 */
export function requestAuthenticator(
  auth: AuthConfig,
  jwtOptions: JwtVerifierOptions = {},
): (header: string | undefined) => ServiceError | undefined | Promise<ServiceError | undefined> {
  if (auth.mode === 'jwt') {
    const check = jwtVerifier(auth, jwtOptions);
    return (header) => {
      const token = bearer(header);
      return token ? check(token) : errors.missingToken();
    };
  }
  const check = authorizer(auth);
  return (header) => {
    const outcome = check(header);
    if (outcome === 'ok') return undefined;
    return outcome === 'missing' ? errors.missingToken() : errors.invalidToken();
  };
}

/** The tenant a JWT-mode challenge names: the issuer's first path segment (Entra ID's issuers carry it there). */
export function issuerTenant(issuer: string): string | undefined {
  try {
    const first = new URL(issuer).pathname.split('/').filter(Boolean)[0];
    return first && /^[A-Za-z0-9.-]+$/.test(first) ? first : undefined;
  } catch {
    return undefined;
  }
}
