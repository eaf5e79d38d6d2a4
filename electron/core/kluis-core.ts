import { join } from 'node:path';
import type { DeviceCodeEvent, EventName, EventPayloads, Notice, VaultConfig } from '../contract';
import { bulkItemRunner, describeBulkItemFailure } from './bulk/bulk-items';
import { createBulkRequests } from './bulk/bulk-requests';
import { createBulkRunner, type BulkLimits } from './bulk/bulk-runner';
import { bulkWriteRunner, describeBulkWriteFailure, type ValueReader } from './bulk/bulk-writes';
import { createClipboardGuard, type ClipboardPort } from './secrets/clipboard-guard';
import { createCoreOperations } from './operations/core-operations';
import { createOperationRunner } from './operations/operation-runner';
import { createSecretOperations } from './operations/secret-operations';
import { createVersionOperations } from './versions/version-operations';
import type { DeviceCodePrompt } from './auth/credentials';
import { createHandlerRegistry, type HandlerRegistry, type SenderInfo } from './operations/handler-registry';
import { loadLocalVault } from './local/local-vault-loader';
import { createLocalVaultManager, type KeyStore, type StartLocalVault } from './local/local-vault-manager';
import { createLocalVaultSupervisor } from './local/local-vault-supervisor';
import { createSecretBackupFiles } from './secrets/secret-backup-files';
import { createSecretsService } from './secrets/secrets-service';
import { createSettingsState } from './settings/settings-state';
import { createSettingsStore } from './settings/settings-store';
import type { RetryPlan } from './reliability/retry-budget';
import { createVaultConnections, type VaultConnectionsDeps } from './vault/vault-connections';
import { createPropertyIndex, type PropertyIndex } from './dashboard/property-index';
import { createExpiryReminders, type NotificationPort } from './dashboard/expiry-reminders';
import { toKluisError } from './errors/error-mapping';
import { createAuthOperations } from './auth/auth-operations';
import { createServicePrincipalStore, type StringProtector } from './auth/credential-store';
import { createSignInPersistence } from './auth/sign-in-persistence';
import { createSignInStatus } from './auth/sign-in-status';
import { unconfiguredFileDialogs, type FileDialogs } from './files/value-file-writer';
import { createVaultList, findVault } from './vault/vault-list';
import { createWindowOperations } from './operations/window-operations';
import { createTransfer } from './transfer/transfer';
import { createCompare } from './compare';

export interface KluisCoreDeps {
  /** Where settings.json, the local vault's data and its key live. */
  userDataDir: string;
  keyStore: KeyStore;
  clipboard: ClipboardPort;
  /** The save dialog for secrets.saveValueToFile; without it that operation answers 'not-configured'. */
  fileDialogs?: FileDialogs;
  emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void;
  /** Main: our window's webContents and main frame only. The e2e harness: always true. */
  isTrustedSender: (sender: SenderInfo) => boolean;
  appVersion: string;
  /** Receives operational lines (channels, error kinds, local vault lines); never values or tokens. */
  log?: (line: string) => void;
  /** Defaults to electron/local-vault's startLocalVault, loaded on first use. */
  startLocalVault?: StartLocalVault;
  /** Also told of device-code prompts (they are announced as 'auth.deviceCode' either way). */
  onDeviceCode?: (prompt: DeviceCodePrompt, vaultId: string) => void;
  /**
   * Main's safeStorage: encrypts service principal secrets and remembered sign-ins. Without it, neither is kept
   * (tests, the e2e harness).
   */
  protector?: StringProtector;
  /** Main: opens a browser sign-in page after checking it (shell.openExternal behind openSignInPage). */
  openSignInPage?: VaultConnectionsDeps['openSignInPage'];
  /** Main: keeps the window out of screen captures while a value is visible (BrowserWindow.setContentProtection). */
  setContentProtection?: (on: boolean) => void;
  /** Main: the OS proxy for a vault URL (session.resolveProxy). */
  proxyFor?: VaultConnectionsDeps['proxyFor'];
  /** Tests and the e2e harness only: trust this CA for Azure-kind vaults and their sign-in host. */
  testTrust?: VaultConnectionsDeps['testTrust'];
  /** Tests shorten the retry waits; the app uses the defaults in retry-budget.ts. */
  retryPlans?: { azure?: RetryPlan; local?: RetryPlan };
  /** Tests slow bulk jobs down or speed them up; the app uses DEFAULT_BULK_LIMITS. */
  bulkLimits?: Partial<BulkLimits>;
  /** Main's OS notifications, for expiry reminders (dashboard/expiry-reminders.ts); without it there are none. */
  notifications?: NotificationPort;
  /** Tests: the first reminder check sooner than a few seconds after start. */
  remindersStartDelayMs?: number;
  /** Tests only: extra SDK pipeline policies (e.g. one that loses a response after the server acted). */
  testPolicies?: VaultConnectionsDeps['testPolicies'];
}

