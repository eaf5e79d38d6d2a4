import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SERVER_LIMITS } from '../local-vault/index';
import { generateTls, type TlsMaterial } from '../local-vault/tls';
import { armAuthenticator, issuerFor } from './auth';
import type {
  ArmAuthConfig,
  ArmFaults,
  ArmRequestRecord,
  LocalArmOptions,
  RoleAssignmentInput,
  RunningLocalArm,
} from './options';
import { builtInRole } from './roles';
import { createArmHandler } from './server';
import { buildWorld, type ArmWorld } from './world';

export type {
  ArmAuthConfig,
  ArmFaults,
  ArmRequestRecord,
  LocalArmOptions,
  RoleAssignmentInput,
  RunningLocalArm,
  SubscriptionFailure,
} from './options';
export { buildWorld, vaultId } from './world';
export type {
  ArmAccessPolicy,
  ArmDeletedVault,
  ArmNetworkAcls,
  ArmPrivateEndpointConnection,
  ArmRoleAssignment,
  ArmSubscription,
  ArmTenant,
  ArmVault,
  ArmWorld,
  WorldOptions,
} from './world';
export { BUILT_IN_ROLES, builtInRole, type BuiltInRole } from './roles';
export { ARM_AUDIENCES } from './errors';

/** The caller in token mode when none is configured: a fixed, obviously local object id. */
export const DEFAULT_ARM_PRINCIPAL_ID = 'c0ffee00-0000-4000-8000-0000000a7e11';
/** ARM's challenges name this sign-in host. */
export const DEFAULT_ARM_CHALLENGE_AUTHORITY = 'https://login.windows.net';
const MAX_RECORDS = 10_000;

const isWorld = (w: LocalArmOptions['world']): w is ArmWorld =>
  w !== undefined && Array.isArray((w as ArmWorld).tenants) && Array.isArray((w as ArmWorld).vaults);

/**
 * Starts the local Azure Resource Manager stand-in: tenants, subscriptions, key vaults (and deleted ones), Resource
 * Graph over the vaults, role assignments and definitions, answering as the official management SDKs expect.
 */
export async function startLocalArm(options: LocalArmOptions = {}): Promise<RunningLocalArm> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 25;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new RangeError('pageSize must be an integer from 1 to 1000');
  const auth: ArmAuthConfig = options.auth ?? { mode: 'token', token: randomBytes(32).toString('base64url') };
  if (auth.mode === 'token' && !/^\S+$/.test(auth.token))
    throw new RangeError('auth.token must be non-empty without spaces');
  if (auth.mode === 'jwt') {
    for (const [field, value] of [
      ['issuer', auth.issuer],
      ['jwksUri', auth.jwksUri],
    ] as const) {
      if (!/^https:\/\/\S+$/.test(value)) throw new RangeError(`auth.${field} must be an https URL`);
    }
  }
  const authority = (options.challengeAuthority ?? DEFAULT_ARM_CHALLENGE_AUTHORITY).replace(/\/+$/, '');
  const world: ArmWorld = isWorld(options.world) ? options.world : buildWorld(options.world ?? {});
  const faults: ArmFaults = {
    latencyMs: options.latencyMs ?? 0,
    failingSubscriptions: { ...options.faults?.failingSubscriptions },
    resourceGraphDenied: options.faults?.resourceGraphDenied ?? false,
    authorizationDenied: options.faults?.authorizationDenied ?? false,
    readBudget: options.faults?.readBudget ?? { reads: 12_000, windowMs: 3_600_000 },
    graphQuota: options.faults?.graphQuota ?? { requests: 15, windowMs: 5_000, enforced: false },
  };
  const tls: TlsMaterial = options.tls
    ? { ...options.tls, caPem: options.tls.caPem ?? options.tls.certPem }
    : await generateTls(options.hostnames ?? []);
  const requests: ArmRequestRecord[] = [];
  const scripted: Array<{ retryAfterSeconds: number; pathIncludes?: string }> = [];
  let origin = '';

  const server: Server = createServer({
    cert: tls.certPem,
    key: tls.keyPem,
    handshakeTimeout: SERVER_LIMITS.handshakeTimeoutMs,
    headersTimeout: SERVER_LIMITS.headersTimeoutMs,
    requestTimeout: SERVER_LIMITS.requestTimeoutMs,
  });
  server.maxConnections = SERVER_LIMITS.maxConnections;
  server.on(
    'request',
    createArmHandler({
      world,
      faults,
      pageSize,
      paging:
        options.paging?.mode === 'sparse'
          ? { mode: 'sparse', seed: options.paging.seed ?? 1 }
          : { mode: 'service' },
      authority,
      now,
      issuerOf: (tenantId) =>
        auth.mode === 'jwt' ? issuerFor(auth.issuer, tenantId) : `https://sts.windows.net/${tenantId}/`,
      authenticate: armAuthenticator(
        auth,
        authority,
        { tenantId: () => world.tenants[0]?.tenantId ?? '', principalId: DEFAULT_ARM_PRINCIPAL_ID },
        { now, warn: (m) => options.log?.(`warning: ${m}`) },
      ),
      fallbackOrigin: () => origin,
      log: options.log,
      record: (r) => {
        requests.push(r);
        if (requests.length > MAX_RECORDS) requests.splice(0, requests.length - MAX_RECORDS);
      },
      scripted,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    }),
  );
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `https://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port,
    caPem: tls.caPem,
    token: auth.mode === 'token' ? auth.token : undefined,
    world,
    faults,
    requests,
    throttleNext(count, opts = {}) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
      for (let i = 0; i < count; i++)
        scripted.push({
          retryAfterSeconds: opts.retryAfterSeconds ?? 1,
          ...(opts.pathIncludes !== undefined ? { pathIncludes: opts.pathIncludes } : {}),
        });
    },
    pointVault(name, url) {
      const v = world.vaults.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!v) throw new RangeError(`no vault named ${name} in the world`);
      if (!/^https:\/\/\S+$/.test(url)) throw new RangeError('url must be an https URL');
      v.vaultUri = url.endsWith('/') ? url : `${url}/`;
    },
    assignRole(input: RoleAssignmentInput) {
      const role = builtInRole(input.role);
      if (!role) throw new RangeError(`unknown built-in role ${input.role}`);
      if (
        !/^(\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+(\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+)?)?)?$/i.test(
          input.scope,
        )
      )
        throw new RangeError('scope must be a subscription, resource group or vault id');
      const a = {
        name: input.name ?? randomUUID(),
        scope: input.scope,
        roleDefinitionGuid: role.guid,
        principalId: input.principalId,
        principalType: input.principalType ?? 'User',
        createdOn: new Date(now()).toISOString(),
      };
      world.roleAssignments.push(a);
      return a;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
