import { BrowserWindow, type WebContents } from 'electron';

/**
 * The only window. Its webPreferences are written out literally (not spread from a constant) so reviewers and
 * electronegativity can see each one.
 */
export function createMainWindow(preloadPath: string, options: { packaged: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Kluis',
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    webPreferences: {
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
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
      // A packaged build has no DevTools at all (not only no menu item): from DevTools every secret can be read.
      devTools: !options.packaged,
      preload: preloadPath,
    },
  });
  hardenWebContents(window.webContents);
  // The page's <title> must not rename the window: "Kluis" is how users and screen readers find it.
  window.on('page-title-updated', (event) => event.preventDefault());
  return window;
}

/**
 * Our page never navigates, opens windows or embeds webviews; anything that tries (a link, a dropped file, injected
 * script) is stopped here. Applied to every webContents the app creates.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  // Defence in depth: the same for a navigation in any frame (the page has none, and the CSP forbids framing).
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
