import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigFromFile } from 'electron-vite';
import { build, type UserConfig } from 'vite';

const ROOT = resolve(__dirname, '../../..');
export const RENDERER_DIR = resolve(ROOT, 'out/renderer');

/**
 * `npm test` builds everything with electron-vite before e2e runs. When the e2e project runs alone and no
 * build exists yet, build just the renderer with the same renderer config electron-vite uses.
 */
export async function ensureRendererBuilt(force = process.env.KLUIS_E2E_REBUILD === '1'): Promise<string> {
  if (!force && existsSync(resolve(RENDERER_DIR, 'index.html'))) return RENDERER_DIR;
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, undefined, ROOT);
  const renderer = (loaded.config as { renderer?: UserConfig }).renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
  await build({ ...renderer, configFile: false, logLevel: 'warn' });
  return RENDERER_DIR;
}
