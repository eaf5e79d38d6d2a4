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
import { coreCaller, TRUSTED_SENDER } from './core-caller';

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

export interface TestCoreOptions extends Partial<Omit<KluisCoreDeps, 'emit'>> {
  /** Also told of every event; they are collected in `events` either way. */
  onEvent?: <E extends EventName>(name: E, payload: EventPayloads[E]) => void;
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
 * our own window's main frame trusted, events collected. Any dependency can be given instead.
 */
export async function startTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const { onEvent, ...given } = options;
  const userDataDir = given.userDataDir ?? (await mkdtemp(join(tmpdir(), 'kluis-test-core-')));
  const events: TestCore['events'] = [];
  const clipboard = fakeClipboard();
  const core = await createKluisCore({
    keyStore: createFileKeyStore(join(userDataDir, 'test-local-vault.key')),
    clipboard: clipboard.port,
    isTrustedSender: (s) => s.webContentsId === TRUSTED_SENDER.webContentsId && s.isMainFrame,
    appVersion: '0.0.0-test',
    ...given,
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
