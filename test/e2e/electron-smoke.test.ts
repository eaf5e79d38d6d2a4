import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
// @ts-expect-error -- plain ESM script without types; it exports findElectronDist for reuse here.
import { findElectronDist } from '../../build/dist.mjs';

const root = join(__dirname, '..', '..');
const electronDist: string | undefined = findElectronDist();
const reason =
  'no Electron runtime here (set ELECTRON_OVERRIDE_DIST_PATH or install with internet access): the real-app smoke test is skipped';

if (!electronDist) console.warn(`electron-smoke: ${reason}`);

describe.skipIf(!electronDist)('Electron smoke test (real app)', () => {
  it('starts Kluis with a secure window and shows the first-run screen', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'kluis-smoke-'));
    const binary = process.platform === 'win32' ? 'electron.exe' : 'electron';
    const app = await electron.launch({
      executablePath: join(electronDist!, binary),
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
