import type { EventName, EventPayloads } from '../contract';
import { openSignInStores } from './auth/sign-in-stores';
import type { DeviceCodePrompt } from './auth/credentials';
import type { StringProtector } from './auth/credential-store';
import { createBulkJobs } from './bulk/bulk-jobs';
import { createDashboard } from './dashboard/dashboard';
import type { NotificationPort } from './dashboard/expiry-reminders';
import { vaultErrorContext } from './errors/error-context';
import { toKluisError } from './errors/error-mapping';
import { unconfiguredFileDialogs, type FileDialogs } from './files/value-file-writer';
import { createCoreLocalVault, superviseLocalVault } from './local/core-local-vault';
import type { KeyStore, StartLocalVault } from './local/local-vault-manager';
import { createCoreOperations } from './operations/core-operations';
import { createHandlerRegistry, type HandlerRegistry, type SenderInfo } from './operations/handler-registry';
import { createOperationRunner } from './operations/operation-runner';
import { createSecretOperations } from './operations/secret-operations';
import { createWindowOperations } from './operations/window-operations';
import { APP_PACING, type Pacing } from './reliability/pacing';
import { createClipboardGuard, type ClipboardPort } from './secrets/clipboard-guard';
import { createVersionOperations } from './versions/version-operations';
import { createSecretBackupFiles } from './secrets/secret-backup-files';
import { createSecretsService } from './secrets/secrets-service';
import { createNoticeBoard } from './settings/notices';
import { openCoreSettings } from './settings/core-settings';
import { APP_CONNECTION_POLICY, type ConnectionPolicy } from './vault/connection-policy';
import { createVaultAccess } from './vault/vault-access';
import { warmUpAzureSdk, type VaultConnectionsDeps } from './vault/vault-connections';
import { createTransfer } from './transfer/transfer';
import { createCompare } from './compare';
import { findVault } from './vault/vault-list';
import { createVaultDiagnosis, vaultTrustFor, type VaultDiagnosisDeps } from './access/vault-diagnosis';
import { vaultNamesOf } from './access/vault-names';
import { createDiscovery } from './discovery/discovery-service';

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
  /** Main's safeStorage: encrypts service principal secrets and remembered sign-ins. Without it, neither is kept. */
  protector?: StringProtector;
  /** Main: opens a browser sign-in page after checking it (shell.openExternal behind openSignInPage). */
  openSignInPage?: VaultConnectionsDeps['openSignInPage'];
  /** Main: keeps the window out of screen captures while a value is visible (BrowserWindow.setContentProtection). */
  setContentProtection?: (on: boolean) => void;
  /** Main: the OS proxy for a vault URL (session.resolveProxy). */
  proxyFor?: VaultConnectionsDeps['proxyFor'];
  /** Main's OS notifications, for expiry reminders (dashboard/expiry-reminders.ts); without it there are none. */
  notifications?: NotificationPort;
  /** The vaults' TLS trust, retry plans and pipeline (vault/connection-policy.ts); APP_CONNECTION_POLICY if absent. */
  connectionPolicy?: ConnectionPolicy;
  /** Bulk jobs' rate and the first reminder check (reliability/pacing.ts); APP_PACING if absent. */
  pacing?: Pacing;
  /** Ports of the access doctor: role assignments (ARM), discovery's vault names, test probes. */
  accessDoctor?: Pick<VaultDiagnosisDeps, 'roleAssignments' | 'knownVaultNames' | 'probes'>;
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

