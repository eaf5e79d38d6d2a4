import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AuthConfig } from './auth';
import { LocalVaultStoreError } from './errors';
import { FaultInjector, SERVICE_LIMITS, Throttle } from './knobs';
import type { Mutation } from './model';
import {
  DEFAULT_RESOURCE,
  DEFAULT_TENANT_ID,
  type LocalVaultOptions,
  type RunningLocalVault,
} from './options';
import { DurableStore } from './persistence/durable-store';
import { createRequestHandler } from './server';
import { VaultState } from './state';
import { generateTls, type TlsMaterial } from './tls';
import { loadOrCreateTls } from './tls-store';
import { VaultService } from './vault-service';

export { LocalVaultStoreError } from './errors';
export type { LocalVaultOptions, RunningLocalVault } from './options';
export { DEFAULT_RESOURCE, DEFAULT_TENANT_ID } from './options';

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
  const now = options.now ?? Date.now;
  const auth: AuthConfig = options.auth ?? { mode: 'token', token: randomBytes(32).toString('base64url') };
  if (auth.mode === 'token' && !/^\S+$/.test(auth.token))
    throw new RangeError('auth.token must be non-empty without spaces');

  let store: DurableStore | undefined;
  let state: VaultState;
  let persist: (m: Mutation) => Promise<void>;
  let tls: TlsMaterial;
  if (options.dataDir !== undefined) {
    if (!options.encryptionKey || options.encryptionKey.length !== 32) {
      throw new LocalVaultStoreError('encryptionKey (32 bytes) is required when dataDir is set');
    }
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    store = await DurableStore.open({
      dataDir: options.dataDir,
      key: options.encryptionKey,
      onWarning: (m) => options.log?.(`warning: ${m}`),
    });
    state = store.state;
    const durable = store;
    persist = (m) => durable.persist(m);
    try {
      tls = options.tls
        ? { ...options.tls, caPem: options.tls.caPem ?? options.tls.certPem }
        : await loadOrCreateTls(options.dataDir, options.encryptionKey, options.hostnames ?? []);
    } catch (e) {
      await store.close();
      throw e;
    }
  } else {
    state = new VaultState();
    persist = () => Promise.resolve();
    tls = options.tls
      ? { ...options.tls, caPem: options.tls.caPem ?? options.tls.certPem }
      : await generateTls(options.hostnames ?? []);
  }

  const service = new VaultService(
    state,
    { recoverableDays, purgeProtection: options.purgeProtection ?? false },
    now,
    persist,
  );
  const throttleOpts = options.throttle === true ? {} : options.throttle || undefined;
  const throttle = throttleOpts
    ? new Throttle(
        {
          createsPer10s: throttleOpts.createsPer10s ?? SERVICE_LIMITS.createsPer10s,
          othersPer10s: throttleOpts.othersPer10s ?? SERVICE_LIMITS.othersPer10s,
          omitRetryAfter: throttleOpts.omitRetryAfter ?? false,
        },
        now,
      )
    : undefined;

  const server = createServer({ cert: tls.certPem, key: tls.keyPem });
  let origin = '';
  server.on(
    'request',
    createRequestHandler({
      service,
      auth,
      tenantId: options.tenantId ?? DEFAULT_TENANT_ID,
      resource: options.resource ?? DEFAULT_RESOURCE,
      get fallbackOrigin() {
        return origin;
      },
      latencyMs: options.latencyMs ?? 0,
      throttle,
      omitRetryAfter: throttleOpts?.omitRetryAfter ?? false,
      faults: options.faults ? new FaultInjector(options.faults.rate, options.faults.seed ?? 1) : undefined,
      log: options.log,
    }),
  );
  // A client that drops mid-handshake must not take the server down.
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_err, socket) => socket.destroy());

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await store?.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  origin = `https://${urlHost}:${port}`;

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
        await store?.close();
      })();
      return stopping;
    },
  };
}
