import { open, stat } from 'node:fs/promises';
import type { SecretClient } from '@azure/keyvault-secrets';
import type { SecretProperties } from '../../contract';
import { failure, KluisFailure } from '../errors/kluis-failure';
import { toSecretProperties } from './secret-models';

/** The native open dialog, as main provides it (Electron's dialog in the app, a fake in tests). */
export interface OpenFileDialog {
  /** Resolves to the chosen path, or undefined when the user cancelled. */
  showOpenDialog(options: {
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<string | undefined>;
}
export interface SaveFileDialog {
  showSaveDialog(options: { defaultPath: string }): Promise<string | undefined>;
}

export const BACKUP_EXTENSION = 'kvbackup';
export const BACKUP_FILTERS = [{ name: 'Key Vault secret backup', extensions: [BACKUP_EXTENSION] }];
/** A backup holds at most 500 versions of at most 25 KB each, sealed: far below this. */
const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

const statusOf = (err: unknown): number | undefined => {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/** Writes bytes to a new or truncated file only the user can read (mode set on open and again after). */
export async function writePrivateFile(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}

export async function readBackupFile(path: string): Promise<Uint8Array> {
  const info = await stat(path);
  if (!info.isFile() || info.size === 0 || info.size > MAX_BACKUP_BYTES) {
    throw failure(
      'invalid-input',
      'This file is not a Key Vault secret backup: choose a file saved by "Back up".',
    );
  }
  const handle = await open(path, 'r');
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

export interface SecretBackupFiles {
  backupToFile(vaultId: string, name: string): Promise<{ saved: boolean; path?: string }>;
  restoreFromFile(vaultId: string): Promise<SecretProperties>;
}

/**
 * Backup and restore of one secret through files the user picks. The blob is opaque and the vault's own: Azure Key
 * Vault protects its blobs itself (restorable only within the same subscription and geography); the local vault
 * seals its blobs with its store key (electron/local-vault/backup.ts), so they restore only into that vault.
 */
export function createSecretBackupFiles(deps: {
  clientFor: (vaultId: string) => Promise<SecretClient>;
  dialogs: () => Partial<SaveFileDialog & OpenFileDialog>;
}): SecretBackupFiles {
  const unavailable = () => failure('not-configured', 'Files are not available in this build of Kluis.');
  return {
    async backupToFile(vaultId, name) {
      const { showSaveDialog } = deps.dialogs();
      if (!showSaveDialog) throw unavailable();
      const client = await deps.clientFor(vaultId);
      // Read before asking: a missing secret or a missing permission is said before the user picks a file.
      const bytes = await client.backupSecret(name);
      if (!bytes || bytes.length === 0)
        throw failure('service', 'The vault returned an empty backup; try again.');
      const path = await showSaveDialog({ defaultPath: `${name}.${BACKUP_EXTENSION}` });
      if (!path) return { saved: false };
      await writePrivateFile(path, bytes);
      return { saved: true, path };
    },
    async restoreFromFile(vaultId) {
      const { showOpenDialog } = deps.dialogs();
      if (!showOpenDialog) throw unavailable();
      const path = await showOpenDialog({ filters: BACKUP_FILTERS });
      if (!path) throw failure('cancelled', 'No backup file was chosen.');
      const bytes = await readBackupFile(path);
      const client = await deps.clientFor(vaultId);
      try {
        return toSecretProperties(await client.restoreSecretBackup(bytes));
      } catch (err) {
        if (err instanceof KluisFailure) throw err;
        const status = statusOf(err);
        if (status === 400) {
          throw failure(
            'invalid-input',
            'The vault refused this file: it is not a Key Vault secret backup, or it was damaged. Choose a file saved by "Back up".',
            { status },
          );
        }
        if (status === 409) {
          throw failure(
            'conflict',
            "This vault already has a secret (or a deleted secret) by the backup's name: delete and purge it first, or restore into another vault.",
            { status },
          );
        }
        throw err;
      }
    },
  };
}