/** Builds each part of core from its dependencies, in order; the parts' own folders hold what they do. */
export async function createKluisCore(deps: KluisCoreDeps): Promise<KluisCore> {
  const { emit, log } = deps;
  const logs = log ? { log } : {};
  const pacing = deps.pacing ?? APP_PACING;
  let disposed = false;
  const opened = await openCoreSettings(deps.userDataDir, (s) => emit('settings.changed', s));
  const { settings } = opened;
  const stores = openSignInStores(deps.userDataDir, deps.protector);
  const notices = createNoticeBoard([...opened.notices, ...stores.notices], (n) => emit('app.notice', n));
  const localVault = createCoreLocalVault({
    ...deps,
    shuttingDown: () => disposed,
    onStatus: (status) => emit('localVault.status', status),
    addNotice: notices.add,
  });
  const policy = deps.connectionPolicy ?? APP_CONNECTION_POLICY;
  const access = createVaultAccess({ ...deps, settings, localVault, stores, policy });
  const { vaults, clientFor } = access;
  const errorContext = vaultErrorContext(() => settings.get());

  // The property index hears every page the list reads, and lists through secrets.listPage as the renderer calls
  // it (secretOperations, below: its retry budget, supervisor and read-ahead); it lists only once started, below.
  const dashboard = createDashboard({
    settings: () => settings.get(),
    listPage: (vaultId, token) =>
      secretOperations.secrets.listPage({ vaultId, ...(token ? { continuationToken: token } : {}) }),
    describe: (err, vaultId) =>
      toKluisError(err, { operation: 'secrets.listPage', ...errorContext({ vaultId }) }),
    emit: (page) => emit('index.page', page),
    userDataDir: deps.userDataDir,
    remindersStartDelayMs: pacing.remindersStartDelayMs,
    ...(deps.notifications ? { notifications: deps.notifications } : {}),
    ...logs,
  });
  const secrets = createSecretsService(clientFor, {
    page: (vaultId, token, page) => dashboard.index.observe(vaultId, token, page),
    forget: (vaultId) => dashboard.index.forget(vaultId),
  });
  const runner = createOperationRunner({
    onRetrying: (event) => emit('operation.retrying', event),
    supervised: superviseLocalVault({ localVault, settings, vaults, ...logs }),
    forgetReadAhead: (vaultId) => secrets.forgetReadAhead(vaultId),
    recordCall: (vaultId, allowed) => access.signInStatus.recordCall(vaultId, allowed),
  });
  // Browse vaults: its own sign-ins (Resource Manager only), announced like a vault's.
  const discovery = createDiscovery({
    ...deps,
    ...{ settings: () => settings.get(), signInStatus: access.signInStatus, ...stores },
    ...{ retryPlan: policy.retryPlans.azure, armTrustFor: policy.armTrustFor },
    onDeviceCode: access.announceDeviceCode,
  });
  const clipboardGuard = createClipboardGuard(deps.clipboard, () => emit('clipboard.cleared', {}));
  const windowOps = createWindowOperations({
    ...deps,
    settings,
    deviceCodePrompt: access.deviceCodePrompt,
    signInOf: (id) => discovery.signInOf(id),
  });
  opened.onChanged(windowOps.settingsChanged);

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
  // Values read in main for comparing and for write jobs only (never shown), under secrets.get's policy.
  const readSecret = (vaultId: string, name: string, version?: string) =>
    runner.runOnVault(vaultId, 'secrets.get', 'read', () => secrets.get({ vaultId, name, version }));
  const bulk = createBulkJobs({
    operations: secretOperations,
    clientFor,
    runOnVault: runner.runOnVault,
    readValue: async (...args) => (await readSecret(...args)).value,
    emit: (progress) => emit('bulk.progress', progress),
    limits: pacing.bulk,
  });
  const coreOperations = runner.wrap(
    createCoreOperations({
      ...deps,
      settings,
      vaults,
      localVault,
      notices: notices.all,
      windowOps,
      bulk,
      index: dashboard.operations,
      auth: access.auth,
      diagnose: createVaultDiagnosis({
        resolveVault: access.resolveVault,
        clientFor,
        trustFor: (v) => vaultTrustFor(v, localVault.access()?.caPem, policy),
        ...(deps.proxyFor ? { proxyFor: deps.proxyFor } : {}),
        emit: (step) => emit('vaults.diagnoseStep', step),
        knownVaultNames: () => vaultNamesOf(settings.get().vaults.map((v) => v.url)),
        ...deps.accessDoctor,
      }),
      discovery,
    }),
  );
  // Import and export (transfer/): values read and written in main only; imports applied through the bulk runner.
  const transfer = createTransfer({
    secrets,
    run: runner.run,
    dialogs: () => deps.fileDialogs ?? {},
    vaultName: (vaultId) => findVault(settings.get(), vaultId).displayName,
    apply: (vaultId, items) => bulk.startWrites({ vaultId, items }),
  });
  const compare = createCompare({
    ops: secretOperations,
    readSecret,
    vaultName: (vaultId) => findVault(settings.get(), vaultId).displayName,
    describe: (err, vaultId, operation) => toKluisError(err, { operation, ...errorContext({ vaultId }) }),
    bulk,
    emit: (progress) => emit('compare.progress', progress),
  });
  const operations = {
    ...coreOperations,
    ...secretOperations,
    ...runner.wrap(transfer.operations),
    ...runner.wrap(compare.operations),
    // Version diff: restoring an older version, under the same policy as the secrets operations.
    ...runner.wrap(createVersionOperations({ secrets })),
  };
  const handlers = createHandlerRegistry(operations, deps.isTrustedSender, {
    errorContext,
    ...logs,
  });
  dashboard.start();

  return {
    handlers,
    warmUp: warmUpAzureSdk,
    clearClipboardNow: () => clipboardGuard.clearNow(),
    async dispose() {
      disposed = true;
      dashboard.dispose();
      discovery.dispose();
      transfer.dispose();
      await compare.dispose();
      await bulk.dispose();
      await clipboardGuard.clearNow().catch(() => undefined);
      clipboardGuard.dispose();
      await localVault.stop().catch((err: unknown) => log?.(`local vault stop failed: ${String(err)}`));
      await settings.flush();
    },
  };
}
