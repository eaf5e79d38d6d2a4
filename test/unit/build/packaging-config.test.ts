import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../../build/electron-builder.config.cjs');

describe('electron-builder configuration', () => {
  it('builds AppImage and deb on Linux, dmg on macOS and nsis on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('sets every hardening fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('packs only the built app, with the icon from build/', () => {
    expect(config.files).toEqual(['out/**/*', 'package.json', '!**/*.map']);
    expect(config.directories.buildResources).toBe('build');
    expect(existsSync(join(__dirname, '../../../', config.icon))).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('npm run dist stops with a clear message when the Electron runtime it is pointed at does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kluis-'));
    const none = join(dir, 'none');
    const r = spawnSync(process.execPath, ['build/dist.mjs'], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, ELECTRON_EXEC_PATH: '', ELECTRON_OVERRIDE_DIST_PATH: none },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('packaging needs an Electron runtime');
    expect(r.stderr).toContain(
      `ELECTRON_OVERRIDE_DIST_PATH is set to ${none}, but there is no Electron executable`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    rmSync(dir, { recursive: true, force: true });
  });
});
