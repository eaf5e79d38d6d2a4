import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

const { createMainWindow } = await import('../../../electron/main/main-window');

beforeEach(() => {
  FakeBrowserWindow.created = [];
});

describe('main window', () => {
  it('is created with the secure webPreferences and our preload', () => {
    createMainWindow('/app/out/preload/index.cjs', { packaged: true });
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
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(electronMock.BrowserWindow).toBe(FakeBrowserWindow);
  });

  it('has DevTools only when not packaged', () => {
    createMainWindow('/p.cjs', { packaged: false });
    createMainWindow('/p.cjs', { packaged: true });
    const [dev, packaged] = FakeBrowserWindow.created.map(
      (w) => (w.options.webPreferences as { devTools: boolean }).devTools,
    );
    expect(dev).toBe(true);
    expect(packaged).toBe(false);
  });

  it('denies every window.open', () => {
    const { webContents } = createMainWindow('/p.cjs', { packaged: true }) as unknown as FakeBrowserWindow;
    expect(webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation (in any frame), redirects and webviews', () => {
    const { webContents } = createMainWindow('/p.cjs', { packaged: true }) as unknown as FakeBrowserWindow;
    expect(webContents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(
      webContents.fire('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false }),
    ).toBe(true);
    expect(webContents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(webContents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('keeps its title when the page sets another', () => {
    const window = createMainWindow('/p.cjs', { packaged: true }) as unknown as FakeBrowserWindow;
    let prevented = false;
    for (const l of window.listeners.get('page-title-updated') ?? [])
      l({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
