import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  channelOf,
  type Contract,
  type EventName,
  type EventPayloads,
  type OperationInput,
  type OperationResult,
  type Result,
} from '../../../electron/contract';
import {
  createFileKeyStore,
  createKluisCore,
  type ClipboardPort,
  type SenderInfo,
} from '../../../electron/core';

export const TRUSTED: SenderInfo = { webContentsId: 1, isMainFrame: true, url: 'file:///app/index.html' };

export function fakeClipboard() {
  let text = '';
  const port: ClipboardPort = {
    writeText: (t) => void (text = t),
    readText: () => text,
    clear: () => void (text = ''),
  };
  return { port, text: () => text };
}

export const tempUserData = () => mkdtemp(join(tmpdir(), 'kluis-core-it-'));

/** createKluisCore as main and the e2e harness build it, plus a typed caller that goes through the registry. */
export async function startCore(userDataDir: string) {
  const events: Array<{ name: EventName; payload: unknown }> = [];
  const clipboard = fakeClipboard();
  const core = await createKluisCore({
    userDataDir,
    keyStore: createFileKeyStore(join(userDataDir, 'test-local-vault.key')),
    clipboard: clipboard.port,
    emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => events.push({ name, payload }),
    isTrustedSender: (s) => s.webContentsId === TRUSTED.webContentsId && s.isMainFrame,
    appVersion: '0.0.0-test',
  });

  /** Calls an operation by group and method through its channel's handler, like the preload would. */
  function call<G extends keyof Contract, M extends keyof Contract[G] & string>(
    group: G,
    method: M,
    input: OperationInput<Contract[G][M]> | Record<string, unknown>,
    sender: SenderInfo = TRUSTED,
  ): Promise<Result<OperationResult<Contract[G][M]>>> {
    const handler = core.handlers.get(channelOf(group, method));
    if (!handler) throw new Error(`no handler for ${group}.${method}`);
    return handler(sender, input) as Promise<Result<OperationResult<Contract[G][M]>>>;
  }

  /** Like call, but fails the test with the KluisError when the call did not succeed. */
  async function value<G extends keyof Contract, M extends keyof Contract[G] & string>(
    group: G,
    method: M,
    input: OperationInput<Contract[G][M]> | Record<string, unknown>,
  ): Promise<OperationResult<Contract[G][M]>> {
    const result = await call(group, method, input);
    if (!result.ok) throw new Error(`${group}.${method} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  return { core, call, value, events, clipboard };
}
