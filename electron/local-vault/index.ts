import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { createAccessGate, validateAccessOptions } from './access';
import { issuerTenant, type AuthConfig } from './auth';
import { backupKeyFrom } from './backup';
import { FaultInjector, SERVICE_LIMITS, Throttle } from './knobs';
import {
  DEFAULT_CHALLENGE_AUTHORITY,
  DEFAULT_RESOURCE,
  DEFAULT_TENANT_ID,
  type LocalVaultOptions,
  type RunningLocalVault,
  type ServerLimits,
} from './options';
import { createRequestHandler } from './server';
import { openStorage } from './storage';
import { generateTls, type TlsMaterial } from './tls';
import { loadOrCreateTls } from './tls-store';
import { VaultService } from './vault-service';

export { LocalVaultStoreError } from './errors';
export type { LocalVaultOptions, RunningLocalVault, ServerLimits } from './options';
export type { AccessOptions, SecretPermission } from './access';

/**
 * A local network service's limits: enough for the SDKs' connection pools and Kluis's bulk runs, while idle or
 * half-open connections cannot pile up (a handshake, headers or a request that does not arrive is cut off).
 */
export const SERVER_LIMITS: ServerLimits = {
  maxConnections: 256,
  handshakeTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
};

/** Loopback addresses (and localhost): only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}
export { DEFAULT_CHALLENGE_AUTHORITY, DEFAULT_RESOURCE, DEFAULT_TENANT_ID } from './options';

/**
 * Starts a Key Vault-compatible HTTPS server for secrets. Resolves once it listens; with a data
 * directory, only after the store has been recovered, so a wrong key fails here, loudly.
 */
export async function startLocalVault(options: LocalVaultOptions = {}): Promise<RunningLocalVault> {
  const host = options.host ?? '127.0.0.1';
  const recoverableDays = options.recoverableDays ?? 90;
  if (!Number.isInteger(recoverableDays) || recoverableDays < 7 || recoverableDays > 90) {
    throw new RangeError('recoverableDays must be an integer from 7 to 90');
  }
  const auth: AuthConfig = options.auth ?? { mode: 'token', token: randomBytes(32).toString('base64url') };
  if (auth.mode === 'token' && !/^\S+$/.test(auth.token)) {
    throw new RangeError('auth.token must be non-empty without spaces');
  }
  if (auth.mode === 'jwt') {
    for (const [field, value] of [
      ['issuer', auth.issuer],
      ['jwksUri', auth.jwksUri],
    ] as const) {
      if (!/^https:\/\/\S+$/.test(value)) throw new RangeError(`auth.${field} must be an https URL`);
    }
  }
  if (auth.mode === 'any' && !isLoopbackHost(host) && options.allowAnyTokenOnNetwork !== true) {
    throw new RangeError(
      `auth "any" accepts every bearer token, so on ${host} anyone who can reach it could read and change every secret: listen on 127.0.0.1, use a token, or allow it explicitly (--insecure-any-token-on-network, allowAnyTokenOnNetwork)`,
    );
  }
  if (
    options.challengeAuthority !== undefined &&
    !/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(options.challengeAuthority)
  ) {
    throw new RangeError('challengeAuthority must be an https origin');
  }
  if (options.access) validateAccessOptions(options.access);
  const limits: ServerLimits = { ...SERVER_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`limits.${name} must be a positive integer`);
  }
  const now = options.now ?? Date.now;

  const storage = await openStorage({
    dataDir: options.dataDir,
    encryptionKey: options.encryptionKey,
    warn: (m) => options.log?.(`warning: ${m}`),
  });
  try {
    const tls = await resolveTls(options);
    const service = new VaultService(
      storage.state,
      { recoverableDays, purgeProtection: options.purgeProtection ?? false },
      now,
      storage.persist,
      {
        // Backups are sealed with a key derived from the store key; an in-memory vault's live as long as it does.
        backupKey: backupKeyFrom(options.encryptionKey ?? randomBytes(32)),
        ...(options.consistencyLag ? { consistencyLag: options.consistencyLag } : {}),
      },
    );
    const throttleOpts = options.throttle === true ? {} : options.throttle || undefined;
    let origin = '';
    const server = createServer({
      cert: tls.certPem,
      key: tls.keyPem,
      handshakeTimeout: limits.handshakeTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often the headers and request timeouts are checked (Node's default is every 30 s).
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(5_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
      ),
    });
    server.maxConnections = limits.maxConnections;
    const tenantId =
      options.tenantId ?? (auth.mode === 'jwt' ? issuerTenant(auth.issuer) : undefined) ?? DEFAULT_TENANT_ID;
    server.on(
      'request',
      createRequestHandler({
        service,
        auth,
        tenantId,
        access: options.access ? createAccessGate(options.access, tenantId) : undefined,
        resource: options.resource ?? DEFAULT_RESOURCE,
        challengeAuthority: options.challengeAuthority ?? DEFAULT_CHALLENGE_AUTHORITY,
        paging:
          options.paging?.mode === 'sparse'
            ? { mode: 'sparse', seed: options.paging.seed ?? 1 }
            : { mode: 'service' },
        get fallbackOrigin() {
          return origin;
        },
        latencyMs: options.latencyMs ?? 0,
        throttle: throttleOpts
          ? new Throttle(
              {
                createsPer10s: throttleOpts.createsPer10s ?? SERVICE_LIMITS.createsPer10s,
                othersPer10s: throttleOpts.othersPer10s ?? SERVICE_LIMITS.othersPer10s,
                omitRetryAfter: throttleOpts.omitRetryAfter ?? false,
              },
              now,
            )
          : undefined,
        omitRetryAfter: throttleOpts?.omitRetryAfter ?? false,
        faults: options.faults ? new FaultInjector(options.faults.rate, options.faults.seed ?? 1) : undefined,
        log: options.log,
      }),
    );
    // A client that drops mid-handshake must not take the server down.
    server.on('tlsClientError', () => undefined);
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      // Headers or a request that did not arrive in time: say so, as Node would without this handler.
      if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' && socket.writable) {
        socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      } else socket.destroy();
    });
    await listen(server, options.port ?? 0, host);

    const port = (server.address() as AddressInfo).port;
    origin = `https://${urlHost(host)}:${port}`;
    let stopping: Promise<void> | undefined;
    return {
      url: origin,
      caPem: tls.caPem,
      token: auth.mode === 'token' ? auth.token : undefined,
      port,
      stop() {
        stopping ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          // Pending writes are flushed before the store closes.
          await storage.close();
        })();
        return stopping;
      },
    };
  } catch (e) {
    await storage.close();
    throw e;
  }
}

async function resolveTls(options: LocalVaultOptions): Promise<TlsMaterial> {
  if (options.tls) return { ...options.tls, caPem: options.tls.caPem ?? options.tls.certPem };
  if (options.dataDir !== undefined && options.encryptionKey) {
    return loadOrCreateTls(options.dataDir, options.encryptionKey, options.hostnames ?? []);
  }
  return generateTls(options.hostnames ?? []);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The host clients should use: a wildcard bind is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
