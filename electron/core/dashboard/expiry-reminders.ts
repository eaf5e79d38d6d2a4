import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DAY_MS, DEFAULT_STALE_DAYS, inWarningWindow, type Settings } from '../../contract';
import { writeFileAtomically } from '../files/atomic-file';
import type { PropertyIndex } from './property-index';

/**
 * Reminders: an OS notification when a secret in a pinned vault enters the expiry warning window (the expiry
 * warning setting), at most once per secret per day. Checked a little after start and every few hours while Kluis
 * runs; the setting ui.remindersEnabled (absent: on) turns it off. Built from the property index (properties only):
 * the text names the vault and the secrets, never a value. When each secret was last notified is kept in
 * reminders.json under userData (vault id, secret name and a time; nothing else).
 */

/** Main's Notification, as core sees it (electron/main/electron-notifications.ts). */
export interface NotificationPort {
  isSupported(): boolean;
  show(notification: { title: string; body: string }): void;
}

export const REMINDER_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** The first check waits for the window and the SDK to be up. */
export const REMINDER_START_DELAY_MS = 15_000;
/** Names listed in one vault's notification before "and N more". */
const NAMES_SHOWN = 5;

const MarksFile = z.object({ version: z.literal(1), marks: z.record(z.string().max(200), z.number()) });

export interface ExpiryRemindersDeps {
  settings: () => Settings;
  index: Pick<PropertyIndex, 'build' | 'settled'>;
  notifications: NotificationPort;
  /** reminders.json. */
  marksFile: string;
  now?: () => number;
  /** Runs fn after ms; returns how to cancel it (tests give a fake clock). */
  schedule?: (fn: () => void, ms: number) => () => void;
  log?: (line: string) => void;
  /** The first check's delay after start (default REMINDER_START_DELAY_MS; core passes its pacing's). */
  startDelayMs?: number;
}

export interface ExpiryReminders {
  /** Checks the pinned vaults now; resolves with how many secrets were notified. */
  check(): Promise<number>;
  /** The first check after a short delay, then one every REMINDER_INTERVAL_MS. */
  start(): void;
  stop(): void;
}

const markOf = (vaultId: string, name: string) => `${vaultId}/${name.toLowerCase()}`;
const days = (ms: number) => Math.max(0, Math.ceil(ms / DAY_MS));

export function createExpiryReminders(deps: ExpiryRemindersDeps): ExpiryReminders {
  const now = deps.now ?? Date.now;
  const schedule =
    deps.schedule ??
    ((fn, ms) => {
      const timer = setTimeout(fn, ms);
      timer.unref?.();
      return () => clearTimeout(timer);
    });
  let cancel: (() => void) | undefined;
  let stopped = false;
  let running: Promise<number> | undefined;

  async function loadMarks(): Promise<Record<string, number>> {
    try {
      const parsed = MarksFile.safeParse(JSON.parse(await readFile(deps.marksFile, 'utf8')));
      return parsed.success ? parsed.data.marks : {};
    } catch {
      return {};
    }
  }

  async function checkNow(): Promise<number> {
    const settings = deps.settings();
    if (settings.ui.remindersEnabled === false || !deps.notifications.isSupported()) return 0;
    // Privacy mode (screen sharing): no secret names on screen; the next check after it is off reminds instead.
    if (settings.ui.privacyMode === true) return 0;
    const pinned = settings.vaults.filter((v) => v.pinned);
    if (pinned.length === 0) return 0;
    const buildId = randomUUID();
    deps.index.build(
      buildId,
      pinned.map((v) => v.id),
    );
    const found = await deps.index.settled(buildId);
    const at = now();
    const marks = await loadMarks();
    const o = { now: at, warningDays: settings.ui.expiryWarningDays, staleDays: DEFAULT_STALE_DAYS };
    const notifications: Array<{ title: string; body: string }> = [];
    let notified = 0;
    for (const vault of pinned) {
      const due = (found.get(vault.id)?.items ?? [])
        .filter((s) => s.enabled !== false && inWarningWindow(s, o))
        .filter((s) => at - (marks[markOf(vault.id, s.name)] ?? 0) >= DAY_MS)
        .sort((a, b) => (a.expiresOn ?? 0) - (b.expiresOn ?? 0));
      if (due.length === 0) continue;
      const listed = due
        .slice(0, NAMES_SHOWN)
        .map((s) => `${s.name} (in ${days((s.expiresOn ?? at) - at)} d)`)
        .join(', ');
      const more = due.length > NAMES_SHOWN ? ` and ${due.length - NAMES_SHOWN} more` : '';
      notifications.push({
        title:
          due.length === 1
            ? `${vault.displayName}: ${due[0]!.name} expires soon`
            : `${vault.displayName}: ${due.length} secrets expire soon`,
        body: `Expiring within ${settings.ui.expiryWarningDays} days: ${listed}${more}. Open Kluis to extend or rotate them.`,
      });
      for (const s of due) marks[markOf(vault.id, s.name)] = at;
      notified += due.length;
    }
    if (notified > 0) {
      // The marks are kept before anything is shown, so a quit right after a notification cannot repeat it at the
      // next start. Marks older than two days no longer hold anything back.
      const kept = Object.fromEntries(Object.entries(marks).filter(([, t]) => at - t < 2 * DAY_MS));
      await writeFileAtomically(deps.marksFile, JSON.stringify({ version: 1, marks: kept }));
    }
    for (const n of notifications) deps.notifications.show(n);
    return notified;
  }

  const check = () => {
    running ??= checkNow().finally(() => (running = undefined));
    return running;
  };

  const loop = (ms: number) => {
    if (stopped) return;
    cancel = schedule(() => {
      void check()
        .catch((err: unknown) =>
          deps.log?.(`reminders: check failed (${err instanceof Error ? err.name : 'error'})`),
        )
        .finally(() => loop(REMINDER_INTERVAL_MS));
    }, ms);
  };

  return {
    check,
    start() {
      stopped = false;
      loop(deps.startDelayMs ?? REMINDER_START_DELAY_MS);
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
