import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { get as httpsGet } from 'node:https';
import { ServiceError } from './errors';

/**
 * `--auth jwt`: checks bearer tokens the way the service does, so real credentials can be tested against a local
 * OpenID Connect provider. RS256 only (what Entra ID issues for Key Vault).
 */
export interface JwtAuthConfig {
  mode: 'jwt';
  /** Exact `iss` expected, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
  issuer: string;
  /** HTTPS URL of the issuer's JSON Web Key Set. */
  jwksUri: string;
  /** Default https://vault.azure.net; the same with a trailing slash is accepted too, as the service does. */
  audience?: string;
  /** PEM of the CA that issued the JWKS host's certificate; default: Node's trusted roots. */
  ca?: string;
}

export interface JwtVerifierOptions {
  /** Tolerance for exp/nbf, seconds (default 300, as Microsoft's token validation uses). */
  clockSkewSeconds?: number;
  /** A token with an unknown kid refetches the key set, at most this often (default 5 s). */
  minRefetchMs?: number;
  now?: () => number;
  fetchJwks?: (uri: string, ca: string | undefined) => Promise<unknown>;
  warn?: (message: string) => void;
}

export const DEFAULT_JWT_AUDIENCE = 'https://vault.azure.net';

/** 401 bodies: the service's wording where it is recorded (see the local vault README), ours elsewhere. */
const unauthorized = (message: string): ServiceError => new ServiceError(401, 'Unauthorized', message);
export const jwtErrors = {
  malformed: () => unauthorized('AKV10032: Invalid issuer or token. The access token is not valid.'),
  unknownKey: () => unauthorized('AKV10046: Unable to resolve the key used for signature validation.'),
  badSignature: () => unauthorized('AKV10032: Invalid issuer or token. The token signature is not valid.'),
  issuer: (expected: string, found: string) =>
    unauthorized(`AKV10032: Invalid issuer. Expected one of ${expected}, found ${found}.`),
  audience: (expected: string, found: string) =>
    unauthorized(`AKV10022: Invalid audience. Expected ${expected}, found: ${found}.`),
  expired: () => unauthorized("[TokenExpired] Error validating token: 'S2S12086'."),
  notYetValid: () => unauthorized('Token not yet valid.'),
};

interface Jwk extends JsonWebKey {
  kid?: string;
  kty?: string;
  use?: string;
}

const b64json = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Why a token was refused, for a caller to word as its service does (Key Vault here, ARM in electron/local-arm). */
export type JwtRejection =
  | { reason: 'malformed' | 'unknownKey' | 'badSignature' }
  | { reason: 'issuer'; found: string }
  | { reason: 'audience'; found: string[] }
  | { reason: 'expired'; exp: number | undefined }
  | { reason: 'notYetValid'; nbf: number };

export type JwtCheckResult = { ok: true; claims: Record<string, unknown> } | ({ ok: false } & JwtRejection);

/** What a token must satisfy: signed by a key of the JWKS, an accepted issuer, one of the audiences. */
export interface JwtCheckConfig {
  jwksUri: string;
  ca?: string;
  /** Whether `iss` is accepted; the claims are given so an issuer can depend on `tid` (ARM: one per tenant). */
  issuerAccepted(iss: unknown, claims: Record<string, unknown>): boolean;
  /** Accepted audiences; each also matches with or without a trailing slash. */
  audiences: readonly string[];
}

/**
 * The shared check behind `--auth jwt` (local vault) and the local ARM stand-in: RS256 signature against the JWKS
 * (cached by kid, refetched for an unknown kid at most every minRefetchMs), then issuer, audience, exp and nbf.
 */
