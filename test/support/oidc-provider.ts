import {
  constants,
  createHash,
  randomBytes,
  randomUUID,
  verify,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateTls } from '../../electron/local-vault/tls';
import { decodeJwtPart, newSigningKey, signJwt, type SigningKey } from './jwt';

/**
 * A small OpenID Connect provider for tests, shaped like Entra ID's v2.0 endpoints so MSAL (and so @azure/identity)
 * works against it with `authorityHost: provider.authorityHost` and `disableInstanceDiscovery: true`:
 * discovery, JWKS, token (client_credentials with secret or certificate assertion, refresh_token,
 * authorization_code + PKCE, device_code), authorize (consents at once) and devicecode. HTTPS on 127.0.0.1 with its
 * own CA; clients trust `caPem`. Issues real RS256 tokens that the local vault's `--auth jwt` mode validates.
 */
export interface OidcClient {
  clientId: string;
  secret?: string;
  /** PEM certificate whose key signs client assertions. */
  certificatePem?: string;
}

export interface OidcUser {
  oid: string;
  preferredUsername: string;
  name: string;
}

export interface OidcProvider {
  /** https://127.0.0.1:<port> */
  authorityHost: string;
  tenantId: string;
  caPem: string;
  issuer(tenantId?: string): string;
  jwksUri(tenantId?: string): string;
  registerClient(client: OidcClient): void;
  /** The signed-in user of user flows (authorization code, device code). */
  user: OidcUser;
  /**
   * An access token as the token endpoint would issue it, for stand-ins such as a managed-identity endpoint. Any
   * tenant id may be given (the provider serves every tenant in its paths); `asUser` issues it for `user`.
   */
  issueAccessToken(opts: {
    resource: string;
    clientId?: string;
    lifetimeSeconds?: number;
    tenantId?: string;
    asUser?: boolean;
  }): string;
  /** Approves a pending device code, as a user entering it at verification_uri would. */
  approveDeviceCode(userCode: string): boolean;
  /**
   * Makes discovery advertise this authorize endpoint (a tampered or misconfigured provider); undefined restores the
   * provider's own.
   */
  advertiseAuthorizeEndpoint(url: string | undefined): void;
  /** How many times the token endpoint was polled with the device code shown as `userCode`. */
  devicePolls(userCode: string): number;
  /** Replaces the signing key (old tokens stop validating once verifiers refetch the key set). */
  rotateSigningKey(): void;
  /** grant_type of each token request, in order (no secrets). */
  readonly grants: string[];
  /** Each token request's grant, scope and the tenant in its path, in order (no secrets). */
  readonly tokenRequests: Array<{ grant: string; scope: string; tenant: string }>;
  stop(): Promise<void>;
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** RFC 8628's grant type; MSAL sends the short 'device_code', which Entra ID accepts too. */
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The resource a v2 scope names: https://vault.azure.net/.default -> https://vault.azure.net. */
export function resourceOfScopes(scope: string): string | undefined {
  const s = scope.split(' ').find((x) => x && !OIDC_SCOPES.has(x));
  if (!s) return undefined;
  const slash = s.lastIndexOf('/');
  return slash > 'https://'.length ? s.slice(0, slash) : s;
}

interface Grant {
  clientId: string;
  scope: string;
  tenantId: string;
  nonce?: string;
}

export async function startOidcProvider(
  opts: { tenantId?: string; tokenLifetimeSeconds?: number } = {},
): Promise<OidcProvider> {
  const tenantId = opts.tenantId ?? randomUUID();
  const lifetime = opts.tokenLifetimeSeconds ?? 3600;
  const tls = await generateTls();
  let signing: SigningKey = newSigningKey();
  let retired: SigningKey[] = [];
  const clients = new Map<string, OidcClient>();
  const refreshTokens = new Map<string, Grant>();
  const codes = new Map<
    string,
    Grant & { redirectUri: string; challenge?: string; method?: string; expires: number }
  >();
  const devices = new Map<string, Grant & { userCode: string; approved: boolean; expires: number }>();
  const grants: string[] = [];
  const tokenRequests: Array<{ grant: string; scope: string; tenant: string }> = [];
  const pollsByUserCode = new Map<string, number>();
  let advertisedAuthorize: string | undefined;
  const user: OidcUser = {
    oid: randomUUID(),
    preferredUsername: 'ada@kluis.test',
    name: 'Ada Tester',
  };
  let origin = '';
  const issuer = (t = tenantId): string => `${origin}/${t}/v2.0`;

  const now = (): number => Math.floor(Date.now() / 1000);
  const accessToken = (
    g: { tenantId: string; clientId: string; resource: string; user?: boolean },
    ttl = lifetime,
  ) =>
    signJwt(
      {
        aud: g.resource,
        iss: issuer(g.tenantId),
        iat: now(),
        nbf: now(),
        exp: now() + ttl,
        tid: g.tenantId,
        azp: g.clientId,
        appid: g.clientId,
        oid: g.user ? user.oid : g.clientId,
        sub: g.user ? user.oid : g.clientId,
        ...(g.user
          ? { preferred_username: user.preferredUsername, name: user.name, scp: 'user_impersonation' }
          : {}),
        ver: '2.0',
      },
      signing,
    );

  function userTokens(g: Grant, withRefresh = true): Record<string, unknown> {
    const resource = resourceOfScopes(g.scope);
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: g.scope,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      id_token: signJwt(
        {
          aud: g.clientId,
          iss: issuer(g.tenantId),
          iat: now(),
          nbf: now(),
          exp: now() + lifetime,
          tid: g.tenantId,
          oid: user.oid,
          sub: user.oid,
          preferred_username: user.preferredUsername,
          name: user.name,
          ver: '2.0',
          ...(g.nonce ? { nonce: g.nonce } : {}),
        },
        signing,
      ),
      client_info: Buffer.from(JSON.stringify({ uid: user.oid, utid: g.tenantId })).toString('base64url'),
    };
    if (resource) body.access_token = accessToken({ ...g, resource, user: true });
    if (withRefresh) {
      const rt = randomBytes(24).toString('base64url');
      refreshTokens.set(rt, g);
      body.refresh_token = rt;
    }
    return body;
  }

