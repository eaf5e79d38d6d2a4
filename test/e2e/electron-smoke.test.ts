import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { findElectronRuntime } from '../../build/electron-launcher.mjs';

const root = join(__dirname, '..', '..');
// The runtime `npm start` would use (ELECTRON_EXEC_PATH, ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron), found
// the same way, without downloading it.
const runtime = findElectronRuntime({ root });
const reason =
  runtime.kind === 'found'
    ? ''
    : runtime.kind === 'not-installed'
      ? 'no Electron runtime here (run `npm start` once with internet access, or set ELECTRON_OVERRIDE_DIST_PATH)'
      : runtime.message;

if (reason) console.warn(`electron-smoke: ${reason}: the real-app smoke test is skipped`);

describe.skipIf(runtime.kind !== 'found')('Electron smoke test (real app)', () => {
  it('starts Kluis with a secure window and shows the first-run screen', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'kluis-smoke-'));
    if (runtime.kind !== 'found') throw new Error(reason);
    const app = await electron.launch({
      executablePath: runtime.executable,
      args: [join(root, 'out', 'main', 'index.js'), `--user-data-dir=${userData}`],
      cwd: root,
    });
    try {
      const window = await app.firstWindow();
      await expect.poll(() => window.title()).toContain('Kluis');
      // What a sandboxed, context-isolated renderer looks like from inside: no Node, only window.kluis.
      const inside = await window.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        kluis: typeof (window as unknown as { kluis?: unknown }).kluis,
      }));
      expect(inside).toEqual({ require: 'undefined', process: 'undefined', kluis: 'object' });
      await window.getByText('Try the local vault').waitFor();
      await window.screenshot({ path: join(root, 'test-results', 'electron-smoke.png') });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
