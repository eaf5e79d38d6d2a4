import { DEFAULT_BULK_LIMITS, type BulkLimits } from '../bulk/bulk-runner';
import { REMINDER_START_DELAY_MS } from '../dashboard/expiry-reminders';

/**
 * How fast core's own background work goes: a bulk job's rate, concurrency and throttle backoff, and how soon after
 * start the first expiry-reminder check runs. The app runs APP_PACING; tests pace a run through startTestCore.
 */
export interface Pacing {
  bulk: BulkLimits;
  remindersStartDelayMs: number;
}

export const APP_PACING: Pacing = {
  bulk: DEFAULT_BULK_LIMITS,
  remindersStartDelayMs: REMINDER_START_DELAY_MS,
};
