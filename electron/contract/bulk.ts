import { z } from 'zod';
import { MAX_EXTEND_DAYS } from './limits';
import { ContentType, EpochMs, SecretName, VaultId } from './models';

/**
 * What one bulk job does to each named secret. recover and purge address deleted secrets. The property edits
 * (enable, disable, set-expiry, extend-expiry, set-content-type) PATCH the current version's attributes and never
 * create a new version.
 */
export const BULK_ACTIONS = [
  'delete',
  'recover',
  'purge',
  'enable',
  'disable',
  'set-expiry',
  'extend-expiry',
  'set-content-type',
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_ITEMS = 5_000;

/** What the caller saw of a secret: extend-expiry adds its days to that expiry, and refuses if it changed since. */
const SeenProperties = z.object({ expiresOn: EpochMs.optional(), updatedOn: EpochMs.optional() }).strict();

export const BulkStartInput = z
  .object({
    vaultId: VaultId,
    action: z.enum(BULK_ACTIONS),
    names: z.array(SecretName).min(1).max(MAX_BULK_ITEMS),
    /** set-expiry: the new expiry of every item. */
    expiresOn: EpochMs.optional(),
    /**
     * extend-expiry: days added to each item's expiry, counted from its expiry as seen, or from the job's start
     * when it had none or it had passed.
     */
    extendDays: z.number().int().min(1).max(MAX_EXTEND_DAYS).optional(),
    /** extend-expiry: each item's properties as the caller saw them, by name. */
    seen: z
      .record(SecretName, SeenProperties)
      .refine((r) => Object.keys(r).length <= MAX_BULK_ITEMS)
      .optional(),
    /** set-content-type: the new content type of every item (empty clears it). */
    contentType: ContentType.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const need = (field: 'expiresOn' | 'extendDays' | 'contentType', message: string) => {
      if (input[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (input.action === 'set-expiry') need('expiresOn', 'Give the new expiry date.');
    if (input.action === 'extend-expiry') need('extendDays', 'Give the number of days to extend by.');
    if (input.action === 'set-content-type') need('contentType', 'Give the content type.');
  });
export type BulkStartParams = z.output<typeof BulkStartInput>;

export const BulkCancelInput = z.object({ jobId: z.string().uuid() }).strict();

/**
 * A write job (promote, import: bulk-writes.ts in core) writes, per item, a value only main knows (read from
 * another vault, parsed from a file). What each item does with its name on the target:
 * - 'copy': create it; refused when a secret by that name exists by the time it runs.
 * - 'new-version': write a new version (of an existing secret, or create it when there is none).
 * - 'recover-then-update': recover the deleted secret holding the name, then write the value as a new version.
 * - 'skip': nothing is sent; the item's result says it was skipped.
 */
export const BULK_WRITE_MODES = ['copy', 'new-version', 'recover-then-update', 'skip'] as const;
export type BulkWriteMode = (typeof BULK_WRITE_MODES)[number];
export const BulkWriteModeInput = z.enum(BULK_WRITE_MODES);

/** What a write item did: created the secret, wrote a new version, recovered it and wrote one, or skipped it. */
export type BulkItemOutcome = 'created' | 'new-version' | 'recovered' | 'skipped';

/** One item's outcome; `error` is the user-facing message, never a value. */
export interface BulkItemResult {
  name: string;
  ok: boolean;
  error?: string;
  /** Write jobs only: what the item did. */
  outcome?: BulkItemOutcome;
  /** Write jobs only: the version the item wrote. */
  version?: string;
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
