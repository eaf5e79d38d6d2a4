import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelOf } from '../../../electron/contract';
import { electronMock, FakeBrowserWindow, ipcMainHandlers, menuMock } from './electron-mock';

/** The app lifecycle with a mocked Electron: what happens between "ready" and a loaded window. */
const userData = await mkdtemp(join(tmpdir(), 'kluis-main-'));
const appListeners = new Map<string, (...args: unknown[]) => unknown>();
const app = {
  isPackaged: true,
  enableSandbox: vi.fn(),
  commandLine: { hasSwitch: vi.fn(() => false) },
  requestSingleInstanceLock: vi.fn(() => true),
  on: vi.fn((name: string, listener: (...args: unknown[]) => unknown) => appListeners.set(name, listener)),
  whenReady: vi.fn(async () => undefined),
  getPath: vi.fn(() => userData),
  getVersion: vi.fn(() => '9.9.9'),
  quit: vi.fn(),
  exit: vi.fn(),
};
const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
const net = { fetch: vi.fn() };
const defaultSession = {
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  webRequest: { onHeadersReceived: vi.fn() },
};

vi.mock('electron', async () => ({
  ...(await import('./electron-mock')).electronMock,
  app,
  protocol,
  net,
  session: { defaultSession },
}));

beforeAll(async () => {
  FakeBrowserWindow.created = [];
  await import('../../../electron/main/index');
  // Generous: under a loaded machine, creating core and the window can take more than waitFor's default second.
  await vi.waitFor(() => expect(FakeBrowserWindow.created[0]?.loadURL).toHaveBeenCalled(), {
    timeout: 10_000,
  });
});
afterAll(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('main process lifecycle', () => {
  it('sandboxes every renderer before ready and checks the debugging switches', () => {
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.enableSandbox.mock.invocationCallOrder[0]!).toBeLessThan(
      app.whenReady.mock.invocationCallOrder[0]!,
    );
    expect(app.commandLine.hasSwitch).toHaveBeenCalledWith('remote-debugging-port');
    expect(app.commandLine.hasSwitch).toHaveBeenCalledWith('remote-debugging-pipe');
    expect(electronMock.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('packaged: its own menu without reload or DevTools, and a window without DevTools', () => {
    expect(menuMock.setApplicationMenu).toHaveBeenCalledTimes(1);
    const menu = JSON.stringify(menuMock.setApplicationMenu.mock.calls[0]![0]);
    expect(menu).toContain('"selectAll"');
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(menu).not.toContain(`"${role}"`);
    const prefs = FakeBrowserWindow.created[0]!.options.webPreferences as { devTools: boolean };
    expect(prefs.devTools).toBe(false);
  });

  it('takes the single instance lock and hardens the session', () => {
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
  });

  it('serves the renderer from app://kluis/ instead of file://', () => {
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ secure: true }) }),
    ]);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('creates one hidden window with the built preload and loads the built renderer', () => {
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const window = FakeBrowserWindow.created[0]!;
    expect(window.options.show).toBe(false);
    const prefs = window.options.webPreferences as { preload: string; sandbox: boolean };
    expect(prefs.sandbox).toBe(true);
    expect(prefs.preload.endsWith(join('preload', 'index.cjs'))).toBe(true);
    expect(window.loadURL).toHaveBeenCalledWith('app://kluis/index.html');
    expect(window.loadFile).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('registers every channel and trusts only the window it created', async () => {
    expect(electronMock.ipcMain.handle).toHaveBeenCalled();
    const window = FakeBrowserWindow.created[0]!;
    const url = window.loadURL.mock.calls[0]![0];
    const frame = { url };
    Object.assign(window.webContents.mainFrame, frame);
    const getState = ipcMainHandlers.get(channelOf('app', 'getState'))!;
    const ok = await getState({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, {});
    expect(ok).toMatchObject({ ok: true, value: { appVersion: '9.9.9' } });
    const refused = await getState({ sender: window.webContents, senderFrame: { url } }, {});
    expect(refused).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
  });

  it('keeps the window out of screen captures while the page says a value is visible', async () => {
    const window = FakeBrowserWindow.created[0]!;
    const setValueVisible = ipcMainHandlers.get(channelOf('app', 'setValueVisible'))!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await setValueVisible(event, { visible: true })).toEqual({ ok: true, value: { protected: true } });
    expect(window.setContentProtection).toHaveBeenLastCalledWith(true);
    expect(await setValueVisible(event, { visible: false })).toEqual({
      ok: true,
      value: { protected: false },
    });
    expect(window.setContentProtection).toHaveBeenLastCalledWith(false);
  });

  it("copies plain text (an id) through Electron's clipboard", async () => {
    const window = FakeBrowserWindow.created[0]!;
    const copyText = ipcMainHandlers.get(channelOf('app', 'copyText'))!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await copyText(event, { text: 'ABCD-EFGH' })).toEqual({ ok: true, value: { copied: true } });
    expect(electronMock.clipboard.writeText).toHaveBeenLastCalledWith('ABCD-EFGH');
  });

  it('reloads the page when the renderer crashes', async () => {
    const window = FakeBrowserWindow.created[0]!;
    const loads = window.loadURL.mock.calls.length;
    window.webContents.fire('render-process-gone', { reason: 'crashed', exitCode: 1 });
    await vi.waitFor(() => expect(window.loadURL.mock.calls.length).toBe(loads + 1));
    expect(window.loadURL.mock.calls.at(-1)?.[0]).toBe('app://kluis/index.html');
  });

  it('focuses the existing window when a second instance starts', () => {
    appListeners.get('second-instance')!();
    expect(FakeBrowserWindow.created[0]!.focus).toHaveBeenCalled();
  });

  it('disposes core before quitting', async () => {
    const preventDefault = vi.fn();
    appListeners.get('before-quit')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    // The second before-quit (from app.quit) goes through.
    const again = vi.fn();
    appListeners.get('before-quit')!({ preventDefault: again });
    expect(again).not.toHaveBeenCalled();
  });
});
