import { DAY_MS, type BulkAction, type KluisError } from '../../contract';
import type { BulkItemParams } from './bulk-runner';
import { toKluisError } from '../errors/error-mapping';
import { BULK_ITEM_OPERATION } from '../operations/operation-traits';
import type { SecretOperations } from '../operations/secret-operations';

/**
 * An item's failure as the user reads it: as the single operation the item is, so a 403 names the permission that
 * action needs (a bulk delete asks for "delete", not "get").
 */
export const describeBulkItemFailure = (err: unknown, action: BulkAction): KluisError =>
  toKluisError(err, { operation: BULK_ITEM_OPERATION[action] });

const isNotFound = (err: unknown) => toKluisError(err).kind === 'not-found';

/** Whether a deleted secret by this name exists; any failure other than "not found" is thrown. */
async function isDeleted(ops: SecretOperations, vaultId: string, name: string): Promise<boolean> {
  try {
    await ops.deleted.get({ vaultId, name });
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/**
 * Whether an earlier attempt of this item already took effect. A throttled attempt may have been the poll after
 * the write (the delete landed, the read that waits for it was throttled); repeating the write would then fail.
 */
async function alreadyDone(
  ops: SecretOperations,
  vaultId: string,
  action: BulkAction,
  name: string,
): Promise<boolean> {
  switch (action) {
    case 'delete':
      return isDeleted(ops, vaultId, name);
    case 'purge':
      return !(await isDeleted(ops, vaultId, name));
    case 'recover':
      if (await isDeleted(ops, vaultId, name)) return false;
      return (await ops.secrets.listVersionsPage({ vaultId, name })).items.length > 0;
    case 'enable':
    case 'disable':
    case 'set-expiry':
    case 'set-content-type':
      // PATCH sets the attribute to a value: repeating it changes nothing.
      return false;
    case 'extend-expiry':
      // Its target was fixed when the job started (bulkItemRunner), so repeating the PATCH sets the same date.
      return false;
  }
}

/**
 * One bulk item is exactly the single operation the user could have run by hand: `ops` are core's secret
 * operations already under their policy (operation-runner.ts: retry budget, read-ahead, local vault supervisor). Core runs purge, enable and disable this way; delete and recover run as
 * confirmed jobs (bulk-confirm.ts: one write per item, completion confirmed by listing) and come here only for a
 * runner built without them. A later attempt first checks whether an earlier one landed, so no write is repeated.
 */
export function bulkItemRunner(ops: SecretOperations) {
  return async (
    vaultId: string,
    action: BulkAction,
    name: string,
    attempt = 1,
    params: BulkItemParams = { startedAt: Date.now() },
  ): Promise<void> => {
    if (attempt > 1 && (await alreadyDone(ops, vaultId, action, name))) return;
    switch (action) {
      case 'delete':
        await ops.secrets.delete({ vaultId, name });
        return;
      case 'recover':
        await ops.deleted.recover({ vaultId, name });
        return;
      case 'purge':
        await ops.deleted.purge({ vaultId, name });
        return;
      case 'enable':
      case 'disable':
        await ops.secrets.updateProperties({ vaultId, name, enabled: action === 'enable' });
        return;
      case 'set-expiry':
        await ops.secrets.updateProperties({ vaultId, name, expiresOn: need(params.expiresOn) });
        return;
      case 'set-content-type':
        await ops.secrets.updateProperties({ vaultId, name, contentType: need(params.contentType) });
        return;
      case 'extend-expiry': {
        const seen = params.seen?.[name];
        await ops.secrets.updateProperties({
          vaultId,
          name,
          expiresOn: extendedExpiry(seen?.expiresOn, need(params.extendDays), params.startedAt),
          // Refused (kind 'conflict') when the secret changed after the caller saw it: its expiry may be new.
          ...(seen?.updatedOn !== undefined ? { expectedUpdatedOn: seen.updatedOn } : {}),
        });
        return;
      }
    }
  };
}

const need = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('The bulk job is missing its parameter.');
  return value;
};

/** +N days from the expiry, or from `startedAt` when there is none or it has passed. */
export function extendedExpiry(expiresOn: number | undefined, days: number, startedAt: number): number {
  const base = expiresOn !== undefined && expiresOn > startedAt ? expiresOn : startedAt;
  return base + days * DAY_MS;
}
