import { createHash, timingSafeEqual } from 'node:crypto';
import { jwtChecker, type JwtVerifierOptions } from '../local-vault/auth-jwt';
import { ARM_AUDIENCES, armErrors, type ArmError } from './errors';
import type { ArmAuthConfig } from './options';

/** Who is calling: the token's tenant decides which subscriptions it sees. */
export interface ArmCaller {
  tenantId: string;
  principalId: string;
  appId: string | undefined;
  /** The token's issuer (quoted by InvalidAuthenticationTokenTenant). */
  issuer: string;
}

const bearer = (header: string | undefined): string | undefined =>
  (header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null)?.[1];

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Expands the `{tenantid}` placeholder of a multi-tenant issuer. */
export const issuerFor = (template: string, tenantId: string): string =>
  template.replace(/\{tenantid\}/gi, tenantId);

/**
 * The per-request token check: the caller, or the 401 ARM answers (with its WWW-Authenticate challenge). Built on
 * the local vault's JWT check (auth-jwt.ts), worded as ARM words its refusals.
 */
export function armAuthenticator(
  cfg: ArmAuthConfig,
  authority: string,
  defaults: { tenantId: () => string; principalId: string },
  opts: JwtVerifierOptions & { now?: () => number } = {},
): (header: string | undefined) => Promise<ArmCaller | ArmError> {
  const now = opts.now ?? Date.now;
  if (cfg.mode === 'token') {
    const expected = digest(cfg.token);
    return async (header) => {
      if (header === undefined || header === '') return armErrors.missingToken(authority);
      const token = bearer(header);
      if (!token) return armErrors.malformedToken(authority);
      if (!timingSafeEqual(digest(token), expected)) return armErrors.invalidToken(authority);
      const tenantId = cfg.tenantId ?? defaults.tenantId();
      return {
        tenantId,
        principalId: cfg.principalId ?? defaults.principalId,
        appId: undefined,
        issuer: `https://sts.windows.net/${tenantId}/`,
      };
    };
  }
  const audiences = cfg.audiences ?? ARM_AUDIENCES;
  const check = jwtChecker(
    {
      jwksUri: cfg.jwksUri,
      ...(cfg.ca !== undefined ? { ca: cfg.ca } : {}),
      issuerAccepted: (iss, claims) =>
        typeof claims.tid === 'string' &&
        typeof iss === 'string' &&
        iss === issuerFor(cfg.issuer, claims.tid),
      audiences,
    },
    opts,
  );
  return async (header) => {
    if (header === undefined || header === '') return armErrors.missingToken(authority);
    const token = bearer(header);
    if (!token) return armErrors.malformedToken(authority);
    const r = await check(token);
    if (!r.ok) {
      switch (r.reason) {
        case 'malformed':
          return armErrors.malformedToken(authority);
        case 'unknownKey':
        case 'badSignature':
        case 'notYetValid':
          return armErrors.invalidToken(authority);
        case 'issuer':
          return armErrors.wrongIssuer(authority, r.found);
        case 'audience':
          return armErrors.wrongAudience(authority, r.found.join(','), audiences);
        case 'expired':
          return armErrors.expired(authority, r.exp, now());
      }
    }
    const c = r.claims;
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    return {
      tenantId: str(c.tid) ?? '',
      principalId: str(c.oid) ?? str(c.sub) ?? '',
      appId: str(c.appid) ?? str(c.azp),
      issuer: str(c.iss) ?? '',
    };
  };
}