export interface KluisCore {
  /** One handler per contract channel, for main's ipc wrapper or the e2e harness. */
  handlers: HandlerRegistry;
  /** Loads the Azure SDK in the background so the first Key Vault call does not wait for it. */
  warmUp(): Promise<void>;
  /** Clears a copied value now if the clipboard still holds it (on quit). */
  clearClipboardNow(): Promise<void>;
  /** Clears the clipboard guard, stops the local vault and waits for pending settings writes. */
  dispose(): Promise<void>;
}

export async function createKluisCore(deps: KluisCoreDeps): Promise<KluisCore> {
  const store = createSettingsStore(deps.userDataDir);
  const loaded = await store.load();
  const notices: Notice[] = [...loaded.notices];
  let disposed = false;
  // The window operations follow settings changes (content protection); they are created once settings exist.
  let afterSettingsChange: () => void = () => undefined;
  const settings = createSettingsState(loaded.settings, store, (s) => {
    deps.emit('settings.changed', s);
    afterSettingsChange();
  });
  /** The device-code prompt each vault's sign-in is waiting on; its page opens only from here. */
  const deviceCodePrompts = new Map<string, DeviceCodeEvent>();

  const localVault = createLocalVaultManager({
    userDataDir: deps.userDataDir,
    keyStore: deps.keyStore,
    start: async () => {
      // A call still in flight at quit must not start a server nobody will stop.
      if (disposed) throw new Error('Kluis is shutting down');
      return deps.startLocalVault ?? (await loadLocalVault());
    },
    onStatus: (status) => deps.emit('localVault.status', status),
    // A renderer that already read the state is told too; one that reads it later finds it there.
    addNotice: (notice) => {
      notices.push(notice);
      deps.emit('app.notice', notice);
    },
    ...(deps.log ? { log: deps.log } : {}),
  });
  const servicePrincipals = deps.protector
    ? createServicePrincipalStore(join(deps.userDataDir, 'credentials'), deps.protector)
    : undefined;
  const signIns = deps.protector
    ? createSignInPersistence(join(deps.userDataDir, 'sign-in'), deps.protector)
    : undefined;
  if (signIns && !signIns.persistsToDisk()) {
    notices.push({
      level: 'warning',
      message:
        'This system has no keychain Kluis can use (on Linux: GNOME Keyring or KWallet), so browser and device-code sign-ins and service principal secrets and certificates are kept in memory only: you will sign in again, and enter a service principal’s secret or certificate again, after each restart.',
    });
  }
  const signInStatus = createSignInStatus();
  const connections = createVaultConnections({
    localAccess: () => localVault.access(),
    onDeviceCode: (prompt, vaultId) => {
      deps.onDeviceCode?.(prompt, vaultId);
      const event: DeviceCodeEvent = {
        vaultId,
        userCode: prompt.userCode,
        verificationUri: prompt.verificationUri,
        message: prompt.message,
        // identity does not pass the code's lifetime on; Entra ID's device codes last 15 minutes.
        expiresOn: Date.now() + 15 * 60 * 1000,
      };
      deviceCodePrompts.set(vaultId, event);
      deps.emit('auth.deviceCode', event);
    },
    ...(servicePrincipals ? { credentialStore: servicePrincipals } : {}),
    ...(signIns ? { signInPersistence: signIns } : {}),
    signInStatus,
    ...(deps.openSignInPage ? { openSignInPage: deps.openSignInPage } : {}),
    onBrowserSignIn: (waiting, host, vaultId) => deps.emit('auth.browserSignIn', { vaultId, host, waiting }),
    ...(deps.proxyFor ? { proxyFor: deps.proxyFor } : {}),
    ...(deps.testTrust ? { testTrust: deps.testTrust } : {}),
    ...(deps.retryPlans ? { retryPlans: deps.retryPlans } : {}),
    ...(deps.testPolicies ? { testPolicies: deps.testPolicies } : {}),
  });
  const vaults = createVaultList(settings, (id) => connections.forget(id));

  /** The vault an operation addresses; a listed local vault is started on first use (its URL is per launch). */
  async function resolveVault(vaultId: string): Promise<VaultConfig> {
    const vault = findVault(settings.get(), vaultId);
    if (vault.kind !== 'local') return vault;
    const access = await localVault.ensureRunning();
    await vaults.refreshLocalUrl(access.url);
    return { ...vault, url: access.url };
  }

  const clientFor = async (vaultId: string) => connections.clientFor(await resolveVault(vaultId));
  // The property index hears every page the list reads; it exists before the operations it lists through.
  const indexRef: { index?: PropertyIndex } = {};
  const secrets = createSecretsService(clientFor, {
    page: (vaultId, token, page) => indexRef.index?.observe(vaultId, token, page),
    forget: (vaultId) => indexRef.index?.forget(vaultId),
  });
  const runner = createOperationRunner({
    onRetrying: (event) => deps.emit('operation.retrying', event),
    supervised: createLocalVaultSupervisor({
      localVault,
      isLocalVault: (vaultId) => settings.get().vaults.find((v) => v.id === vaultId)?.kind === 'local',
      onRestarted: (url) => vaults.refreshLocalUrl(url),
      ...(deps.log ? { log: deps.log } : {}),
    }),
    forgetReadAhead: (vaultId) => secrets.forgetReadAhead(vaultId),
    recordCall: (vaultId, allowed) => signInStatus.recordCall(vaultId, allowed),
  });
  const clipboardGuard = createClipboardGuard(deps.clipboard, () => deps.emit('clipboard.cleared', {}));
  const windowOps = createWindowOperations({
    settings,
    clipboard: deps.clipboard,
    ...(deps.openSignInPage ? { openSignInPage: deps.openSignInPage } : {}),
    ...(deps.setContentProtection ? { setContentProtection: deps.setContentProtection } : {}),
    deviceCodePrompt: (vaultId) => deviceCodePrompts.get(vaultId),
  });
  afterSettingsChange = windowOps.settingsChanged;

  // Operations on a vault's secrets, each under its declared policy: what the renderer calls, and what a bulk
  // item runs (one bulk item is exactly the single operation the user could have run by hand).
  const secretOperations = runner.wrap(
    createSecretOperations({
      settings,
      secrets,
      clipboardGuard,
      fileDialogs: deps.fileDialogs ?? unconfiguredFileDialogs,
      backups: createSecretBackupFiles({ clientFor, dialogs: () => deps.fileDialogs ?? {} }),
    }),
  );
  // Values read in main for comparing only (never shown), under secrets.get's policy.
  const readSecret = (vaultId: string, name: string, version?: string) =>
    runner.runOnVault(vaultId, 'secrets.get', 'read', () => secrets.get({ vaultId, name, version }));
  const readValue: ValueReader = async (...args) => (await readSecret(...args)).value;
  const bulk = createBulkRunner({
    runItem: bulkItemRunner(secretOperations),
    // Delete and recover: one write per item, confirmed by listing; each request under the same policy.
    confirmed: createBulkRequests(clientFor, runner.runOnVault),
    describe: describeBulkItemFailure,
    // Write jobs (promote, import): values only main knows, each item as secrets.set / deleted.recover.
    runWrite: bulkWriteRunner(secretOperations, readValue),
    describeWrite: describeBulkWriteFailure,
    emit: (progress) => deps.emit('bulk.progress', progress),
    ...(deps.bulkLimits ? { limits: deps.bulkLimits } : {}),
  });
  const coreOperations = runner.wrap(
    createCoreOperations({
      settings,
      vaults,
      localVault,
      notices: () => [...notices],
      appVersion: deps.appVersion,
      windowOps,
      bulk,
      index: {
        build: async ({ buildId, vaultIds, fresh }) => {
          if (!indexRef.index) throw new Error('Kluis core is not ready.');
          return indexRef.index.build(buildId, vaultIds, { fresh: fresh === true });
        },
      },
      ...(deps.proxyFor ? { proxyFor: deps.proxyFor } : {}),
      auth: createAuthOperations({
        settings,
        vaults,
        status: signInStatus,
        ...(servicePrincipals ? { servicePrincipals } : {}),
        ...(signIns ? { signIns } : {}),
        forgetClient: (id) => connections.forget(id),
      }),
    }),
  );

  const errorContext = (input: Record<string, unknown>) => {
    if (typeof input.vaultId !== 'string') return {};
    const vault = settings.get().vaults.find((v) => v.id === input.vaultId);
    return vault
      ? {
          vaultUrl: vault.url,
          authMethod: vault.auth.method,
          ...(vault.auth.cloud === 'custom' ? { customCloud: true } : {}),
        }
      : {};
  };
  // Lists through secrets.listPage as the renderer calls it (its retry budget, supervisor and read-ahead).
  indexRef.index = createPropertyIndex({
    vaultIds: () => settings.get().vaults.map((v) => v.id),
    listPage: (vaultId, continuationToken) =>
      secretOperations.secrets.listPage({ vaultId, ...(continuationToken ? { continuationToken } : {}) }),
    describe: (err, vaultId) =>
      toKluisError(err, { operation: 'secrets.listPage', ...errorContext({ vaultId }) }),
    emit: (page) => deps.emit('index.page', page),
  });
  const reminders = deps.notifications
    ? createExpiryReminders({
        settings: () => settings.get(),
        index: indexRef.index,
        notifications: deps.notifications,
        marksFile: join(deps.userDataDir, 'reminders.json'),
        ...(deps.remindersStartDelayMs !== undefined ? { startDelayMs: deps.remindersStartDelayMs } : {}),
        ...(deps.log ? { log: deps.log } : {}),
      })
    : undefined;
  reminders?.start();

  // Version diff (issue 12): restoring an older version, under the same policy as the secrets operations.
  const versionOperations = runner.wrap(createVersionOperations({ secrets }));
  // Import and export (transfer/): values read and written in main only; imports applied through the bulk runner.
  const transfer = createTransfer({
    secrets,
    run: runner.run,
    dialogs: () => deps.fileDialogs ?? {},
    vaultName: (vaultId) => findVault(settings.get(), vaultId).displayName,
    apply: (vaultId, items) => bulk.startWrites({ vaultId, items }),
  });
  const transferOperations = runner.wrap(transfer.operations);
  const compare = createCompare({
    ops: secretOperations,
    readSecret,
    vaultName: (vaultId) => findVault(settings.get(), vaultId).displayName,
    describe: (err, vaultId, operation) => toKluisError(err, { operation, ...errorContext({ vaultId }) }),
    bulk,
    emit: (progress) => deps.emit('compare.progress', progress),
  });
  const operations = {
    ...coreOperations,
    ...secretOperations,
    ...transferOperations,
    ...runner.wrap(compare.operations),
    ...versionOperations,
  };
  const handlers = createHandlerRegistry(operations, deps.isTrustedSender, {
    errorContext,
    ...(deps.log ? { log: deps.log } : {}),
  });

  return {
    handlers,
    async warmUp() {
      await Promise.all([import('@azure/keyvault-secrets'), import('@azure/identity')]);
    },
    clearClipboardNow: () => clipboardGuard.clearNow(),
    async dispose() {
      disposed = true;
      reminders?.stop();
      indexRef.index?.dispose();
      transfer.dispose();
      await compare.dispose();
      await bulk.dispose();
      await clipboardGuard.clearNow().catch(() => undefined);
      clipboardGuard.dispose();
      await localVault.stop().catch((err: unknown) => deps.log?.(`local vault stop failed: ${String(err)}`));
      await settings.flush();
    },
  };
}
