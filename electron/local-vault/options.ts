import type { AccessOptions } from './access';
import type { JwtAuthConfig } from './auth-jwt';

/** The programmatic API's options, exactly as other parts of Kluis code against them. */
export interface LocalVaultOptions {
  host?: string; // default '127.0.0.1'
  port?: number; // default 0 (free port)
  // default: token mode with a random 32-byte base64url token. jwt: validate tokens from an OpenID Connect issuer.
  auth?: { mode: 'token'; token: string } | { mode: 'any' } | JwtAuthConfig;
  tenantId?: string; // jwt mode defaults it to the issuer's first path segment
  resource?: string; // defaults: a fixed GUID, 'https://vault.azure.net'
  hostnames?: string[]; // extra SANs for the generated leaf
  tls?: { certPem: string; keyPem: string; caPem?: string };
  dataDir?: string; // omitted = in memory
  encryptionKey?: Buffer; // 32 bytes; required when dataDir is set
  recoverableDays?: number; // 7..90, default 90
  purgeProtection?: boolean;
  latencyMs?: number;
  throttle?: boolean | { createsPer10s?: number; othersPer10s?: number; omitRetryAfter?: boolean };
  faults?: { rate: number; seed?: number };
  /** List page shapes (paging.ts): 'service' (default) like the recordings, or 'sparse' with seeded empty pages. */
  paging?: { mode: 'service' } | { mode: 'sparse'; seed?: number };
  /** Reads show deletes, recovers and purges only after this lag (ms, jittered from the seed); default 0. */
  consistencyLag?: { ms: number; seed?: number };
  /** The sign-in host the challenge names (default https://login.microsoftonline.com; older: login.windows.net). */
  challengeAuthority?: string;
  /** Answer like a vault that refuses this caller (access.ts): RBAC or access-policy denials, firewall, private only. */
  access?: AccessOptions;
  /** Connection limits of the HTTPS server (defaults in index.ts: SERVER_LIMITS). */
  limits?: Partial<ServerLimits>;
  /** `auth: any` on an address other than loopback lets anyone on the network in: refused unless this is set. */
  allowAnyTokenOnNetwork?: boolean;
  log?: (line: string) => void; // one line per request; default: no logging
  now?: () => number; // ms clock, for tests of purge dates
}

export interface ServerLimits {
  /** Open connections at most; more are closed at once. */
  maxConnections: number;
  /** A TLS handshake must finish within this. */
  handshakeTimeoutMs: number;
  /** A request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** A whole request must arrive within this. */
  requestTimeoutMs: number;
}

export interface RunningLocalVault {
  url: string;
  caPem: string;
  token: string | undefined;
  port: number;
  stop(): Promise<void>;
}

/** A fixed, obviously local tenant id: clients pass it to their credential's getToken. */
export const DEFAULT_TENANT_ID = 'c0ffee00-0000-4000-8000-00006b6c7569';
export const DEFAULT_RESOURCE = 'https://vault.azure.net';
/** The sign-in host current service challenges name; older recordings show https://login.windows.net. */
export const DEFAULT_CHALLENGE_AUTHORITY = 'https://login.microsoftonline.com';
