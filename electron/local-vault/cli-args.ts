import { SECRET_PERMISSIONS, type AccessOptions, type SecretPermission } from './access';

/** Command-line parsing for the standalone local vault, kept pure so it can be unit-tested. */
export interface CliArgs {
  help: boolean;
  host: string;
  port: number;
  auth: { mode: 'token'; token?: string } | { mode: 'any' } | { mode: 'jwt' };
  /** --auth token:VALUE was given (the token then shows in ps: a warning says so). */
  tokenOnCommandLine: boolean;
  tokenFile?: string;
  allowAnyTokenOnNetwork: boolean;
  paging: 'service' | 'sparse';
  consistencyLagMs: number;
  challengeAuthority?: string;
  maxConnections?: number;
  jwtIssuer?: string;
  jwtJwks?: string;
  jwtCa?: string;
  jwtAudience?: string;
  tenantId?: string;
  resource?: string;
  hostnames: string[];
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  caOut?: string;
  dataDir?: string;
  keyFile?: string;
  recoverableDays?: number;
  purgeProtection: boolean;
  latencyMs: number;
  throttle: boolean;
  throttleNoRetryAfter: boolean;
  faultRate?: number;
  seed?: number;
  vaults: string[];
  /** --access-model, --deny, --firewall, --public-network-access, --vault-location, --vault-resource-id. */
  access: AccessOptions;
  quiet: boolean;
}

export const HELP = `Kluis local vault: an HTTPS server speaking the Azure Key Vault secrets REST API.

Usage: npm run local-vault -- [options]

  --host HOST               address to listen on (default 127.0.0.1)
  --port N                  port; 0 picks a free one (default 0). With several --vault, vault i
                            listens on N+i (or on free ports when N is 0)
  --auth token:VALUE        accept only this bearer token (default: token mode, random token printed).
                            Other users can read it in ps: prefer --token-file or KLUIS_LOCAL_VAULT_TOKEN
  --token-file FILE         accept only the bearer token in FILE (trailing newline ignored)
                            (env KLUIS_LOCAL_VAULT_TOKEN does the same when neither is given)
  --auth any                accept any bearer token (loopback --host only, unless
                            --insecure-any-token-on-network)
  --insecure-any-token-on-network
                            allow --auth any on a non-loopback --host: anyone who can reach the
                            port can then read and change every secret
  --auth jwt                accept RS256 JWTs from an OpenID Connect issuer, checked like the service
                            does (signature, iss, aud, exp/nbf); needs --jwt-issuer and --jwt-jwks
  --jwt-issuer URL          the exact "iss" tokens must carry
  --jwt-jwks URL            the issuer's JSON Web Key Set (https)
  --jwt-ca FILE             CA (PEM) to trust for --jwt-jwks (default: the system's roots)
  --jwt-audience URL        expected "aud" (default https://vault.azure.net)
  --tenant GUID             tenant in the WWW-Authenticate challenge (default a fixed local GUID)
  --resource URL            resource in the challenge (default https://vault.azure.net)
  --hostname NAME           extra DNS name or IP for the generated certificate (repeatable)
  --tls-cert FILE           serve this certificate (PEM) instead of generating one; needs --tls-key
  --tls-key FILE            private key (PEM) for --tls-cert
  --tls-ca FILE             CA (PEM) that issued --tls-cert, written by --ca-out (default: the cert)
  --ca-out FILE             write the CA certificate clients should trust to FILE
  --data-dir DIR            persist to DIR (encrypted, crash-safe); default: in memory only. With
                            several --vault, each vault uses DIR/<name>; the generated CA is kept in
                            DIR so it stays the same across restarts
  --key-file FILE           the 32-byte store key (raw, or base64); otherwise env KLUIS_LOCAL_VAULT_KEY
                            (base64 of 32 bytes). Required with --data-dir
  --recoverable-days N      soft-delete retention, 7..90 (default 90)
  --purge-protection        refuse purges, as a vault with purge protection does
  --latency MS              add MS milliseconds to every request
  --throttle                answer 429 beyond 300 secret creates / 4000 other requests per 10 s
  --throttle-no-retry-after like --throttle but without Retry-After (as observed on the service)
  --faults RATE             answer this fraction of requests with 500, 503 or a connection reset
  --paging MODE             list page shapes: "service" (default: full pages, the last one carries
                            "nextLink": null, like the recordings) or "sparse" (seeded: empty pages
                            that still link on, short pages, a trailing empty page)
  --consistency-lag MS      reads show deletes, recovers and purges only after MS milliseconds
                            (each drawn from MS/2..MS with --seed), like the service's eventual
                            consistency; default 0
  --challenge-authority URL sign-in host the challenge names (default https://login.microsoftonline.com;
                            older service answers name https://login.windows.net)
  --max-connections N       open connections at most (default 256); TLS handshakes must finish in
                            10 s, request headers arrive in 20 s, whole requests in 60 s
  --seed N                  seed for --faults, --paging sparse and --consistency-lag (default 1)
  --vault NAME              run a vault named NAME (repeatable): one server per vault
  --access-model MODEL      "rbac" (default) or "policy": which 403 a --deny'd permission gets
                            (ForbiddenByRbac with the data action, or ForbiddenByPolicy)
  --deny PERMS              refuse these secret permissions, comma-separated: get, list, set,
                            delete, recover, backup, restore, purge (e.g. --deny get: list works,
                            reading a value is refused)
  --firewall [ADDRESS]      refuse every request with ForbiddenByFirewall, naming ADDRESS as the
                            client address (default: the connection's address)
  --public-network-access disabled
                            refuse every request with ForbiddenByConnection (private endpoint only)
  --vault-location NAME     the region the 403 messages name (default local)
  --vault-resource-id ID    the vault's ARM id RBAC denials name (default a local subscription)
  --quiet                   no per-request log lines
  --help                    show this help

On start, prints one JSON line: {"url","port","ca","token",...} ("vaults" lists each vault when
there are several), then one line per request: method, path, status, milliseconds. Values and
tokens are never logged. SIGINT/SIGTERM shut down cleanly.
`;

