import type { ArmRoleAssignment, ArmWorld, WorldOptions } from './world';

/**
 * How the stand-in checks bearer tokens.
 * - jwt: RS256 tokens from an OpenID Connect provider, checked like ARM checks Entra ID tokens. `issuer` may hold
 *   `{tenantid}` (as Entra's multi-tenant discovery document writes it): a token's `iss` must equal it with the
 *   token's own `tid` put in. The token's `tid` decides which subscriptions it sees; `oid` is the caller.
 * - token: one fixed bearer token (the CLI's default), acting as `principalId` in `tenantId` (default: the world's
 *   first tenant).
 */
export type ArmAuthConfig =
  | {
      mode: 'jwt';
      issuer: string;
      jwksUri: string;
      /** PEM of the CA of the JWKS host (default: Node's roots). */
      ca?: string;
      /** Accepted `aud` values (default: ARM's four, with and without the trailing slash). */
      audiences?: string[];
    }
  | { mode: 'token'; token: string; tenantId?: string; principalId?: string };

export type SubscriptionFailure = 'forbidden' | 'error';

/** Fault knobs: read and changed live through `RunningLocalArm.faults`. */
export interface ArmFaults {
  /** Added to every request, in ms (the discovery bench uses 20). */
  latencyMs: number;
  /**
   * Vault listings (Microsoft.KeyVault vaults, the generic resource list, deleted vaults) of these subscriptions fail:
   * 'forbidden' = 403 AuthorizationFailed naming the caller, action and scope; 'error' = 500 InternalServerError.
   * Other subscriptions answer as usual; Resource Graph leaves the failing ones out (it lists what it may read).
   */
  failingSubscriptions: Record<string, SubscriptionFailure>;
  /** Resource Graph answers 403 AuthorizationFailed, so a caller must fall back to per-subscription listing. */
  resourceGraphDenied: boolean;
  /** Role assignment listings answer 403 AuthorizationFailed (a caller without Microsoft.Authorization read). */
  authorizationDenied: boolean;
  /**
   * ARM's read budget per subscription (tenant-level requests: per tenant) and caller, per window. Every answer
   * carries `x-ms-ratelimit-remaining-subscription-reads` or `-tenant-reads`; beyond the budget: 429 with
   * Retry-After (the seconds left in the window, or retryAfterSeconds). Default 12,000 per hour.
   */
  readBudget: { reads: number; windowMs: number; retryAfterSeconds?: number };
  /**
   * Resource Graph's quota per caller (default 15 per 5 s, as documented); answers carry
   * `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after`. Enforced (429) only when `enforced`.
   */
  graphQuota: { requests: number; windowMs: number; enforced: boolean };
}

export interface LocalArmOptions {
  host?: string; // default 127.0.0.1
  port?: number; // default 0: a free port
  /** Serve this certificate (e.g. the local vault's, so one CA covers both); default: a new CA and leaf. */
  tls?: { certPem: string; keyPem: string; caPem?: string };
  hostnames?: string[];
  /** Default: token mode with a random token (returned as `token`). */
  auth?: ArmAuthConfig;
  /** A world to serve (kept by reference: changes show at once), or the options to build one (world.ts). */
  world?: ArmWorld | WorldOptions;
  /** Items per page of the ARM lists when the request has no $top (default 25, so 40 vaults take two pages). */
  pageSize?: number;
  /**
   * ARM list page shapes: 'service' (default: full pages, no nextLink on the last) or 'sparse' (seeded: short pages,
   * empty pages that still link on, sometimes a trailing empty page), as a recorded vault list shows.
   */
  paging?: { mode: 'service' } | { mode: 'sparse'; seed?: number };
  latencyMs?: number;
  faults?: Partial<Omit<ArmFaults, 'latencyMs'>>;
  /** The sign-in host ARM's challenges name (default https://login.windows.net, as ARM sends). */
  challengeAuthority?: string;
  /** One line per request: method, path, status, ms (never a query, header, body or token). */
  log?: (line: string) => void;
  now?: () => number;
  /** How latency is waited for (default setTimeout); a test can record the delays instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ArmRequestRecord {
  method: string;
  /** Path only, never the query. */
  path: string;
  status: number;
  /** The caller's tenant when the token was accepted. */
  tenantId?: string;
}

export interface RoleAssignmentInput {
  principalId: string;
  /** /subscriptions/x, /subscriptions/x/resourceGroups/y, or a vault's id. */
  scope: string;
  /** A built-in role's name ('Key Vault Secrets User') or GUID. */
  role: string;
  principalType?: ArmRoleAssignment['principalType'];
  /** Default: a random GUID. */
  name?: string;
}

export interface RunningLocalArm {
  /** https://127.0.0.1:<port>: the SDKs' `endpoint` (and `$host` for AuthorizationManagementClient). */
  url: string;
  port: number;
  /** The CA to trust (tlsOptions: { ca }). */
  caPem: string;
  /** The fixed token in token mode; undefined in jwt mode. */
  token: string | undefined;
  /** The served world: change it freely (vaultUri, vaults, subscriptions…); the next request sees it. */
  world: ArmWorld;
  /** Live fault knobs. */
  faults: ArmFaults;
  /** Every request so far (at most the last 10,000), oldest first. */
  readonly requests: ArmRequestRecord[];
  /** Answers the next `count` requests (optionally only those whose path includes `pathIncludes`) with 429. */
  throttleNext(count: number, opts?: { retryAfterSeconds?: number; pathIncludes?: string }): void;
  /** Points a vault's vaultUri at a real (local) vault server, e.g. startLocalVault(...).url. */
  pointVault(name: string, url: string): void;
  /** Adds a role assignment; returns it. */
  assignRole(input: RoleAssignmentInput): ArmRoleAssignment;
  close(): Promise<void>;
}
