import type { KluisImplementation } from '../operations/handler-registry';
import type { OperationRunner } from '../operations/operation-runner';
import type { SecretsService } from '../secrets/secrets-service';
import type { FileDialogs } from '../files/value-file-writer';
import { exportToFile } from './export-file';
import { createImportSessions, type ImportApplier } from './import-sessions';
import { createTransferVault } from './transfer-vault';

export interface TransferDeps {
  secrets: SecretsService;
  /** Runs each vault request under its operation's traits (operation-runner.ts). */
  run: OperationRunner['run'];
  dialogs: () => Partial<FileDialogs>;
  vaultName: (vaultId: string) => string;
  /** The bulk runner's import job; without it transfer.importApply answers 'not-configured'. */
  apply?: ImportApplier;
  idleMs?: number;
}

/** Import and export (contract/transfer.ts): the operations, and dispose to drop imports still held. */
export function createTransfer(deps: TransferDeps): {
  operations: Pick<KluisImplementation, 'transfer'>;
  dispose: () => void;
} {
  const vault = createTransferVault({ secrets: deps.secrets, run: deps.run });
  const imports = createImportSessions({
    vault,
    showOpenDialog: (options) => {
      const open = deps.dialogs().showOpenDialog;
      return open ? open(options) : Promise.resolve(undefined);
    },
    ...(deps.apply ? { apply: deps.apply } : {}),
    ...(deps.idleMs !== undefined ? { idleMs: deps.idleMs } : {}),
  });
  return {
    operations: {
      transfer: {
        export: (input) => {
          const save = deps.dialogs().showSaveDialog;
          return exportToFile(
            { vault, vaultName: deps.vaultName, ...(save ? { showSaveDialog: save } : {}) },
            input,
          );
        },
        importOpen: ({ vaultId }) => imports.open(vaultId),
        importUnlock: ({ importId, passphrase }) => imports.unlock(importId, passphrase),
        importDiff: ({ importId, names }) => imports.diff(importId, names),
        importApply: async ({ importId, conflict, deleted }) => imports.apply(importId, conflict, deleted),
        importDiscard: async ({ importId }) => imports.discard(importId),
      },
    },
    dispose: () => imports.dispose(),
  };
}
