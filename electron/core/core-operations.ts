import type { Notice } from '../contract';
import type { ClipboardGuard } from './clipboard-guard';
import type { KluisImplementation } from './ipc-registry';
import type { LocalVaultManager } from './local-vault-manager';
import type { SecretsService } from './secrets-service';
import type { SettingsState } from './settings-state';
import type { VaultList } from './vault-list';

export interface CoreOperationDeps {
  settings: SettingsState;
  vaults: VaultList;
  secrets: SecretsService;
  localVault: LocalVaultManager;
  clipboardGuard: ClipboardGuard;
  notices: () => Notice[];
  appVersion: string;
}

/** Every contract operation, over core's services. Inputs arrive parsed by the registry. */
export function createCoreOperations(d: CoreOperationDeps): KluisImplementation {
  const { settings, vaults, secrets } = d;
  return {
    app: {
      getState: async () => ({
        settings: settings.get(),
        notices: d.notices(),
        localVault: d.localVault.status(),
        appVersion: d.appVersion,
      }),
    },
    settings: {
      updateUi: (input) =>
        settings.update((draft) => {
          for (const [key, value] of Object.entries(input)) {
            if (value !== undefined) Object.assign(draft.ui, { [key]: value });
          }
        }),
    },
    vaults: {
      add: (input) => vaults.add(input),
      remove: ({ vaultId }) => vaults.remove(vaultId),
      rename: ({ vaultId, displayName }) => vaults.rename(vaultId, displayName),
      select: ({ vaultId }) => vaults.select(vaultId),
      setPinned: ({ vaultId, pinned }) => vaults.setPinned(vaultId, pinned),
      setAuth: ({ vaultId, auth }) => vaults.setAuth(vaultId, auth),
    },
    localVault: {
      open: async () => vaults.upsertLocal((await d.localVault.ensureRunning()).url),
      status: async () => d.localVault.status(),
    },
    secrets: {
      listPage: ({ vaultId, continuationToken }) => secrets.listPage(vaultId, continuationToken),
      listVersionsPage: ({ vaultId, name, continuationToken }) =>
        secrets.listVersionsPage(vaultId, name, continuationToken),
      get: (input) => secrets.get(input),
      set: (input) => secrets.set(input),
      updateProperties: (input) => secrets.updateProperties(input),
      delete: ({ vaultId, name }) => secrets.delete(vaultId, name),
      copyValue: async (input) => {
        const clearAfterSeconds = settings.get().ui.clipboardClearSeconds;
        const { value } = await secrets.get(input);
        await d.clipboardGuard.copy(value, clearAfterSeconds);
        return { clearAfterSeconds };
      },
    },
    deleted: {
      listPage: ({ vaultId, continuationToken }) => secrets.listDeletedPage(vaultId, continuationToken),
      get: ({ vaultId, name }) => secrets.getDeleted(vaultId, name),
      recover: ({ vaultId, name }) => secrets.recover(vaultId, name),
      purge: async ({ vaultId, name }) => {
        await secrets.purge(vaultId, name);
        return { purged: true as const };
      },
    },
  };
}