export function jwtChecker(
  cfg: JwtCheckConfig,
  opts: JwtVerifierOptions = {},
): (token: string) => Promise<JwtCheckResult> {
  const audiences = cfg.audiences.map((a) => a.replace(/\/+$/, ''));
  const skewMs = (opts.clockSkewSeconds ?? 300) * 1000;
  const minRefetchMs = opts.minRefetchMs ?? 5_000;
  const now = opts.now ?? Date.now;
  const fetchJwks = opts.fetchJwks ?? fetchJson;
  const keys = new Map<string, KeyObject>();
  let lastFetch = -Infinity;
  let inflight: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    inflight ??= (async () => {
      lastFetch = now();
      try {
        const body = (await fetchJwks(cfg.jwksUri, cfg.ca)) as { keys?: unknown };
        if (!Array.isArray(body.keys)) throw new Error('no "keys" array');
        keys.clear();
        for (const jwk of body.keys as Jwk[]) {
          if (jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
          try {
            keys.set(jwk.kid ?? '', createPublicKey({ key: jwk, format: 'jwk' }));
          } catch {
            opts.warn?.('jwks: skipped a key that does not parse');
          }
        }
      } catch (e) {
        opts.warn?.(`jwks: fetch failed (${(e as Error).message})`);
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  const keyFor = async (kid: string | undefined): Promise<KeyObject | undefined> => {
    const find = (): KeyObject | undefined =>
      kid !== undefined ? keys.get(kid) : keys.size === 1 ? [...keys.values()][0] : undefined;
    let key = find();
    if (!key && (inflight || now() - lastFetch >= minRefetchMs)) {
      await refresh();
      key = find();
    }
    return key;
  };

  const no = (r: JwtRejection): JwtCheckResult => ({ ok: false, ...r });

  return async (token) => {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => p.length > 0 && B64URL.test(p)))
      return no({ reason: 'malformed' });
    const [h, p, s] = parts as [string, string, string];
    let header: { alg?: unknown; kid?: unknown };
    let claims: Record<string, unknown>;
    try {
      header = b64json(h) as typeof header;
      claims = b64json(p) as typeof claims;
    } catch {
      return no({ reason: 'malformed' });
    }
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object')
      return no({ reason: 'malformed' });
    if (header.alg !== 'RS256') return no({ reason: 'badSignature' });

    const key = await keyFor(typeof header.kid === 'string' ? header.kid : undefined);
    if (!key) return no({ reason: 'unknownKey' });
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')))
      return no({ reason: 'badSignature' });

    if (!cfg.issuerAccepted(claims.iss, claims))
      return no({ reason: 'issuer', found: String(claims.iss ?? '') });
    const auds = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter(
      (a): a is string => typeof a === 'string',
    );
    if (!auds.some((a) => audiences.includes(a.replace(/\/+$/, ''))))
      return no({ reason: 'audience', found: auds });
    const t = now();
    if (typeof claims.exp !== 'number' || claims.exp * 1000 + skewMs < t)
      return no({ reason: 'expired', exp: typeof claims.exp === 'number' ? claims.exp : undefined });
    if (typeof claims.nbf === 'number' && claims.nbf * 1000 - skewMs > t)
      return no({ reason: 'notYetValid', nbf: claims.nbf });
    return { ok: true, claims };
  };
}

/** Returns a check of a raw bearer token: undefined when it is accepted, else the 401 to answer. */
export function jwtVerifier(
  cfg: JwtAuthConfig,
  opts: JwtVerifierOptions = {},
): (token: string) => Promise<ServiceError | undefined> {
  const audience = (cfg.audience ?? DEFAULT_JWT_AUDIENCE).replace(/\/+$/, '');
  const check = jwtChecker(
    {
      jwksUri: cfg.jwksUri,
      ...(cfg.ca !== undefined ? { ca: cfg.ca } : {}),
      issuerAccepted: (iss) => iss === cfg.issuer,
      audiences: [audience],
    },
    opts,
  );
  return async (token) => {
    const r = await check(token);
    if (r.ok) return undefined;
    switch (r.reason) {
      case 'malformed':
        return jwtErrors.malformed();
      case 'unknownKey':
        return jwtErrors.unknownKey();
      case 'badSignature':
        return jwtErrors.badSignature();
      case 'issuer':
        return jwtErrors.issuer(cfg.issuer, r.found);
      case 'audience':
        return jwtErrors.audience(audience, r.found.join(', '));
      case 'expired':
        return jwtErrors.expired();
      case 'notYetValid':
        return jwtErrors.notYetValid();
    }
  };
}

/** GET a small JSON document over HTTPS, trusting `ca` when given (verification always on). */
function fetchJson(uri: string, ca: string | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const url = new URL(uri);
    if (url.protocol !== 'https:') {
      reject(new Error('the JWKS URL must be https'));
      return;
    }
    const req = httpsGet(url, { ...(ca ? { ca } : {}), timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 1_000_000) req.destroy(new Error('JWKS response too large'));
        else chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`HTTP ${res.statusCode ?? '?'}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error('JWKS is not JSON'));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}
