import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { join } from 'node:path';
import type { LocalVaultStatus, Notice } from '../../contract';
import type { LocalVaultOptions, RunningLocalVault } from '../../local-vault';
import { failure } from '../errors/kluis-failure';
import type { LocalVaultAccess } from '../vault/vault-connections';

/** The local vault's encryption key, kept by main (Electron safeStorage) or by a test (a plain file). */
export interface KeyStore {
  /** A 32-byte key, the same one every launch. */
  getOrCreateKey(): Promise<Buffer>;
  /** false when the OS does not really protect the key (Linux basic_text); undefined when unknown. */
  isOsProtected?(): boolean | Promise<boolean>;
}

/** electron/local-vault's entry point; a test may pass a stand-in with the same shape. */
export type StartLocalVault = (options?: LocalVaultOptions) => Promise<RunningLocalVault>;
export type LocalVaultHandle = RunningLocalVault;

export interface LocalVaultManager {
  status(): LocalVaultStatus;
  /** How to reach it, while it runs. */
  access(): LocalVaultAccess | undefined;
  /** Starts it unless it runs; concurrent callers share one start. */
  ensureRunning(): Promise<LocalVaultAccess>;
  /** Whether the running local vault still answers HTTPS (any status will do) within a couple of seconds. */
  isHealthy(): Promise<boolean>;
  /**
   * Stops what is left of it and starts it again on the same data directory (new port and token), announcing
   * `message` with the running status. Concurrent callers share one restart.
   */
  restart(message: string): Promise<LocalVaultAccess>;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2_000;

/** One unauthenticated request: the local vault answers it with a 401 challenge when it is alive. */
function answers(access: LocalVaultAccess): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      new URL('healthcheck?api-version=7.6', access.url),
      { method: 'GET', ca: access.caPem, timeout: HEALTH_TIMEOUT_MS },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

export interface LocalVaultManagerDeps {
  userDataDir: string;
  keyStore: KeyStore;
  start: () => Promise<StartLocalVault>;
  onStatus: (status: LocalVaultStatus) => void;
  addNotice: (notice: Notice) => void;
  log?: (line: string) => void;
}

export function createLocalVaultManager(deps: LocalVaultManagerDeps): LocalVaultManager {
  let status: LocalVaultStatus = { state: 'stopped' };
  let running: { handle: LocalVaultHandle; access: LocalVaultAccess } | undefined;
  let starting: Promise<LocalVaultAccess> | undefined;
  let warnedAboutKey = false;

  function setStatus(next: LocalVaultStatus): void {
    status = next;
    deps.onStatus(next);
  }

  async function start(runningMessage?: string): Promise<LocalVaultAccess> {
    setStatus({ state: 'starting', message: 'Starting the local vault...' });
    try {
      const encryptionKey = await deps.keyStore.getOrCreateKey();
      if ((await deps.keyStore.isOsProtected?.()) === false && !warnedAboutKey) {
        warnedAboutKey = true;
        deps.addNotice({
          level: 'warning',
          message:
            "The local vault's encryption key is not protected by your operating system's keyring (no keyring was found), so anyone who can read your files can read the local vault. Install or unlock a keyring (e.g. GNOME Keyring or KWallet) to protect it.",
        });
      }
      // A fresh token every launch: only this process knows it, so other local programs cannot use the vault.
      const token = randomBytes(32).toString('base64url');
      const startLocalVault = await deps.start();
      const handle = await startLocalVault({
        host: '127.0.0.1',
        port: 0,
        auth: { mode: 'token', token },
        dataDir: join(deps.userDataDir, 'local-vault'),
        encryptionKey,
        log: (line) => deps.log?.(`local-vault: ${line}`),
      });
      const access = {
        url: handle.url.endsWith('/') ? handle.url : `${handle.url}/`,
        token,
        caPem: handle.caPem,
      };
      running = { handle, access };
      setStatus({
        state: 'running',
        url: access.url,
        ...(runningMessage ? { message: runningMessage } : {}),
      });
      return access;
    } catch (err) {
      const reason = err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
      setStatus({ state: 'failed', message: `The local vault could not start: ${reason}` });
      throw failure(
        'not-configured',
        `The local vault could not start (${reason}). Try again; if it keeps failing, restart Kluis.`,
      );
    }
  }

  return {
    status: () => status,
    access: () => running?.access,
    ensureRunning() {
      if (running) return Promise.resolve(running.access);
      starting ??= start().finally(() => {
        starting = undefined;
      });
      return starting;
    },
    async isHealthy() {
      const current = running?.access;
      return current ? answers(current) : false;
    },
    restart(message) {
      starting ??= (async () => {
        const old = running;
        running = undefined;
        // Its server may be gone already; stopping again releases the data directory's lock and closes the store.
        await old?.handle.stop().catch(() => undefined);
        deps.log?.('local vault: restarting after it stopped answering');
        return start(message);
      })().finally(() => {
        starting = undefined;
      });
      return starting;
    },
    async stop() {
      await starting?.catch(() => undefined);
      const current = running;
      running = undefined;
      if (!current) return;
      await current.handle.stop();
      setStatus({ state: 'stopped' });
    },
  };
}
