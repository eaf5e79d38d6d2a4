import type { Notice } from '../contract';
import { inspectEndpoint, originOf, pinFor, proxyForEndpoint } from './endpoint-trust';
import type { ProxyTarget } from './proxy-tunnel';
import { toKluisError } from './error-mapping';
import { failure } from './kluis-failure';
import { purgeExplained } from './purge-protection';
import type { BulkRunner } from './bulk-runner';
import type { ClipboardGuard } from './clipboard-guard';
import type { KluisImplementation } from './ipc-registry';
import type { LocalVaultManager } from './local-vault-manager';
import type { SecretBackupFiles } from './secret-backup-files';
import type { SecretsService } from './secrets-service';
import type { SettingsState } from './settings-state';
import { writeValueFile, type FileDialogs } from './value-file-writer';
import type { WindowOperations } from './window-operations';
import { findVault, type VaultList } from './vault-list';

/** Said when privacy mode refuses to reveal or copy a value. */
export const PRIVACY_MODE_MESSAGE =
  'Privacy mode is on: turn it off (Ctrl+Shift+P) to reveal or copy values.';

export interface CoreOperationDeps {
  settings: SettingsState;
  vaults: VaultList;
  secrets: SecretsService;
  localVault: LocalVaultManager;
  clipboardGuard: ClipboardGuard;
  notices: () => Notice[];
  appVersion: string;
  /** Bulk jobs and backup files; tests of other operations may leave them out. */
  bulk?: BulkRunner;
  backups?: SecretBackupFiles;
  fileDialogs: FileDialogs;
  /** The property index over every vault (property-index.ts); tests of other operations may leave it out. */
  index?: KluisImplementation['index'];
  /** Sign-in operations (auth/auth-operations.ts); tests of other operations may leave them out. */
  auth?: KluisImplementation['auth'];
  /** The proxy main resolved for a URL (the OS proxy); checking an endpoint's certificate goes the same way. */
  proxyFor?: (url: string) => Promise<ProxyTarget | undefined>;
  /** app.copyText, app.openDeviceCodePage, app.setValueVisible (window-operations.ts); tests may leave them out. */
  windowOps?: WindowOperations;
}

const need = <T>(service: T | undefined): T => {
  if (!service) throw failure('not-configured', 'This operation is not available in this build of Kluis.');
  return service;
};

