import type { DeletedSecretInfo } from '../../contract';
import { failure } from '../errors/kluis-failure';

/** Purge is allowed only where the vault's recovery level includes "Purgeable"; otherwise purge protection is on. */
export const isPurgeProtected = (recoveryLevel: string | undefined): boolean =>
  recoveryLevel !== undefined && !/purgeable/i.test(recoveryLevel);

const day = (ms: number | undefined) =>
  ms === undefined ? 'its scheduled purge date' : new Date(ms).toUTCString();

/** What to say when a purge is refused because the vault protects deleted secrets. */
export const purgeProtectedMessage = (scheduledPurgeDate: number | undefined): string =>
  `This vault has purge protection: deleted secrets are purged automatically on ${day(scheduledPurgeDate)}. Until then they can only be recovered.`;

/**
 * Runs a purge; a refusal (403) for a deleted secret whose vault has purge protection becomes that explanation
 * instead of a permissions message, since no role would help.
 */
export async function purgeExplained(
  purge: () => Promise<void>,
  deleted: () => Promise<DeletedSecretInfo>,
  statusOf: (err: unknown) => number | undefined,
): Promise<void> {
  try {
    await purge();
  } catch (err) {
    if (statusOf(err) !== 403) throw err;
    const info = await deleted().catch(() => undefined);
    if (info && isPurgeProtected(info.properties.recoveryLevel)) {
      throw failure('forbidden', purgeProtectedMessage(info.scheduledPurgeDate), { status: 403 });
    }
    throw err;
  }
}
