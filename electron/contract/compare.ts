import { z } from 'zod';
import { BulkWriteModeInput, MAX_BULK_ITEMS, type BulkWriteMode } from './bulk';
import type { KluisError } from './errors';
import { SecretName, VaultId } from './models';

/*
 * Compare two vaults and promote secrets from one (A) to the other (B). Values are compared in main by an
 * HMAC-SHA-256 under a key made for one comparison: no value, hash or HMAC ever crosses to the renderer.
 */

const CompareId = z.string().uuid();

export const CompareStartInput = z
  .object({
    /** A, the source a promote copies from. */
    vaultA: VaultId,
    /** B, the target a promote writes to. */
    vaultB: VaultId,
    /** Only names containing this text (case-insensitive). */
    filter: z.string().max(127).optional(),
  })
  .strict()
  .refine((i) => i.vaultA !== i.vaultB, { message: 'Choose two different vaults.', path: ['vaultB'] });

export const CompareIdInput = z.object({ compareId: CompareId }).strict();

/** The metadata a promote writes with each value (each a checkbox; the value is always written). */
export const PromoteMetadata = z
  .object({
    tags: z.boolean(),
    contentType: z.boolean(),
    /** Activation (notBefore) and expiry. */
    dates: z.boolean(),
  })
  .strict();
export type PromoteMetadata = z.output<typeof PromoteMetadata>;

export const PromoteInput = z
  .object({
    compareId: CompareId,
    items: z
      .array(z.object({ name: SecretName, mode: BulkWriteModeInput }).strict())
      .min(1)
      .max(MAX_BULK_ITEMS),
    metadata: PromoteMetadata,
  })
  .strict();

/** Where a name stands between A and B. 'unknown': present on both, properties equal, value not compared. */
export const COMPARE_STATUSES = ['only-a', 'only-b', 'differs', 'same', 'unknown'] as const;
export type CompareStatus = (typeof COMPARE_STATUSES)[number];

/** The properties of one side's current version that are compared (never its value). */
export interface CompareSide {
  version?: string;
  enabled?: boolean;
  contentType?: string;
  tags: Record<string, string>;
  notBefore?: number;
  expiresOn?: number;
  createdOn?: number;
  updatedOn?: number;
}

export type CompareField = 'value' | 'enabled' | 'contentType' | 'tags' | 'notBefore' | 'expiresOn';

export interface CompareRow {
  name: string;
  status: CompareStatus;
  a?: CompareSide;
  b?: CompareSide;
  /** Both sides present: whether the values are equal; absent when they could not be compared (`valueError`). */
  valueEqual?: boolean;
  /** Why the values could not be compared (e.g. the access message of a 403 on get). */
  valueError?: string;
  /** The fields that differ (both sides present). */
  differences: CompareField[];
  /** Which side was updated last (both present). */
  newer?: 'a' | 'b' | 'same';
  /** B holds a deleted, recoverable secret by this name: a copy there would be refused (409) until it is recovered. */
  deletedOnB?: { deletedOn?: number; scheduledPurgeDate?: number };
}

/** Payload of 'compare.progress': rows as they are decided; the last event has `done`. */
export interface CompareProgress {
  compareId: string;
  rows: CompareRow[];
  /** Names decided so far, and all names (known once both listings are read; until then, those seen). */
  decided: number;
  total: number;
  listed: boolean;
  done?: boolean;
  cancelled?: boolean;
  /** The comparison could not run (a vault could not be listed); rows decided before it stay valid. */
  error?: KluisError;
  /** Things the user should know that do not stop it (e.g. deleted secrets of B could not be listed). */
  warnings?: string[];
}

/** One item of a promote's dry run: exactly what would be written to B. */
export interface PromotePlanItem {
  name: string;
  mode: BulkWriteMode;
  /** Absent when the item will be written; else why it will not be (and the mode that would work). */
  refused?: string;
  /** What is written besides the value (only what the metadata options chose and A has). */
  writes?: {
    contentType?: string;
    tags?: Record<string, string>;
    notBefore?: number;
    expiresOn?: number;
  };
  /** B's version a new version is written over (refused at apply time if B moved on). */
  overVersion?: string;
}

export interface PromotePlan {
  compareId: string;
  source: { vaultId: string; name: string };
  target: { vaultId: string; name: string };
  items: PromotePlanItem[];
  /** Items that will be written (not refused, not skipped). */
  writes: number;
}