  /** Checks a certificate's client assertion (RFC 7523), signed RS256 or PS256 as MSAL does. */
  function assertionValid(assertion: string, client: OidcClient, tokenEndpoint: string): boolean {
    if (!client.certificatePem) return false;
    const parts = assertion.split('.');
    if (parts.length !== 3) return false;
    try {
      const header = decodeJwtPart(assertion, 0);
      const claims = decodeJwtPart(assertion, 1);
      const cert = new X509Certificate(client.certificatePem);
      const der = cert.raw;
      const x5t = createHash('sha1').update(der).digest('base64url');
      const x5t256 = createHash('sha256').update(der).digest('base64url');
      if (header['x5t'] !== x5t && header['x5t#S256'] !== x5t256) return false;
      const input = Buffer.from(`${parts[0]}.${parts[1]}`);
      const sig = Buffer.from(parts[2] ?? '', 'base64url');
      const key: KeyObject = cert.publicKey;
      const ok =
        header.alg === 'RS256'
          ? verify('RSA-SHA256', input, key, sig)
          : header.alg === 'PS256'
            ? verify(
                'RSA-SHA256',
                input,
                { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
                sig,
              )
            : false;
      return (
        ok &&
        claims.iss === client.clientId &&
        claims.sub === client.clientId &&
        claims.aud === tokenEndpoint &&
        typeof claims.exp === 'number' &&
        claims.exp > now()
      );
    } catch {
      return false;
    }
  }

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
    send(res, status, {
      error,
      error_description: description,
      error_codes: [],
      timestamp: new Date().toISOString(),
    });

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  function authenticateClient(form: URLSearchParams, tokenEndpoint: string): OidcClient | string {
    const client = clients.get(form.get('client_id') ?? '');
    if (!client) return 'AADSTS700016: Application not found in the directory.';
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      return client.secret !== undefined && secret === client.secret
        ? client
        : 'AADSTS7000215: Invalid client secret provided.';
    }
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== ASSERTION_TYPE) return 'AADSTS50027: Invalid assertion type.';
      return assertionValid(assertion, client, tokenEndpoint)
        ? client
        : 'AADSTS700027: Client assertion failed signature validation.';
    }
    return client; // a public client (device code, authorization code)
  }

  async function token(req: IncomingMessage, res: ServerResponse, tenant: string): Promise<void> {
    const form = await readForm(req);
    const grant = form.get('grant_type') ?? '';
    grants.push(grant);
    tokenRequests.push({ grant, scope: form.get('scope') ?? '', tenant });
    const tokenEndpoint = `${origin}/${tenant}/oauth2/v2.0/token`;
    const client = authenticateClient(form, tokenEndpoint);
    if (typeof client === 'string') return oauthError(res, 401, 'invalid_client', client);
    const scope = form.get('scope') ?? '';
    switch (grant) {
      case 'client_credentials': {
        if (!client.secret && !client.certificatePem)
          return oauthError(
            res,
            401,
            'invalid_client',
            'AADSTS7000218: client_assertion or client_secret required.',
          );
        if (form.get('client_secret') === null && form.get('client_assertion') === null)
          return oauthError(
            res,
            401,
            'invalid_client',
            'AADSTS7000218: client_assertion or client_secret required.',
          );
        const resource = resourceOfScopes(scope);
        if (!resource || !scope.endsWith('/.default'))
          return oauthError(res, 400, 'invalid_scope', 'AADSTS1002012: The provided scope is not valid.');
        return send(res, 200, {
          token_type: 'Bearer',
          expires_in: lifetime,
          ext_expires_in: lifetime,
          access_token: accessToken({ tenantId: tenant, clientId: client.clientId, resource }),
        });
      }
      case 'refresh_token': {
        const g = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!g || g.clientId !== client.clientId)
          return oauthError(res, 400, 'invalid_grant', 'AADSTS70000: The refresh token is not valid.');
        refreshTokens.delete(form.get('refresh_token') ?? '');
        return send(res, 200, userTokens({ ...g, scope: scope || g.scope }));
      }
      case 'authorization_code': {
        const code = form.get('code') ?? '';
        const g = codes.get(code);
        codes.delete(code);
        if (!g || g.clientId !== client.clientId || g.expires < Date.now())
          return oauthError(res, 400, 'invalid_grant', 'AADSTS70008: The authorization code is not valid.');
        if (form.get('redirect_uri') !== g.redirectUri)
          return oauthError(res, 400, 'invalid_grant', 'AADSTS50148: The redirect_uri does not match.');
        if (g.challenge) {
          const verifier = form.get('code_verifier') ?? '';
          const computed =
            g.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
          if (computed !== g.challenge)
            return oauthError(res, 400, 'invalid_grant', 'AADSTS501481: The code_verifier does not match.');
        }
        return send(res, 200, userTokens(g));
      }
      case DEVICE_GRANT:
      case 'device_code': {
        const dc = form.get('device_code') ?? '';
        const d = devices.get(dc);
        if (d) pollsByUserCode.set(d.userCode, (pollsByUserCode.get(d.userCode) ?? 0) + 1);
        if (!d || d.clientId !== client.clientId)
          return oauthError(res, 400, 'invalid_grant', 'AADSTS70000: The device code is not valid.');
        if (d.expires < Date.now())
          return oauthError(res, 400, 'expired_token', 'AADSTS70020: The code expired.');
        if (!d.approved)
          return oauthError(
            res,
            400,
            'authorization_pending',
            'AADSTS70016: Pending end-user authorization.',
          );
        devices.delete(dc);
        return send(res, 200, userTokens(d));
      }
      default:
        return oauthError(
          res,
          400,
          'unsupported_grant_type',
          `AADSTS70003: grant_type ${grant} is not supported.`,
        );
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const [tenant, ...rest] = url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    const t = tenant ?? '';
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer: issuer(t),
        authorization_endpoint: advertisedAuthorize ?? `${origin}/${t}/oauth2/v2.0/authorize`,
        token_endpoint: `${origin}/${t}/oauth2/v2.0/token`,
        device_authorization_endpoint: `${origin}/${t}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${origin}/${t}/oauth2/v2.0/logout`,
        jwks_uri: `${origin}/${t}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
        tenant_region_scope: null,
      });
    }
    if (req.method === 'GET' && path === 'discovery/v2.0/keys') {
      return send(res, 200, { keys: [signing, ...retired].map((k) => k.jwk) });
    }
    if (req.method === 'POST' && path === 'oauth2/v2.0/token') return token(req, res, t);
    if (req.method === 'GET' && path === 'oauth2/v2.0/authorize') {
      const q = url.searchParams;
      const clientId = q.get('client_id') ?? '';
      const redirectUri = q.get('redirect_uri') ?? '';
      if (!clients.has(clientId)) return oauthError(res, 400, 'unauthorized_client', 'AADSTS700016');
      if (!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(redirectUri))
        return oauthError(res, 400, 'invalid_request', 'AADSTS50011: loopback redirect URIs only.');
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        clientId,
        scope: q.get('scope') ?? '',
        tenantId: t,
        redirectUri,
        nonce: q.get('nonce') ?? undefined,
        challenge: q.get('code_challenge') ?? undefined,
        method: q.get('code_challenge_method') ?? undefined,
        expires: Date.now() + 300_000,
      });
      const target = new URL(redirectUri);
      target.searchParams.set('code', code);
      const state = q.get('state');
      if (state !== null) target.searchParams.set('state', state);
      target.searchParams.set(
        'client_info',
        Buffer.from(JSON.stringify({ uid: user.oid, utid: t })).toString('base64url'),
      );
      res.writeHead(302, { Location: target.toString() });
      res.end();
      return;
    }
    if (req.method === 'POST' && path === 'oauth2/v2.0/devicecode') {
      const form = await readForm(req);
      const clientId = form.get('client_id') ?? '';
      if (!clients.has(clientId)) return oauthError(res, 400, 'unauthorized_client', 'AADSTS700016');
      const deviceCode = randomBytes(24).toString('base64url');
      const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
      devices.set(deviceCode, {
        clientId,
        scope: form.get('scope') ?? '',
        tenantId: t,
        userCode,
        approved: false,
        expires: Date.now() + 900_000,
      });
      const verificationUri = `${origin}/devicelogin`;
      return send(res, 200, {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        expires_in: 900,
        interval: 1,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      });
    }
    if (req.method === 'POST' && url.pathname === '/devicelogin') {
      const form = await readForm(req);
      return approveDeviceCode(form.get('user_code') ?? '')
        ? send(res, 200, { approved: true })
        : oauthError(res, 400, 'invalid_request', 'unknown code');
    }
    return oauthError(res, 404, 'not_found', `no route ${req.method ?? ''} ${url.pathname}`);
  }

  function approveDeviceCode(userCode: string): boolean {
    for (const d of devices.values()) {
      if (d.userCode === userCode && d.expires > Date.now()) {
        d.approved = true;
        return true;
      }
    }
    return false;
  }

  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    handle(req, res).catch(() => oauthError(res, 500, 'server_error', 'unexpected'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authorityHost: origin,
    tenantId,
    caPem: tls.caPem,
    issuer,
    jwksUri: (t = tenantId) => `${origin}/${t}/discovery/v2.0/keys`,
    registerClient: (c) => void clients.set(c.clientId, c),
    user,
    issueAccessToken: ({
      resource,
      clientId = randomUUID(),
      lifetimeSeconds,
      tenantId: t = tenantId,
      asUser,
    }) => accessToken({ tenantId: t, clientId, resource, user: asUser === true }, lifetimeSeconds),
    approveDeviceCode,
    advertiseAuthorizeEndpoint: (url) => void (advertisedAuthorize = url),
    devicePolls: (userCode) => pollsByUserCode.get(userCode) ?? 0,
    rotateSigningKey() {
      retired = [];
      signing = newSigningKey();
    },
    grants,
    tokenRequests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
