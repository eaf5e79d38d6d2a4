import type { LocalVaultStatus, Notice } from '../../contract';
import type { SettingsState } from '../settings/settings-state';
import type { VaultList } from '../vault/vault-list';
import { loadLocalVault } from './local-vault-loader';
import {
  createLocalVaultManager,
  type KeyStore,
  type LocalVaultManager,
  type StartLocalVault,
} from './local-vault-manager';
import { createLocalVaultSupervisor } from './local-vault-supervisor';

export interface CoreLocalVaultDeps {
  userDataDir: string;
  keyStore: KeyStore;
  /** Defaults to electron/local-vault's startLocalVault, loaded on first use. */
  startLocalVault?: StartLocalVault;
  /** True once core is disposing: a start still in flight then fails instead of leaving a server running. */
  shuttingDown: () => boolean;
  onStatus: (status: LocalVaultStatus) => void;
  addNotice: (notice: Notice) => void;
  log?: (line: string) => void;
}

/** The embedded local vault as core runs it: started on first use, never once core is shutting down. */
export function createCoreLocalVault(deps: CoreLocalVaultDeps): LocalVaultManager {
  return createLocalVaultManager({
    userDataDir: deps.userDataDir,
    keyStore: deps.keyStore,
    start: async () => {
      // A call still in flight at quit must not start a server nobody will stop.
      if (deps.shuttingDown()) throw new Error('Kluis is shutting down');
      return deps.startLocalVault ?? (await loadLocalVault());
    },
    onStatus: deps.onStatus,
    addNotice: deps.addNotice,
    ...(deps.log ? { log: deps.log } : {}),
  });
}

/** The supervisor for calls on the listed local vault: restarts it when it stopped answering, keeps its URL current. */
export function superviseLocalVault(d: {
  localVault: LocalVaultManager;
  settings: SettingsState;
  vaults: Pick<VaultList, 'refreshLocalUrl'>;
  log?: (line: string) => void;
}) {
  return createLocalVaultSupervisor({
    localVault: d.localVault,
    isLocalVault: (vaultId) => d.settings.get().vaults.find((v) => v.id === vaultId)?.kind === 'local',
    onRestarted: (url) => d.vaults.refreshLocalUrl(url),
    ...(d.log ? { log: d.log } : {}),
  });
}
