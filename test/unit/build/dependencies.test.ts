import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, { dev?: boolean; hasInstallScript?: boolean; resolved?: string }>;
};

/** Development tools whose install scripts exist but never run (.npmrc: ignore-scripts) and download nothing. */
const DEV_INSTALL_SCRIPTS: Record<string, string> = {
  'node_modules/esbuild':
    'checks that its platform binary (an optional dependency from the registry) is present',
  'node_modules/es5-ext': 'prints a message after install; nothing is fetched',
  'node_modules/electron-winstaller':
    'picks a bundled 7-Zip binary for the Windows installer; nothing is fetched',
};

describe('dependencies', () => {
  it('are pinned by a committed lockfile that resolves only from the npm registry', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
    const elsewhere = Object.entries(lock.packages)
      .filter(([path, p]) => path && p.resolved && !p.resolved.startsWith('https://registry.npmjs.org/'))
      .map(([path]) => path);
    expect(elsewhere).toEqual([]);
  });

  it('pin a current Electron exactly', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const version: string = pkg.devDependencies.electron;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('run no install-time scripts: none in production, and development ones are known and disabled', () => {
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript);
    expect(withScripts.filter(([, p]) => !p.dev).map(([path]) => path)).toEqual([]);
    for (const [path] of withScripts) expect(DEV_INSTALL_SCRIPTS, path).toHaveProperty(path);
    expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
  });

  it("leave Electron's runtime to the launcher: the electron package has no install step, npm start fetches it", () => {
    expect(lock.packages['node_modules/electron']?.hasInstallScript).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('node build/electron-launcher.mjs preview');
    expect(pkg.scripts.dev).toBe('node build/electron-launcher.mjs dev');
  });
});
