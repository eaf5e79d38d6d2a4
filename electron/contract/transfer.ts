import { z } from 'zod';
import { MAX_BULK_ITEMS, type BulkItemResult } from './bulk';
import { MIN_BUNDLE_PASSPHRASE_LENGTH } from './limits';
import { SecretName, VaultId } from './models';

/**
 * Import and export. Values never cross to the renderer: main reads them from the vault and writes them only to the
 * file the user chose in main's save dialog; an import's parsed values stay in main under its id until it is
 * applied, discarded or left alone for IMPORT_IDLE_MINUTES.
 */

/** json: the plain {name: value} map; json-full: values with their properties; bundle: encrypted. */
export const EXPORT_FORMATS = ['env', 'json', 'json-full', 'csv', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const IMPORT_FORMATS = ['env', 'json', 'csv', 'bundle'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const MAX_TRANSFER_ITEMS = MAX_BULK_ITEMS;
export const MIN_BUNDLE_PASSPHRASE = MIN_BUNDLE_PASSPHRASE_LENGTH;
export const IMPORT_IDLE_MINUTES = 15;

const Passphrase = z
  .string()
  .min(MIN_BUNDLE_PASSPHRASE, `A bundle passphrase is at least ${MIN_BUNDLE_PASSPHRASE} characters.`)
  .max(1024);
const ImportId = z.string().uuid();

export const TransferExportInput = z
  .object({
    vaultId: VaultId,
    /** The selected or filtered secrets; absent: every secret in the vault. */
    names: z.array(SecretName).min(1).max(MAX_TRANSFER_ITEMS).optional(),
    format: z.enum(EXPORT_FORMATS),
    /** The bundle's passphrase (the renderer had it typed twice). */
    passphrase: Passphrase.optional(),
    /** Plain-text formats: set only after the user confirmed the warning that the file is readable. */
    plainTextConfirmed: z.literal(true).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.format === 'bundle' && input.passphrase === undefined) {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'Give the bundle a passphrase.' });
    }
    if (input.format !== 'bundle' && input.plainTextConfirmed !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['plainTextConfirmed'],
        message: 'A plain-text export writes values anyone who reads the file can see: confirm that first.',
      });
    }
  });

export interface ExportResult {
  /** false when the user cancelled the save dialog (nothing was read or written). */
  saved: boolean;
  path?: string;
  /** Secrets written to the file. */
  count: number;
  /** Secrets that could not be read (disabled, no permission, gone), each with its reason; not in the file. */
  skipped: BulkItemResult[];
}

export const ImportOpenInput = z.object({ vaultId: VaultId }).strict();
export const ImportUnlockInput = z.object({ importId: ImportId, passphrase: Passphrase }).strict();
export const ImportDiffInput = z
  .object({
    importId: ImportId,
    /** The secret name for each row of the preview, in order (the suggestions, or the user's edits). */
    names: z.array(z.string().max(200)).max(MAX_TRANSFER_ITEMS),
  })
  .strict();
/** What to do with a row whose name exists with another value (or other properties): skip it, write a new version, or import nothing. */
export const IMPORT_CONFLICT_RULES = ['skip', 'new-version', 'stop'] as const;
export type ImportConflictRule = (typeof IMPORT_CONFLICT_RULES)[number];
export const ImportApplyInput = z
  .object({
    importId: ImportId,
    conflict: z.enum(IMPORT_CONFLICT_RULES),
    /** A row whose name a deleted secret holds: recover that secret and write the value as a new version, or skip. */
    deleted: z.enum(['skip', 'recover']),
  })
  .strict();
export const ImportDiscardInput = z.object({ importId: ImportId }).strict();

/** One row of the file, as the wizard shows it before the diff: never its value. */
export interface ImportRowPreview {
  row: number;
  /** Where it is in the file (1-based); 0 in a bundle. */
  line: number;
  /** The key or name as the file gives it. */
  key: string;
  /** The secret name Kluis suggests (the key when it is a valid name). */
  name: string;
  /** The file gives properties (content type, tags, dates, enabled) for it. */
  hasProperties: boolean;
  /** Why it cannot be imported whatever its name (the value is too long, too many tags…). */
  problem?: string;
}

export interface ImportPreview {
  importId: string;
  fileName: string;
  format: ImportFormat;
  /** A bundle: call transfer.importUnlock with its passphrase; rows are empty until then. */
  needsPassphrase: boolean;
  rows: ImportRowPreview[];
}

export type ImportRowStatus = 'new' | 'changed' | 'same' | 'invalid' | 'deleted';

export interface ImportDiffRow {
  row: number;
  line: number;
  key: string;
  name: string;
  status: ImportRowStatus;
  /** Why it is invalid or changed ("the value differs", "tags differ"), or what a deleted name means. */
  reason?: string;
}

export interface ImportDiff {
  rows: ImportDiffRow[];
  counts: Record<ImportRowStatus, number>;
}

/** Imported rows that are not written (invalid, same, skipped) are in the final results too, with why. */
export interface ImportApplyStarted {
  jobId: string;
  /** Rows the job writes. */
  total: number;
}
