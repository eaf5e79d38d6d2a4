import { formatExact } from '../../lib/relative-time';

/** Purge is allowed only where the vault's recovery level includes "Purgeable"; otherwise purge protection is on. */
export const isPurgeProtected = (recoveryLevel: string | undefined): boolean =>
  recoveryLevel !== undefined && !/purgeable/i.test(recoveryLevel);

export const purgeProtectedText = (scheduledPurgeDate: number | undefined): string =>
  `This vault has purge protection: deleted secrets are purged automatically on ${
    scheduledPurgeDate === undefined ? 'their scheduled purge date' : formatExact(scheduledPurgeDate)
  }.`;
