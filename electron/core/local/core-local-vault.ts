import type { LocalVaultStatus, Notice } from '../../contract';
import { loadLocalVault } from './local-vault-loader';
import {
  createLocalVaultManager,
  type KeyStore,
  type LocalVaultManager,
  type StartLocalVault,
} from './local-vault-manager';

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