/** Every contract operation, over core's services. Inputs arrive parsed by the registry. */
export function createCoreOperations(d: CoreOperationDeps): KluisImplementation {
  const { settings, vaults, secrets } = d;
  // Checked in main, not only in the renderer: a value must not leave the vault while the screen is shared.
  const refuseInPrivacyMode = () => {
    if (settings.get().ui.privacyMode) throw failure('privacy-mode', PRIVACY_MODE_MESSAGE);
  };
  return {
    app: {
      getState: async () => ({
        settings: settings.get(),
        notices: d.notices(),
        localVault: d.localVault.status(),
        appVersion: d.appVersion,
      }),
      copyText: (input) => need(d.windowOps).copyText(input),
      openDeviceCodePage: (input) => need(d.windowOps).openDeviceCodePage(input),
      setValueVisible: (input) => need(d.windowOps).setValueVisible(input),
    },
    settings: {
      updateUi: (input) =>
        settings.update((draft) => {
          for (const [key, value] of Object.entries(input)) {
            if (value !== undefined) Object.assign(draft.ui, { [key]: value });
          }
        }),
      saveViewState: async ({ vaultId, secretName, scrollTop }) => {
        await settings.update(
          (draft) => {
            findVault(draft, vaultId);
            const view = {
              ...(secretName ? { secretName } : {}),
              ...(scrollTop !== undefined ? { scrollTop } : {}),
            };
            // Views of vaults no longer listed are dropped here, so the record never outgrows the vault list.
            const listed = new Set(draft.vaults.map((v) => v.id));
            const kept = Object.entries(draft.ui.lastSelection ?? {}).filter(([id]) => listed.has(id));
            draft.ui.lastSelection = { ...Object.fromEntries(kept), [vaultId]: view };
          },
          { quiet: true },
        );
        return { saved: true as const };
      },
    },
    vaults: {
      add: (input) => vaults.add(input),
      remove: async ({ vaultId }) => {
        // A removed vault leaves nothing behind: its remembered sign-in and any stored service principal go
        // first (a failure there keeps the vault listed, so the user can retry rather than lose track of it).
        if (d.auth && findVault(settings.get(), vaultId).kind !== 'local') await d.auth.signOut({ vaultId });
        return vaults.remove(vaultId);
      },
      rename: ({ vaultId, displayName }) => vaults.rename(vaultId, displayName),
      select: ({ vaultId }) => vaults.select(vaultId),
      setPinned: ({ vaultId, pinned }) => vaults.setPinned(vaultId, pinned),
      setAuth: ({ vaultId, auth }) => vaults.setAuth(vaultId, auth),
      inspectCertificates: async ({ vaultId, origin }) =>
        inspectEndpoint(
          findVault(settings.get(), vaultId),
          origin,
          await proxyForEndpoint(origin, d.proxyFor),
        ),
      pinCertificate: async ({ vaultId, origin, fingerprint256 }) =>
        vaults.pinCertificate(
          vaultId,
          await pinFor(
            findVault(settings.get(), vaultId),
            origin,
            fingerprint256,
            await proxyForEndpoint(origin, d.proxyFor),
          ),
        ),
      unpinCertificate: ({ vaultId, origin, fingerprint256 }) =>
        vaults.unpinCertificate(vaultId, originOf(origin), fingerprint256),
    },
    localVault: {
      open: async () => vaults.upsertLocal((await d.localVault.ensureRunning()).url),
      status: async () => d.localVault.status(),
    },
    secrets: {
      listPage: ({ vaultId, continuationToken }) => secrets.listPage(vaultId, continuationToken),
      listVersionsPage: ({ vaultId, name, continuationToken }) =>
        secrets.listVersionsPage(vaultId, name, continuationToken),
      get: async (input) => {
        refuseInPrivacyMode();
        const secret = await secrets.get(input);
        // Again once the vault has answered: privacy mode may have been switched on while the call was out.
        refuseInPrivacyMode();
        return secret;
      },
      set: (input) => secrets.set(input),
      updateProperties: (input) => secrets.updateProperties(input),
      backupToFile: ({ vaultId, name }) => need(d.backups).backupToFile(vaultId, name),
      restoreFromFile: ({ vaultId }) => need(d.backups).restoreFromFile(vaultId),
      delete: ({ vaultId, name }) => secrets.delete(vaultId, name),
      copyValue: async (input) => {
        refuseInPrivacyMode();
        const clearAfterSeconds = settings.get().ui.clipboardClearSeconds;
        const { value } = await secrets.get(input);
        refuseInPrivacyMode();
        await d.clipboardGuard.copy(value, clearAfterSeconds);
        return { clearAfterSeconds };
      },
      saveValueToFile: async (input) => {
        refuseInPrivacyMode();
        const path = await d.fileDialogs.showSaveDialog({ defaultPath: `${input.name}.txt` });
        if (!path) return { saved: false };
        refuseInPrivacyMode();
        const { value } = await secrets.get(input);
        refuseInPrivacyMode();
        await writeValueFile(path, value);
        return { saved: true, path };
      },
    },
    deleted: {
      listPage: ({ vaultId, continuationToken }) => secrets.listDeletedPage(vaultId, continuationToken),
      get: ({ vaultId, name }) => secrets.getDeleted(vaultId, name),
      recover: ({ vaultId, name }) => secrets.recover(vaultId, name),
      purge: async ({ vaultId, name }) => {
        await purgeExplained(
          () => secrets.purge(vaultId, name),
          () => secrets.getDeleted(vaultId, name),
          (err) => toKluisError(err).status,
        );
        return { purged: true as const };
      },
    },
    auth: d.auth ?? {
      saveServicePrincipal: async () => need<never>(undefined),
      signOut: async () => need<never>(undefined),
      whoAmI: async () => need<never>(undefined),
      cancelSignIn: async () => need<never>(undefined),
    },
    index: d.index ?? { build: async () => need<never>(undefined) },
    bulk: {
      start: async (input) => {
        findVault(settings.get(), input.vaultId);
        return need(d.bulk).start(input);
      },
      cancel: async ({ jobId }) => need(d.bulk).cancel(jobId),
    },
  };
}
