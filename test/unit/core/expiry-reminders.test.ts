import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, type SecretProperties, type Settings } from '../../../electron/contract';
import {
  createExpiryReminders,
  REMINDER_INTERVAL_MS,
  REMINDER_START_DELAY_MS,
} from '../../../electron/core/dashboard/expiry-reminders';
import type { VaultIndex } from '../../../electron/core/dashboard/property-index';

const T0 = Date.parse('2026-03-01T09:00:00Z');
const secret = (name: string, extra: Partial<SecretProperties> = {}): SecretProperties => ({
  name,
  id: `https://v/secrets/${name}`,
  vaultUrl: 'https://v/',
  tags: {},
  ...extra,
});

describe('expiry reminders', () => {
  let dir: string;
  let clock: number;
  let shown: Array<{ title: string; body: string }>;
  let settings: Settings;
  let contents: Record<string, SecretProperties[]>;
  const built: string[][] = [];
  const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kluis-reminders-'));
    clock = T0;
    shown = [];
    built.length = 0;
    timers.length = 0;
    settings = {
      version: 1,
      vaults: [
        {
          id: 'prod',
          displayName: 'Prod',
          url: 'https://prod/',
          kind: 'azure',
          auth: { method: 'azure-cli' },
          pinned: true,
        },
        {
          id: 'dev',
          displayName: 'Dev',
          url: 'https://dev/',
          kind: 'azure',
          auth: { method: 'azure-cli' },
          pinned: false,
        },
      ],
      ui: { theme: 'system', revealSeconds: 20, clipboardClearSeconds: 30, expiryWarningDays: 30 },
    };
    contents = {
      prod: [
        secret('db-password', { expiresOn: T0 + 40 * DAY_MS }),
        secret('api-key', { expiresOn: T0 + 200 * DAY_MS }),
        secret('gone', { expiresOn: T0 - DAY_MS }),
        secret('off', { expiresOn: T0 + 5 * DAY_MS, enabled: false }),
      ],
      dev: [secret('dev-key', { expiresOn: T0 + 2 * DAY_MS })],
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function reminders() {
    let results = new Map<string, VaultIndex>();
    return createExpiryReminders({
      settings: () => settings,
      index: {
        build: (_id, vaultIds = []) => {
          built.push(vaultIds);
          results = new Map(vaultIds.map((id) => [id, { items: contents[id] ?? [], at: clock }]));
          return { vaultIds };
        },
        settled: async () => results,
      },
      notifications: { isSupported: () => true, show: (n) => shown.push(n) },
      marksFile: join(dir, 'reminders.json'),
      now: () => clock,
      schedule: (fn, ms) => {
        const timer = { at: clock + ms, fn, cancelled: false };
        timers.push(timer);
        return () => (timer.cancelled = true);
      },
    });
  }

  /** Moves the clock and runs the timers that came due (and waits for their checks). */
  async function advance(ms: number) {
    clock += ms;
    for (const t of timers.filter((t) => !t.cancelled && t.at <= clock)) {
      t.cancelled = true;
      t.fn();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('notifies when a secret of a pinned vault enters the warning window, once per day, naming vault and secret', async () => {
    const r = reminders();
    expect(await r.check()).toBe(0); // 40 days out: not yet in the 30-day window
    expect(built).toEqual([['prod']]); // pinned vaults only

    clock = T0 + 11 * DAY_MS; // now 29 days before expiry
    expect(await r.check()).toBe(1);
    expect(shown).toEqual([
      {
        title: 'Prod: db-password expires soon',
        body: 'Expiring within 30 days: db-password (in 29 d). Open Kluis to extend or rotate them.',
      },
    ]);
    // Later the same day: nothing again.
    clock += 6 * 60 * 60 * 1000;
    expect(await r.check()).toBe(0);
    // A day after the first: reminded again.
    clock = T0 + 12 * DAY_MS;
    expect(await r.check()).toBe(1);
    expect(shown).toHaveLength(2);
    // Expired, disabled and unpinned secrets never notify; no text carries a value.
    expect(JSON.stringify(shown)).not.toMatch(/gone|off|dev-key/);
  });

  it('keeps the marks across restarts in a small file of names and times only', async () => {
    clock = T0 + 11 * DAY_MS;
    expect(await reminders().check()).toBe(1);
    const file = JSON.parse(await readFile(join(dir, 'reminders.json'), 'utf8'));
    expect(file).toEqual({ version: 1, marks: { 'prod/db-password': clock } });
    clock += 60 * 60 * 1000;
    expect(await reminders().check()).toBe(0);
  });

  it('one notification per vault: several secrets are listed, soonest first, with "and N more" past five', async () => {
    contents.prod = Array.from({ length: 7 }, (_, i) =>
      secret(`s-${i}`, { expiresOn: T0 + (7 - i) * DAY_MS }),
    );
    expect(await reminders().check()).toBe(7);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('Prod: 7 secrets expire soon');
    expect(shown[0]!.body).toMatch(
      /^Expiring within 30 days: s-6 \(in 1 d\), s-5 \(in 2 d\), .* and 2 more\./,
    );
  });

  it('the setting turns it off; it checks after start and every few hours; stop ends it', async () => {
    clock = T0 + 11 * DAY_MS;
    settings.ui.remindersEnabled = false;
    const r = reminders();
    expect(await r.check()).toBe(0);
    expect(built).toEqual([]);

    // Privacy mode: nothing is shown (or marked) while the screen may be shared.
    settings.ui.remindersEnabled = true;
    settings.ui.privacyMode = true;
    expect(await r.check()).toBe(0);
    expect(shown).toEqual([]);
    settings.ui.privacyMode = false;
    r.start();
    await advance(REMINDER_START_DELAY_MS - 1);
    expect(built).toHaveLength(0);
    await advance(1);
    expect(built).toHaveLength(1);
    expect(shown).toHaveLength(1);
    await advance(REMINDER_INTERVAL_MS);
    expect(built).toHaveLength(2);
    r.stop();
    await advance(REMINDER_INTERVAL_MS);
    expect(built).toHaveLength(2);
  });
});