export class CliUsageError extends Error {}

function int(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min || n > max)
    throw new CliUsageError(`${flag} must be an integer ${min}..${max}`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const a: CliArgs = {
    help: false,
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'token' },
    tokenOnCommandLine: false,
    allowAnyTokenOnNetwork: false,
    paging: 'service',
    consistencyLagMs: 0,
    hostnames: [],
    purgeProtection: false,
    latencyMs: 0,
    throttle: false,
    throttleNoRetryAfter: false,
    vaults: [],
    access: {},
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new CliUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        a.help = true;
        break;
      case '--host':
        a.host = value();
        break;
      case '--port':
        a.port = int(flag, value(), 0, 65535);
        break;
      case '--auth': {
        const v = value();
        if (v === 'any') a.auth = { mode: 'any' };
        else if (v === 'jwt') a.auth = { mode: 'jwt' };
        else if (v.startsWith('token:') && v.length > 6 && !/\s/.test(v)) {
          a.auth = { mode: 'token', token: v.slice(6) };
          a.tokenOnCommandLine = true;
        } else throw new CliUsageError('--auth must be "any", "jwt" or "token:<value>"');
        break;
      }
      case '--token-file':
        a.tokenFile = value();
        break;
      case '--insecure-any-token-on-network':
        a.allowAnyTokenOnNetwork = true;
        break;
      case '--paging': {
        const v = value();
        if (v !== 'service' && v !== 'sparse')
          throw new CliUsageError('--paging must be "service" or "sparse"');
        a.paging = v;
        break;
      }
      case '--consistency-lag':
        a.consistencyLagMs = int(flag, value(), 0, 600_000);
        break;
      case '--challenge-authority': {
        const v = value();
        if (!/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(v))
          throw new CliUsageError(
            '--challenge-authority must be an https origin, e.g. https://login.windows.net',
          );
        a.challengeAuthority = v.replace(/\/$/, '');
        break;
      }
      case '--max-connections':
        a.maxConnections = int(flag, value(), 1, 100_000);
        break;
      case '--jwt-issuer':
        a.jwtIssuer = value();
        break;
      case '--jwt-jwks':
        a.jwtJwks = value();
        break;
      case '--jwt-ca':
        a.jwtCa = value();
        break;
      case '--jwt-audience':
        a.jwtAudience = value();
        break;
      case '--tenant':
        a.tenantId = value();
        break;
      case '--resource':
        a.resource = value();
        break;
      case '--hostname':
        a.hostnames.push(value());
        break;
      case '--tls-cert':
        a.tlsCert = value();
        break;
      case '--tls-key':
        a.tlsKey = value();
        break;
      case '--tls-ca':
        a.tlsCa = value();
        break;
      case '--ca-out':
        a.caOut = value();
        break;
      case '--data-dir':
        a.dataDir = value();
        break;
      case '--key-file':
        a.keyFile = value();
        break;
      case '--recoverable-days':
        a.recoverableDays = int(flag, value(), 7, 90);
        break;
      case '--purge-protection':
        a.purgeProtection = true;
        break;
      case '--latency':
        a.latencyMs = int(flag, value(), 0, 600_000);
        break;
      case '--throttle':
        a.throttle = true;
        break;
      case '--throttle-no-retry-after':
        a.throttle = true;
        a.throttleNoRetryAfter = true;
        break;
      case '--faults': {
        const v = value();
        const n = Number(v);
        if (v.trim() === '' || !(n >= 0 && n <= 1))
          throw new CliUsageError('--faults must be a number from 0 to 1');
        a.faultRate = n;
        break;
      }
      case '--seed':
        a.seed = int(flag, value(), 0, 2 ** 32 - 1);
        break;
      case '--vault': {
        const v = value();
        if (!/^[0-9a-zA-Z-]{1,63}$/.test(v))
          throw new CliUsageError('--vault names use letters, digits and -');
        if (a.vaults.includes(v)) throw new CliUsageError(`--vault ${v} given twice`);
        a.vaults.push(v);
        break;
      }
      case '--access-model': {
        const v = value();
        if (v !== 'rbac' && v !== 'policy')
          throw new CliUsageError('--access-model must be "rbac" or "policy"');
        a.access.model = v;
        break;
      }
      case '--deny': {
        const perms = value()
          .split(',')
          .map((p) => p.trim().toLowerCase());
        for (const p of perms)
          if (!(SECRET_PERMISSIONS as readonly string[]).includes(p))
            throw new CliUsageError(`--deny: unknown permission "${p}" (${SECRET_PERMISSIONS.join(', ')})`);
        a.access.deny = [...new Set([...(a.access.deny ?? []), ...(perms as SecretPermission[])])];
        break;
      }
      case '--firewall': {
        const next = inline ?? argv[i + 1];
        if (next !== undefined && !next.startsWith('--')) {
          if (inline === undefined) i++;
          if (!/^[0-9A-Fa-f.:]{2,45}$/.test(next))
            throw new CliUsageError('--firewall ADDRESS must be an IPv4 or IPv6 address');
          a.access.firewall = { clientAddress: next };
        } else a.access.firewall = true;
        break;
      }
      case '--public-network-access': {
        const v = value().toLowerCase();
        if (v !== 'disabled' && v !== 'enabled')
          throw new CliUsageError('--public-network-access must be "disabled" or "enabled"');
        a.access.publicNetworkAccess = v === 'disabled' ? 'Disabled' : 'Enabled';
        break;
      }
      case '--vault-location': {
        const v = value();
        if (!/^[0-9a-z-]{1,40}$/i.test(v)) throw new CliUsageError('--vault-location is a region name');
        a.access.location = v;
        break;
      }
      case '--vault-resource-id': {
        const v = value();
        if (!/^\/subscriptions\/\S+$/i.test(v))
          throw new CliUsageError('--vault-resource-id must be an ARM id (/subscriptions/...)');
        a.access.resourceId = v;
        break;
      }
      case '--quiet':
        a.quiet = true;
        break;
      default:
        throw new CliUsageError(`unknown option ${raw} (see --help)`);
    }
  }
  const jwtFlags = [a.jwtIssuer, a.jwtJwks, a.jwtCa, a.jwtAudience].some((v) => v !== undefined);
  if (a.auth.mode === 'jwt') {
    if (a.jwtIssuer === undefined || a.jwtJwks === undefined)
      throw new CliUsageError('--auth jwt needs --jwt-issuer and --jwt-jwks');
    if (![a.jwtIssuer, a.jwtJwks].every((u) => /^https:\/\/\S+$/.test(u)))
      throw new CliUsageError('--jwt-issuer and --jwt-jwks must be https URLs');
  } else if (jwtFlags) throw new CliUsageError('--jwt-* options go with --auth jwt');
  if (a.tokenFile !== undefined && (a.auth.mode !== 'token' || a.tokenOnCommandLine))
    throw new CliUsageError('--token-file replaces --auth token:VALUE and goes with token mode only');
  if ((a.tlsCert === undefined) !== (a.tlsKey === undefined)) {
    throw new CliUsageError('--tls-cert and --tls-key go together');
  }
  if (a.port !== 0 && a.port + Math.max(a.vaults.length, 1) - 1 > 65535)
    throw new CliUsageError('--port too high');
  return a;
}

/** A store key from a file (32 raw bytes, or base64 of them) or the environment (base64). */
export function decodeStoreKey(source: Buffer | string, origin: string): Buffer {
  if (Buffer.isBuffer(source) && source.length === 32) return source;
  const text = source.toString().trim();
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new CliUsageError(`${origin} must hold 32 bytes (raw or base64)`);
  }
  return key;
}

/** A bearer token read from --token-file or KLUIS_LOCAL_VAULT_TOKEN: one line, no spaces. */
export function parseToken(text: string, origin: string): string {
  const token = text.replace(/\r?\n$/, '');
  if (!/^\S+$/.test(token)) throw new CliUsageError(`${origin} must hold one token without spaces`);
  return token;
}
