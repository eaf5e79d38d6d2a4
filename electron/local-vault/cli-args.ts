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
  quiet: boolean;
  /** --arm: also start the local ARM stand-in (electron/local-arm), with these settings. */
  arm?: ArmCliArgs;
}

export interface ArmCliArgs {
  port: number;
  tenants: number;
  emptyTenants: number;
  subscriptions: number;
  vaultsPerSubscription: number;
  deletedPerSubscription: number;
  seed: number;
  pageSize?: number;
  latencyMs: number;
  /** Issuer template for --auth jwt ({tenantid} is the token's tid); default: --jwt-issuer. */
  jwtIssuer?: string;
  failingSubscriptions: Array<{ subscriptionId: string; failure: 'forbidden' | 'error' }>;
  graphDenied: boolean;
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
  --arm                     also start the local Azure Resource Manager stand-in (electron/local-arm):
                            tenants, subscriptions, key vaults, deleted vaults, Resource Graph, role
                            assignments. Same CA and auth (token, or jwt with ARM's audience); each
                            --vault is added to the first subscription, its vaultUri that vault's URL
  --arm-port N              its port (default 0: a free one)
  --arm-tenants N           tenants with subscriptions (default 3)
  --arm-empty-tenants N     tenants without subscriptions (default 0)
  --arm-subscriptions N     subscriptions per tenant (default 5)
  --arm-vaults N            generated vaults per subscription (default 40)
  --arm-deleted N           soft-deleted vaults per subscription (default 2)
  --arm-seed N              seed of the generated world (default 1)
  --arm-page-size N         items per ARM list page without $top (default 25)
  --arm-latency MS          add MS milliseconds to every ARM request
  --arm-jwt-issuer URL      issuer template for --auth jwt, {tenantid} standing for the token's tid
                            (default: --jwt-issuer)
  --arm-fail-subscription ID:forbidden|error
                            that subscription's vault listings answer 403 AuthorizationFailed or 500
                            (repeatable)
  --arm-graph-denied        Resource Graph answers 403 AuthorizationFailed
  --quiet                   no per-request log lines
  --help                    show this help

On start, prints one JSON line: {"url","port","ca","token",...} ("vaults" lists each vault when
there are several; "arm" has the stand-in's url, port and tenant ids with --arm), then one line per request: method, path, status, milliseconds. Values and
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
    quiet: false,
  };
  const arm = (): ArmCliArgs =>
    (a.arm ??= {
      port: 0,
      tenants: 3,
      emptyTenants: 0,
      subscriptions: 5,
      vaultsPerSubscription: 40,
      deletedPerSubscription: 2,
      seed: 1,
      latencyMs: 0,
      failingSubscriptions: [],
      graphDenied: false,
    });
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
      case '--quiet':
        a.quiet = true;
        break;
      case '--arm':
        arm();
        break;
      case '--arm-port':
        arm().port = int(flag, value(), 0, 65535);
        break;
      case '--arm-tenants':
        arm().tenants = int(flag, value(), 0, 100);
        break;
      case '--arm-empty-tenants':
        arm().emptyTenants = int(flag, value(), 0, 100);
        break;
      case '--arm-subscriptions':
        arm().subscriptions = int(flag, value(), 0, 1000);
        break;
      case '--arm-vaults':
        arm().vaultsPerSubscription = int(flag, value(), 0, 10_000);
        break;
      case '--arm-deleted':
        arm().deletedPerSubscription = int(flag, value(), 0, 1000);
        break;
      case '--arm-seed':
        arm().seed = int(flag, value(), 0, 2 ** 32 - 1);
        break;
      case '--arm-page-size':
        arm().pageSize = int(flag, value(), 1, 1000);
        break;
      case '--arm-latency':
        arm().latencyMs = int(flag, value(), 0, 600_000);
        break;
      case '--arm-jwt-issuer':
        arm().jwtIssuer = value();
        break;
      case '--arm-fail-subscription': {
        const m = /^([0-9A-Fa-f-]{36}):(forbidden|error)$/.exec(value());
        if (!m)
          throw new CliUsageError('--arm-fail-subscription takes SUBSCRIPTION-GUID:forbidden or :error');
        arm().failingSubscriptions.push({
          subscriptionId: m[1] as string,
          failure: m[2] as 'forbidden' | 'error',
        });
        break;
      }
      case '--arm-graph-denied':
        arm().graphDenied = true;
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
  if (a.arm && a.auth.mode === 'any')
    throw new CliUsageError('--arm needs token or jwt auth: the ARM stand-in does not accept any token');
  if (a.arm?.jwtIssuer !== undefined && a.auth.mode !== 'jwt')
    throw new CliUsageError('--arm-jwt-issuer goes with --auth jwt');
  if (a.arm?.jwtIssuer !== undefined && !/^https:\/\/\S+$/.test(a.arm.jwtIssuer))
    throw new CliUsageError('--arm-jwt-issuer must be an https URL');
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
