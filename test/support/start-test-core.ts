import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayloads } from '../../electron/contract';
import {
  createFileKeyStore,
  createKluisCore,
  type ClipboardPort,
  type KluisCore,
  type KluisCoreDeps,
} from '../../electron/core';
import type { BulkLimits } from '../../electron/core/bulk/bulk-runner';
import { APP_PACING } from '../../electron/core/reliability/pacing';
import { coreCaller, TRUSTED_SENDER } from './core-caller';
import { testConnectionPolicy, type TestConnectionOptions } from './test-connection-policy';

/** A clipboard in memory: what was last copied. */
export function fakeClipboard() {
  let text = '';
  const port: ClipboardPort = {
    writeText: (t) => void (text = t),
    readText: () => text,
    clear: () => void (text = ''),
  };
  return { port, text: () => text };
}

export interface TestCoreOptions
  extends Partial<Omit<KluisCoreDeps, 'emit' | 'connectionPolicy' | 'pacing'>>, TestConnectionOptions {
  /** Also told of every event; they are collected in `events` either way. */
  onEvent?: <E extends EventName>(name: E, payload: EventPayloads[E]) => void;
  /** Slows bulk jobs down or speeds them up (the rest as the app's, DEFAULT_BULK_LIMITS). */
  bulkLimits?: Partial<BulkLimits>;
  /** The first expiry-reminder check this soon after start, not REMINDER_START_DELAY_MS. */
  remindersStartDelayMs?: number;
}

export interface TestCore extends ReturnType<typeof coreCaller> {
  core: KluisCore;
  handlers: KluisCore['handlers'];
  /** Every event core emitted, in order. */
  events: Array<{ name: EventName; payload: unknown }>;
  /** The in-memory clipboard core copies to, unless the options gave another. */
  clipboard: ReturnType<typeof fakeClipboard>;
  userDataDir: string;
  /** Disposes core, then removes the user data folder if startTestCore made it. */
  dispose(): Promise<void>;
}

/**
 * A running core as main builds it, for every test, harness and the bench: a user data folder (a fresh temporary
 * one unless given), the local vault key in a plain file there (main uses safeStorage), an in-memory clipboard, only
 * our own window's main frame trusted, events collected. Any dependency can be given instead. A test's trust (a
 * local CA for Azure-kind vaults), shorter retry plans, extra pipeline policies and bulk or reminder pacing are set
 * here and nowhere else: core's own interface has only the connection policy and the pacing they build.
 */
export async function startTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const { onEvent, testTrust, retryPlans, testPolicies, bulkLimits, remindersStartDelayMs, ...given } =
    options;
  const userDataDir = given.userDataDir ?? (await mkdtemp(join(tmpdir(), 'kluis-test-core-')));
  const events: TestCore['events'] = [];
  const clipboard = fakeClipboard();
  const core = await createKluisCore({
    keyStore: createFileKeyStore(join(userDataDir, 'test-local-vault.key')),
    clipboard: clipboard.port,
    isTrustedSender: (s) => s.webContentsId === TRUSTED_SENDER.webContentsId && s.isMainFrame,
    appVersion: '0.0.0-test',
    ...given,
    // The test's trust, retry plans and pipeline, and its pace: the one place tests change them.
    connectionPolicy: testConnectionPolicy({
      ...(testTrust ? { testTrust } : {}),
      ...(retryPlans ? { retryPlans } : {}),
      ...(testPolicies ? { testPolicies } : {}),
    }),
    pacing: {
      bulk: { ...APP_PACING.bulk, ...bulkLimits },
      remindersStartDelayMs: remindersStartDelayMs ?? APP_PACING.remindersStartDelayMs,
    },
    userDataDir,
    emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => {
      events.push({ name, payload });
      onEvent?.(name, payload);
    },
  });
  return {
    core,
    handlers: core.handlers,
    ...coreCaller(core.handlers),
    events,
    clipboard,
    userDataDir,
    async dispose() {
      await core.dispose();
      if (given.userDataDir === undefined) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
