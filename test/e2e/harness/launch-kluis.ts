import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Result } from '../../../electron/contract';
import type { KluisCore, SenderInfo, StartLocalVault } from '../../../electron/core';
import { openSignInPage } from '../../../electron/main/sign-in-browser';
import { CHROMIUM_ARGS, chromiumPath } from '../../support/chromium';
import { coreCaller } from '../../support/core-caller';
import { startTestCore, type TestCoreOptions } from '../../support/start-test-core';
import { bundlePageBridge } from './bundle-bridge';
import { ensureRendererBuilt } from './build-renderer';
import { createMemoryClipboard } from './memory-clipboard';
import { serveStatic, type StaticServer } from './static-server';
import { pageEventEmitter } from './page-events';

export const RESULTS_DIR = resolve(__dirname, '../../../test-results');

export interface KluisHarness {
  page: Page;
  core: KluisCore;
  /** Typed calls into core's handlers, as the renderer makes them (test/support/core-caller.ts). */
  call: ReturnType<typeof coreCaller>['call'];
  value: ReturnType<typeof coreCaller>['value'];
  /** The vault selected now (the one the window shows). */
  selectedVaultId(): Promise<string>;
  clipboard: ReturnType<typeof createMemoryClipboard>;
  /** Pages main's checked opener let through to the "system browser" (recorded, never opened), in order. */
  openedPages: string[];
  /** What core asked main's window for with setContentProtection, in order. */
  contentProtection: boolean[];
  /** Where the fake save dialog puts files (secrets.saveValueToFile): <savedFilesDir>/<suggested name>. */
  savedFilesDir: string;
  /** The core's userData directory (settings, local vault store), as Electron's app.getPath('userData'). */
  userDataDir: string;
  /** Page errors and console errors, for asserting the app stayed healthy. */
  pageErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The built renderer in Debian's Chromium, with window.kluis from the real API builder forwarding to the
 * real core handler registry (which runs the real local vault), as Electron main would.
 */
/** The most recently written file in dir whose extension is one of extensions. */
async function newestFile(dir: string, extensions: string[]): Promise<string | undefined> {
  let newest: { path: string; at: number } | undefined;
  for (const name of await readdir(dir)) {
    if (!extensions.some((e) => name.endsWith(`.${e}`))) continue;
    const path = join(dir, name);
    const at = (await stat(path)).mtimeMs;
    if (!newest || at > newest.at) newest = { path, at };
  }
  return newest?.path;
}

export interface LaunchOptions {
  /** Receives core's operational log lines (as main's console would). */
  log?: (line: string) => void;
  /** Replaces how core starts the embedded local vault, e.g. to add latency, throttling or faults. */
  startLocalVault?: StartLocalVault;
  /** Trust for Azure-kind vaults and their sign-in host (the local OpenID provider and a --auth jwt vault). */
  testTrust?: TestCoreOptions['testTrust'];
  /** main's safeStorage stand-in (e.g. one playing Linux's unprotected basic_text); default none. */
  protector?: TestCoreOptions['protector'];
  /** false plays a local vault key that no OS keyring protects (Linux's basic_text); default protected. */
  keyProtected?: boolean;
}

export async function launchKluis(options: LaunchOptions = {}): Promise<KluisHarness> {
  const rendererDir = await ensureRendererBuilt();
  const bridge = await bundlePageBridge();
  const scratch = await mkdtemp(join(tmpdir(), 'kluis-e2e-'));
  await mkdir(RESULTS_DIR, { recursive: true });
  const key = randomBytes(32);
  const clipboard = createMemoryClipboard();
  const openedPages: string[] = [];
  const contentProtection: boolean[] = [];
  const userDataDir = join(scratch, 'user-data');
  const savedFilesDir = join(scratch, 'saved-files');
  await mkdir(savedFilesDir, { recursive: true });
  let page: Page | undefined;

  const emit = pageEventEmitter(() => page);
  const { core } = await startTestCore({
    userDataDir,
    keyStore: {
      getOrCreateKey: async () => key,
      ...(options.keyProtected === false ? { isOsProtected: () => false } : {}),
    },
    clipboard,
    // The native dialog cannot run here: answer with a temp path, as if the user accepted the suggested name.
    fileDialogs: {
      showSaveDialog: async ({ defaultPath }) => join(savedFilesDir, basename(defaultPath)),
      // The open dialog picks the newest saved file with an extension the dialog asks for (a backup, say).
      showOpenDialog: async ({ filters }) =>
        newestFile(
          savedFilesDir,
          filters.flatMap((f) => f.extensions),
        ),
    },
    onEvent: emit,
    isTrustedSender: (sender) => sender.isMainFrame,
    setContentProtection: (on) => void contentProtection.push(on),
    // Main's real check (https on the sign-in host); the system browser only records what it was handed.
    openSignInPage: (url, authorityHost) =>
      openSignInPage(url, authorityHost, async (opened) => void openedPages.push(opened)),
    appVersion: '0.1.0-e2e',
    ...(options.log ? { log: options.log } : {}),
    ...(options.startLocalVault ? { startLocalVault: options.startLocalVault } : {}),
    ...(options.testTrust ? { testTrust: options.testTrust } : {}),
    ...(options.protector ? { protector: options.protector } : {}),
  });

  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  try {
    server = await serveStatic(rendererDir);
    context = await chromium.launchPersistentContext(join(scratch, 'chromium'), {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const mainPage = page;
    await page.exposeBinding(
      '__kluisInvoke',
      async (source, channel: string, input: unknown): Promise<Result<unknown>> => {
        const handler = core.handlers.get(channel);
        if (!handler)
          return { ok: false, error: { kind: 'internal', message: `No handler for ${channel}.` } };
        const sender: SenderInfo = {
          webContentsId: 1,
          isMainFrame: source.frame === mainPage.mainFrame(),
          url: source.frame.url(),
        };
        return handler(sender, input);
      },
    );
    await page.addInitScript({ content: bridge });
    await page.goto(server.url);

    const openServer = server;
    const openContext = context;
    const caller = coreCaller(core.handlers);
    return {
      page,
      core,
      ...caller,
      async selectedVaultId() {
        const { settings } = await caller.value('app', 'getState', {});
        if (!settings.selectedVaultId) throw new Error('no vault is selected');
        return settings.selectedVaultId;
      },
      clipboard,
      openedPages,
      contentProtection,
      savedFilesDir,
      userDataDir,
      pageErrors,
      async screenshot(name) {
        const path = join(RESULTS_DIR, `${name}.png`);
        await mainPage.screenshot({ path });
        return path;
      },
      async close() {
        await openContext.close().catch(() => undefined);
        await openServer.close();
        await core.dispose();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server?.close();
    await core.dispose();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** Clicks "Try the local vault" on the first-run screen, waits for its empty list, and returns its vault id. */
export async function openLocalVault(h: KluisHarness): Promise<string> {
  await h.page.getByRole('button', { name: 'Try the local vault' }).click();
  await h.page.getByText('has no secrets yet').waitFor();
  return h.selectedVaultId();
}
