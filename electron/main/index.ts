import { join } from 'node:path';
import { app, dialog, net, protocol, session, shell, type BrowserWindow } from 'electron';
import { createKluisCore, type KluisCore } from '../core';
import { installAppMenu } from './app-menu';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './content-security-policy';
import { refuseRemoteDebugging } from './debugging-switches';
import { electronClipboard } from './electron-clipboard';
import { electronNotifications } from './electron-notifications';
import { createElectronFileDialogs } from './electron-file-dialogs';
import { registerIpcHandlers, sendEvent } from './ipc';
import { createMainWindow, hardenWebContents } from './main-window';
import { watchRenderer } from './renderer-recovery';
import { rendererLocation } from './renderer-location';
import { resolveVaultProxy } from './proxy-resolution';
import { createSafeStorageKeyStore } from './safe-storage-key-store';
import { createSafeStorageProtector } from './safe-storage-protector';
import { openSignInPage } from './sign-in-browser';
import { hardenSession } from './session-hardening';
import { createTrustedSenderCheck } from './trusted-sender';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const PRELOAD_PATH = join(__dirname, '../preload/index.cjs');
const RENDERER_DIR = join(__dirname, '../renderer');
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const location = rendererLocation(devUrl);

let mainWindow: BrowserWindow | undefined;
let core: KluisCore | undefined;
let quitting = false;

const log = (line: string) => console.log(`[kluis] ${line}`);

// Defence in depth: every renderer sandboxed, whatever a window's options say (must be called before 'ready').
app.enableSandbox();
// The renderer is served from app://kluis/, not file://; the scheme must be registered before 'ready'.
registerAppScheme(protocol);

if (
  refuseRemoteDebugging({
    isPackaged: app.isPackaged,
    argv: process.argv,
    hasSwitch: (name) => app.commandLine.hasSwitch(name),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    exit: (code) => app.exit(code),
  })
) {
  // Refused and exiting: nothing else starts.
} else if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over settings.json and the local vault's data.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    // Clear a copied value and stop the local vault before the process goes away.
    event.preventDefault();
    quitting = true;
    void core.dispose().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, devUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
  handleAppProtocol(protocol, net, RENDERER_DIR, CONTENT_SECURITY_POLICY);
  const userDataDir = app.getPath('userData');
  core = await createKluisCore({
    userDataDir,
    keyStore: createSafeStorageKeyStore(join(userDataDir, 'local-vault.key')),
    clipboard: electronClipboard,
    notifications: electronNotifications,
    fileDialogs: createElectronFileDialogs(() => mainWindow),
    emit: (name, payload) => sendEvent(mainWindow?.webContents, name, payload),
    isTrustedSender: createTrustedSenderCheck(() => mainWindow?.webContents.id, location),
    appVersion: app.getVersion(),
    log,
    protector: createSafeStorageProtector(),
    // Browser sign-in pages open only through this check (https on the vault's sign-in host).
    openSignInPage: (url, authorityHost) =>
      openSignInPage(url, authorityHost, (page) => shell.openExternal(page)),
    // While a value is visible (and the setting is on), screen captures and screen sharing show the window blank.
    setContentProtection: (on) => mainWindow?.setContentProtection(on),
    proxyFor: (vaultUrl) => resolveVaultProxy(vaultUrl, (url) => session.defaultSession.resolveProxy(url)),
  });
  registerIpcHandlers(core.handlers);

  installAppMenu(app.isPackaged);
  const window = createMainWindow(PRELOAD_PATH, { packaged: app.isPackaged });
  mainWindow = window;
  const load = () => window.loadURL(location.target);
  watchRenderer(window, { reload: load, log });
  window.on('closed', () => {
    mainWindow = undefined;
  });
  window.once('ready-to-show', () => {
    window.show();
    // The Azure SDK is large; load it once the window is up so the first call does not wait for it.
    setTimeout(
      () => void core?.warmUp().catch((err: unknown) => log(`SDK warm-up failed: ${String(err)}`)),
      0,
    );
  });
  await load();
}
