import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startupProxy } from '../../bench/startup-proxy';

const ROOT = resolve(__dirname, '../../..');

/**
 * Benchmark figure 5 as a behaviour check: main's start-up path (its top-level requires, from the real build) holds
 * neither the Azure SDK nor the local vault, so the window opens before either is loaded. A value import of an SDK
 * package anywhere main reaches statically (an error class, a helper) puts the whole SDK back on that path.
 */
describe('main start-up path', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'kluis-startup-path-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('loads no @azure package, no local vault and no node-forge before the window opens', () => {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--outDir',
        outDir,
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const result = startupProxy(outDir);
    expect(result.mainStaticModules.length).toBeGreaterThan(0);
    expect(result.heavyOnStartupPath).toEqual([]);
    expect(result.azureSdkAndLocalVaultOffStartupPath).toBe(true);
    // The SDK is still in the build, reached through import() only.
    expect(result.mainDynamicModules.some((m) => m.startsWith('@azure/'))).toBe(true);
  }, 180_000);
});
