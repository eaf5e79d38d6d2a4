import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allOperations, channelOf, eventChannelOf, type Result } from '../../../electron/contract';
import {
  createHandlerRegistry,
  type KluisImplementation,
} from '../../../electron/core/operations/handler-registry';
import { rendererLocation } from '../../../electron/main/renderer-location';
import { createTrustedSenderCheck } from '../../../electron/main/trusted-sender';
import { FakeWebContents, ipcMainHandlers } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

const { registerIpcHandlers, sendEvent } = await import('../../../electron/main/ipc');

const OWN_URL = 'app://kluis/index.html#/secrets';

function fakeImpl() {
  const impl: Record<string, Record<string, unknown>> = {};
  for (const [group, method] of allOperations()) {
    (impl[group] ??= {})[method] = vi.fn(async () => ({ from: `${group}.${method}` }));
  }
  return impl as unknown as KluisImplementation;
}

/** An invoke event as Electron builds it: the sending webContents and the frame that sent it. */
function invokeEvent(sender: FakeWebContents, frame: { url: string } | null) {
  return { sender, senderFrame: frame };
}

let mainContents: FakeWebContents;
let impl: KluisImplementation;

beforeEach(() => {
  ipcMainHandlers.clear();
  mainContents = new FakeWebContents();
  impl = fakeImpl();
  const trusted = createTrustedSenderCheck(() => mainContents.id, rendererLocation(undefined));
  registerIpcHandlers(createHandlerRegistry(impl, trusted));
});

const call = (channel: string, event: unknown, input: unknown) =>
  ipcMainHandlers.get(channel)!(event, input) as Promise<Result<unknown>>;

describe('ipc wrapper', () => {
  it('registers every contract channel with ipcMain', () => {
    expect([...ipcMainHandlers.keys()].sort()).toEqual(
      allOperations()
        .map(([g, m]) => channelOf(g, m))
        .sort(),
    );
  });

  it('passes a call from our main window main frame through to the registry', async () => {
    mainContents.mainFrame.url = OWN_URL;
    const result = await call(
      channelOf('secrets', 'get'),
      invokeEvent(mainContents, mainContents.mainFrame),
      {
        vaultId: 'v1',
        name: 'db',
      },
    );
    expect(result).toEqual({ ok: true, value: { from: 'secrets.get' } });
    expect(impl.secrets.get).toHaveBeenCalledWith({ vaultId: 'v1', name: 'db' });
  });

  it('refuses a call from a subframe of our window', async () => {
    const subframe = { url: OWN_URL };
    const result = await call(channelOf('secrets', 'get'), invokeEvent(mainContents, subframe), {
      vaultId: 'v1',
      name: 'db',
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
    expect(impl.secrets.get).not.toHaveBeenCalled();
  });

  it('refuses a call from another webContents', async () => {
    const other = new FakeWebContents();
    other.mainFrame.url = OWN_URL;
    const result = await call(channelOf('app', 'getState'), invokeEvent(other, other.mainFrame), {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
  });

  it('refuses our main frame once it shows another page', async () => {
    mainContents.mainFrame.url = 'https://evil.example/';
    const result = await call(
      channelOf('app', 'getState'),
      invokeEvent(mainContents, mainContents.mainFrame),
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
  });

  it('refuses a call whose frame is gone', async () => {
    const result = await call(channelOf('app', 'getState'), invokeEvent(mainContents, null), {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
  });

  it('sends events on their contract channel, and not to a destroyed window', () => {
    sendEvent(mainContents as never, 'clipboard.cleared', {});
    expect(mainContents.send).toHaveBeenCalledWith(eventChannelOf('clipboard.cleared'), {});
    mainContents.destroyed = true;
    sendEvent(mainContents as never, 'clipboard.cleared', {});
    expect(mainContents.send).toHaveBeenCalledTimes(1);
    expect(() => sendEvent(undefined, 'clipboard.cleared', {})).not.toThrow();
  });
});

describe('trusted sender check', () => {
  it('accepts the dev server origin in dev', () => {
    const check = createTrustedSenderCheck(() => 7, rendererLocation('http://localhost:5173/'));
    expect(check({ webContentsId: 7, isMainFrame: true, url: 'http://localhost:5173/#/x' })).toBe(true);
    expect(check({ webContentsId: 7, isMainFrame: true, url: 'http://localhost:5174/' })).toBe(false);
    expect(check({ webContentsId: 7, isMainFrame: true, url: 'http://a@localhost:5173/' })).toBe(false);
    expect(check({ webContentsId: 7, isMainFrame: true, url: 'https://localhost:5173/' })).toBe(false);
    expect(check({ webContentsId: 7, isMainFrame: true, url: 'file:///app/out/renderer/index.html' })).toBe(
      false,
    );
  });

  it('accepts only our own index.html in a build', () => {
    const check = createTrustedSenderCheck(() => 7, rendererLocation(undefined));
    expect(check({ webContentsId: 7, isMainFrame: true, url: OWN_URL })).toBe(true);
    for (const url of [
      'file:///app/out/renderer/index.html',
      'file:///tmp/other.html',
      'app://kluis/other.html',
      'app://evil/index.html',
      // User info: the host is still "kluis", but this is not our page.
      'app://a@kluis/index.html',
      'app://a:b@kluis/index.html',
      'app://:b@kluis/index.html',
      'app://kluis:1/index.html',
      'app://kluis/index.html/..%2Fother.html',
      'https://kluis/index.html',
      'not a url',
    ]) {
      expect(check({ webContentsId: 7, isMainFrame: true, url }), url).toBe(false);
    }
  });

  it('refuses everything before the window exists', () => {
    const check = createTrustedSenderCheck(() => undefined, rendererLocation(undefined));
    expect(check({ webContentsId: 7, isMainFrame: true, url: OWN_URL })).toBe(false);
  });
});
