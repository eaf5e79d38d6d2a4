import { join } from 'node:path';
import type { Settings } from '../../contract';
import type { KluisImplementation } from '../operations/handler-registry';
import { createExpiryReminders, type NotificationPort } from './expiry-reminders';
import { createPropertyIndex, type PropertyIndex, type PropertyIndexDeps } from './property-index';

export interface DashboardDeps {
  settings: () => Settings;
  /** secrets.listPage as the renderer calls it (its retry budget, supervisor and read-ahead). */
  listPage: PropertyIndexDeps['listPage'];
  /** The user-facing error for a vault whose listing failed. */
  describe: PropertyIndexDeps['describe'];
  emit: PropertyIndexDeps['emit'];
  /** Main's OS notifications; without them there are no expiry reminders. */
  notifications?: NotificationPort;
  /** Where reminders.json lives. */
  userDataDir: string;
  /** The first reminder check's delay (expiry-reminders.ts's default if absent). */
  remindersStartDelayMs?: number;
  log?: (line: string) => void;
}

export interface Dashboard {
  /** Hears every page the list reads (secrets-service.ts's listing observer). */
  index: PropertyIndex;
  /** index.build for the registry. */
  operations: KluisImplementation['index'];
  /** Starts the expiry reminders (once core is built: their first check lists through the operations). */
  start(): void;
  dispose(): void;
}

/** Across every vault: the property index over all listings and the expiry reminders built on it. */
export function createDashboard(d: DashboardDeps): Dashboard {
  const index = createPropertyIndex({
    vaultIds: () => d.settings().vaults.map((v) => v.id),
    listPage: d.listPage,
    describe: d.describe,
    emit: d.emit,
  });
  const reminders = d.notifications
    ? createExpiryReminders({
        settings: d.settings,
        index,
        notifications: d.notifications,
        marksFile: join(d.userDataDir, 'reminders.json'),
        ...(d.remindersStartDelayMs !== undefined ? { startDelayMs: d.remindersStartDelayMs } : {}),
        ...(d.log ? { log: d.log } : {}),
      })
    : undefined;
  return {
    index,
    operations: {
      build: async ({ buildId, vaultIds, fresh }) =>
        index.build(buildId, vaultIds, { fresh: fresh === true }),
    },
    start() {
      reminders?.start();
    },
    dispose() {
      reminders?.stop();
      index.dispose();
    },
  };
}
