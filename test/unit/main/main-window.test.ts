import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

const { createMainWindow } = await import('../../../electron/main/main-window');

beforeEach(() => {
  FakeBrowserWindow.created = [];
});

describe('main window', () => {
  it('is created with the secure webPreferences and our preload', () => {
    createMainWindow('/app/out/preload/index.cjs');
    const window = FakeBrowserWindow.created[0]!;
    expect(window.options.title).toBe('Kluis');
    expect(window.options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      webviewTag: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
    expect(electronMock.BrowserWindow).toBe(FakeBrowserWindow);
  });

  it('denies every window.open', () => {
    const { webContents } = createMainWindow('/p.cjs') as unknown as FakeBrowserWindow;
    expect(webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation, redirects and webviews', () => {
    const { webContents } = createMainWindow('/p.cjs') as unknown as FakeBrowserWindow;
    expect(webContents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(webContents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(webContents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('keeps its title when the page sets another', () => {
    const window = createMainWindow('/p.cjs') as unknown as FakeBrowserWindow;
    let prevented = false;
    for (const l of window.listeners.get('page-title-updated') ?? [])
      l({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
