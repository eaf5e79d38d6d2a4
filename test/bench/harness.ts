/**
 * The benchmark's variant of test/e2e/harness/launch-kluis.ts: the built renderer in Chromium with window.kluis
 * forwarding to the real core, but with knobs the e2e harness has no reason to offer: the local vault's
 * latency and throttling, a pre-seeded data dir, a probe in the page (bench-bridge.ts), and optionally a
 * synthetic secrets.listPage (clearly labelled wherever it is used).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { channelOf, type Result } from '../../electron/contract';
import type { KluisCore, SenderInfo } from '../../electron/core';
import { startTestCore } from '../support/start-test-core';
import type { LocalVaultOptions, RunningLocalVault } from '../../electron/local-vault';
import { DurableStore } from '../../electron/local-vault/persistence/durable-store';
import { loadOrCreateTls } from '../../electron/local-vault/tls-store';
import { serveStatic, type StaticServer } from '../e2e/harness/static-server';
import type { BenchProbe } from './bench-bridge';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium';
import { pageEventEmitter } from '../e2e/harness/page-events';
import { startVaultProcess } from './vault-process';

const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // performance.memory with real (not bucketed) figures, as a cross-check of CDP's heap usage.
  '--enable-precise-memory-info',
];

export const LIST_PAGE = channelOf('secrets', 'listPage');
export const SENDER: SenderInfo = { webContentsId: 1, isMainFrame: true, url: 'http://127.0.0.1/' };

export interface BenchHarnessOptions {
  rendererDir: string;
  vault: Pick<LocalVaultOptions, 'latencyMs' | 'throttle'>;
  /** Secrets written straight into the local vault's data dir before it starts (no latency while seeding). */
  seedSecrets?: number;
  /** Replaces core's secrets.listPage for the page (a synthetic data source, labelled as such in results). */
  listPage?: (input: unknown) => Promise<Result<unknown>>;
}

export interface BenchHarness {
  page: Page;
  core: KluisCore;
  cdp: CDPSession;
  /** The running local vault core started (url, CA, token), once something opened it. */
  vault(): RunningLocalVault;
  close(): Promise<void>;
}

