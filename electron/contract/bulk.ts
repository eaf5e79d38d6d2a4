import { z } from 'zod';
import { SecretName, VaultId } from './models';

/** What one bulk job does to each named secret. recover and purge address deleted secrets. */
export const BULK_ACTIONS = ['delete', 'recover', 'purge', 'enable', 'disable'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_ITEMS = 5_000;

export const BulkStartInput = z
  .object({
    vaultId: VaultId,
    action: z.enum(BULK_ACTIONS),
    names: z.array(SecretName).min(1).max(MAX_BULK_ITEMS),
  })
  .strict();

export const BulkCancelInput = z.object({ jobId: z.string().uuid() }).strict();

/** One item's outcome; `error` is the user-facing message, never a value. */
export interface BulkItemResult {
  name: string;
  ok: boolean;
  error?: string;
}

/** Payload of 'bulk.progress'. The final event carries `results` (one per item that ran). */
export interface BulkProgress {
  jobId: string;
  done: number;
  total: number;
  failed: number;
  /** Only on the final event. */
  results?: BulkItemResult[];
  /** Final event of a job the user cancelled: items not started are not in `results`. */
  cancelled?: boolean;
}
