import { toKluisError } from '../errors/error-mapping';
import type { ClipboardGuard } from '../secrets/clipboard-guard';
import type { KluisImplementation } from './handler-registry';
import { failure } from '../errors/kluis-failure';
import { purgeExplained } from '../secrets/purge-protection';
import type { SecretBackupFiles } from '../secrets/secret-backup-files';
import type { SecretsService } from '../secrets/secrets-service';
import type { SettingsState } from '../settings/settings-state';
import { writeValueFile, type FileDialogs } from '../files/value-file-writer';

/** Said when privacy mode refuses to reveal or copy a value. */
export const PRIVACY_MODE_MESSAGE =
  'Privacy mode is on: turn it off (Ctrl+Shift+P) to reveal or copy values.';

export interface SecretOperationDeps {
  settings: SettingsState;
  secrets: SecretsService;
  clipboardGuard: ClipboardGuard;
  fileDialogs: FileDialogs;
  /** Backup files; tests of other operations may leave them out. */
  backups?: SecretBackupFiles;
}

/** The contract operations on a vault's secrets and deleted secrets. Inputs arrive parsed by the registry. */
export type SecretOperations = Pick<KluisImplementation, 'secrets' | 'deleted'>;

const need = <T>(service: T | undefined): T => {
  if (!service) throw failure('not-configured', 'This operation is not available in this build of Kluis.');
  return service;
};

export function createSecretOperations(d: SecretOperationDeps): SecretOperations {
  const { settings, secrets } = d;
  // Checked in main, not only in the renderer: a value must not leave the vault while the screen is shared.
  const refuseInPrivacyMode = () => {
    if (settings.get().ui.privacyMode) throw failure('privacy-mode', PRIVACY_MODE_MESSAGE);
  };
  return {
    secrets: {
      listPage: (input) => secrets.listPage(input),
      listVersionsPage: (input) => secrets.listVersionsPage(input),
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
      delete: (input) => secrets.delete(input),
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
      listPage: (input) => secrets.listDeletedPage(input),
      get: (input) => secrets.getDeleted(input),
      recover: (input) => secrets.recover(input),
      purge: async (input) => {
        await purgeExplained(
          () => secrets.purge(input),
          () => secrets.getDeleted(input),
          (err) => toKluisError(err).status,
        );
        return { purged: true as const };
      },
    },
  };
}