let bridgeScript: Promise<string> | undefined;
function benchBridge(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [resolve(__dirname, 'bench-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bridgeScript;
}

/** One secret of a seeded data dir: its name and its only version (`now` in seconds since the epoch). */
export type SeedEntry = Omit<Extract<Parameters<DurableStore['state']['apply']>[0], { op: 'set' }>, 'op'>;

/**
 * Writes `count` secrets, entry i as `entryOf(i, now)` gives it, straight into a local vault's data dir (its store
 * and TLS material), before the vault starts: not timed, not throttled.
 */
export async function seedDataDirWith(
  dataDir: string,
  key: Buffer,
  count: number,
  entryOf: (i: number, now: number) => SeedEntry,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const store = await DurableStore.open({ dataDir, key, compactAfterRecords: Number.MAX_SAFE_INTEGER });
  const now = Math.floor(Date.now() / 1000);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const m = { op: 'set' as const, ...entryOf(i, now) };
    store.state.apply(m);
    writes.push(store.persist(m));
  }
  await Promise.all(writes);
  await store.compact();
  await store.close();
  await loadOrCreateTls(dataDir, key, []);
}

/** Writes `count` secrets (properties like a real vault's: content type, tags, some expiry) into dataDir. */
export function seedDataDir(
  dataDir: string,
  key: Buffer,
  count: number,
  prefix = 'app-setting',
): Promise<void> {
  return seedDataDirWith(dataDir, key, count, (i, now) => ({
    name: `${prefix}-${String(i).padStart(6, '0')}`,
    version: {
      version: randomBytes(16).toString('hex'),
      value: randomBytes(24).toString('base64'),
      contentType: i % 3 === 0 ? 'application/json' : 'text/plain',
      tags: { env: ['dev', 'test', 'prod'][i % 3]!, team: `t${i % 10}` },
      enabled: i % 50 !== 0,
      ...(i % 7 === 0 ? { exp: now + 86_400 * (i % 60) } : {}),
      created: now,
      updated: now,
    },
  }));
}

export async function launchBench(opts: BenchHarnessOptions): Promise<BenchHarness> {
  const bridge = await benchBridge();
  const scratch = await mkdtemp(join(tmpdir(), 'kluis-bench-'));
  const userDataDir = join(scratch, 'user-data');
  const key = randomBytes(32);
  if (opts.seedSecrets) await seedDataDir(join(userDataDir, 'local-vault'), key, opts.seedSecrets);
  let page: Page | undefined;
  let running: RunningLocalVault | undefined;

  const emit = pageEventEmitter(() => page);
  const { core } = await startTestCore({
    userDataDir,
    keyStore: { getOrCreateKey: async () => key },
    onEvent: emit,
    isTrustedSender: (sender) => sender.isMainFrame,
    appVersion: '0.1.0-bench',
    // Core's own options (port, token, data dir, key) plus the benchmark's latency and throttling, in a process of
    // its own (see vault-process.ts): the vault stands in for the remote service.
    startLocalVault: async (options) => {
      running = await startVaultProcess({ ...options, ...opts.vault });
      return running;
    },
  });

  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  try {
    server = await serveStatic(opts.rendererDir);
    context = await chromium.launchPersistentContext(join(scratch, 'chromium'), {
      executablePath: chromiumPath(),
      args: BENCH_CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    const mainPage = page;
    // Results cross as one JSON string (bench-bridge.ts parses it): Playwright's own argument serializer walks every
    // object in JavaScript, several ms per page of secrets on the loop that also runs core and the SDK, where
    // Electron's IPC clones natively. Contract results are JSON data (numbers for dates, no undefined that matters).
    await page.exposeBinding('__kluisInvoke', async (source, channel: string, input: unknown) => {
      if (channel === LIST_PAGE && opts.listPage) return JSON.stringify(await opts.listPage(input));
      const handler = core.handlers.get(channel);
      if (!handler)
        return JSON.stringify({
          ok: false,
          error: { kind: 'internal', message: `No handler for ${channel}.` },
        });
      return JSON.stringify(
        await handler(
          { webContentsId: 1, isMainFrame: source.frame === mainPage.mainFrame(), url: source.frame.url() },
          input,
        ),
      );
    });
    await page.addInitScript({ content: bridge });
    await page.addInitScript({ content: PAGE_HELPERS });
    const cdp = await context.newCDPSession(page);
    await page.goto(server.url);
    const openServer = server;
    const openContext = context;
    return {
      page,
      core,
      cdp,
      vault() {
        if (!running) throw new Error('the local vault is not running yet');
        return running;
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

/** The page's probe (see bench-bridge.ts). */
export function probe(page: Page): Promise<BenchProbe> {
  return page.evaluate(() => (window as unknown as { __bench: BenchProbe }).__bench);
}

/**
 * In the page: resolves with performance.now() after the next paint once `condition()` holds (checked on
 * every DOM mutation). "After paint": a requestAnimationFrame callback runs just before the frame is
 * painted, and a message posted from it is delivered after that frame.
 */
export const PAGE_HELPERS = `
// tsx compiles functions passed to page.evaluate with esbuild's keepNames, which calls __name().
window.__name = window.__name || ((f) => f);
window.__benchAfterPaint = () => new Promise((resolve) => {
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  });
});
window.__benchWhen = (condition, timeoutMs) => new Promise((resolve, reject) => {
  let done = false;
  const finish = () => {
    if (done || !condition()) return;
    done = true;
    observer.disconnect();
    const seen = performance.now();
    window.__benchAfterPaint().then((painted) => resolve({ seen, painted }));
  };
  const observer = new MutationObserver(finish);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  setTimeout(() => { if (!done) { observer.disconnect(); reject(new Error('timed out')); } }, timeoutMs);
  finish();
});
`;
