import type { BulkItemOutcome, BulkWriteMode, KluisError, OperationKey } from '../../contract';
import { toKluisError } from '../errors/error-mapping';
import { failure } from '../errors/kluis-failure';
import type { SecretOperations } from '../operations/secret-operations';
import { sameValue } from '../secrets/secret-writes';

/*
 * Write jobs: bulk items that write a value only main knows (promote reads it from another vault, import parses it
 * from a file). Each item runs as the single operations the user could have run by hand (secrets.set,
 * deleted.recover, under their retry budget and write guard), so a write whose answer was lost is found, not
 * repeated; a later attempt after a throttle first looks for a version the job already wrote.
 */

/** What a write item writes: the value and the attributes sent with it (an absent one is not sent). */
export interface BulkWriteValue {
  value: string;
  contentType?: string;
  enabled?: boolean;
  notBefore?: number;
  expiresOn?: number;
  tags?: Record<string, string>;
}

export interface BulkWriteItem {
  name: string;
  mode: BulkWriteMode;
  /**
   * 'new-version': refuse (kind 'conflict') when the target's current version is no longer this one, i.e. it
   * changed after the caller looked at it.
   */
  expectedVersion?: string;
  /**
   * Gives the value to write, in main, each time the item runs (not for 'skip'). It throws to fail the item: a
   * KluisFailure's message is the item's result (e.g. "changed since it was compared").
   */
  read(): Promise<BulkWriteValue>;
  /** The vault read() sends requests to, and how many: they are paced by that vault's rate, not the target's. */
  reads?: { vaultId: string; requests: number };
}

/** What one write item did. */
export interface BulkWriteDone {
  outcome: BulkItemOutcome;
  version?: string;
}

/** Requests an item of each mode sends to the target (the runner takes that many tokens before it starts). */
export const WRITE_REQUESTS: Record<BulkWriteMode, number> = {
  // Whether the name is free (one versions page), then set: its versions check and the PUT.
  copy: 3,
  'new-version': 2,
  // The recover's check, POST and poll, then set.
  'recover-then-update': 5,
  skip: 0,
};
/** A later attempt first looks for the version an earlier one may have written: its versions, one value read. */
export const WRITE_RECHECK_REQUESTS = 2;

/** A failure of one step of an item, so its message names that step's permission (a 403 on recover asks for it). */
class WriteStepError extends Error {
  constructor(
    readonly operation: OperationKey,
    readonly original: unknown,
  ) {
    super('A step of a bulk write failed.');
    this.name = 'WriteStepError';
  }
}

const step = async <T>(operation: OperationKey, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    throw new WriteStepError(operation, err);
  }
};

/** An item's failure as the user reads it: as the step that failed (secrets.set unless it says otherwise). */
export const describeBulkWriteFailure = (err: unknown): KluisError =>
  err instanceof WriteStepError
    ? toKluisError(err.original, { operation: err.operation })
    : toKluisError(err, { operation: 'secrets.set' });

const isKind = (err: unknown, kind: KluisError['kind']) => toKluisError(err).kind === kind;

const attributesOf = (v: BulkWriteValue) => ({
  ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
  ...(v.enabled !== undefined ? { enabled: v.enabled } : {}),
  ...(v.notBefore !== undefined ? { notBefore: v.notBefore } : {}),
  ...(v.expiresOn !== undefined ? { expiresOn: v.expiresOn } : {}),
  ...(v.tags !== undefined ? { tags: v.tags } : {}),
});

/** The service keeps creation times in whole seconds: a version written since `since` is created at or after this. */
const SECOND = 1_000;

/**
 * Reads one version's value in main under secrets.get's policy, for comparing only: never shown, so privacy mode
 * (which refuses secrets.get to the renderer) does not stop it.
 */
export type ValueReader = (vaultId: string, name: string, version?: string) => Promise<string>;

/**
 * Runs write items as core's single operations (`ops`: already under their policy, operation-runner.ts).
 * `startedAt` is when the job started: a version created since then holding the item's value is the job's own.
 */
export function bulkWriteRunner(ops: SecretOperations, readValue: ValueReader) {
  /** The newest version written since the job started that holds this value (compared here, then dropped). */
  async function writtenEarlier(
    vaultId: string,
    name: string,
    value: string,
    startedAt: number,
  ): Promise<string | undefined> {
    let versions;
    try {
      versions = (await ops.secrets.listVersionsPage({ vaultId, name })).items;
    } catch (err) {
      if (isKind(err, 'not-found')) return undefined;
      throw err;
    }
    const since = Math.floor(startedAt / SECOND) * SECOND;
    const fresh = versions
      .filter((v) => v.version && (v.createdOn ?? 0) >= since)
      .sort((a, b) => (b.createdOn ?? 0) - (a.createdOn ?? 0));
    for (const candidate of fresh.slice(0, 3)) {
      if (sameValue(await readValue(vaultId, name, candidate.version), value)) return candidate.version;
    }
    return undefined;
  }

  async function isDeleted(vaultId: string, name: string): Promise<boolean> {
    try {
      await ops.deleted.get({ vaultId, name });
      return true;
    } catch (err) {
      if (isKind(err, 'not-found')) return false;
      throw new WriteStepError('deleted.get', err);
    }
  }

  return async (
    vaultId: string,
    item: BulkWriteItem,
    attempt: number,
    startedAt: number,
  ): Promise<BulkWriteDone> => {
    if (item.mode === 'skip') return { outcome: 'skipped' };
    const source = await item.read();
    const outcome: BulkItemOutcome =
      item.mode === 'copy' ? 'created' : item.mode === 'new-version' ? 'new-version' : 'recovered';
    if (attempt > 1) {
      const version = await step('secrets.listVersionsPage', () =>
        writtenEarlier(vaultId, item.name, source.value, startedAt),
      );
      if (version) return { outcome, version };
    }
    const { name } = item;
    if (item.mode === 'copy') {
      const existing = await step('secrets.listVersionsPage', async () => {
        try {
          return (await ops.secrets.listVersionsPage({ vaultId, name })).items.length;
        } catch (err) {
          if (isKind(err, 'not-found')) return 0;
          throw err;
        }
      });
      if (existing > 0) {
        throw failure(
          'conflict',
          `A secret named "${name}" exists in the target vault now, so it was not copied. Choose "new version" to write over it, or skip it.`,
        );
      }
    }
    if (item.mode === 'recover-then-update' && (attempt === 1 || (await isDeleted(vaultId, name)))) {
      await step('deleted.recover', () => ops.deleted.recover({ vaultId, name }));
    }
    const saved = await step('secrets.set', () =>
      ops.secrets.set({
        vaultId,
        name,
        value: source.value,
        ...attributesOf(source),
        ...(item.expectedVersion && item.mode === 'new-version'
          ? { expectedVersion: item.expectedVersion }
          : {}),
      }),
    );
    return { outcome, ...(saved.version ? { version: saved.version } : {}) };
  };
}

export type RunWrite = ReturnType<typeof bulkWriteRunner>;
