// `npm run dist`: builds the app and packages it with electron-builder.
// Packaging needs an Electron runtime. Without one (no internet, no ELECTRON_OVERRIDE_DIST_PATH) stop with a
// clear message instead of electron-builder's download stack trace.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

export function findElectronDist(env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return existsSync(env.ELECTRON_OVERRIDE_DIST_PATH) ? env.ELECTRON_OVERRIDE_DIST_PATH : undefined;
  }
  const dist = join(root, 'node_modules', 'electron', 'dist');
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (existsSync(pathFile) && existsSync(join(dist, readFileSync(pathFile, 'utf8').trim()))) return dist;
  return undefined;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const electronDist = findElectronDist();
  if (!electronDist) {
    console.error(
      'npm run dist: no Electron runtime found.\n' +
        'Packaging needs one. Either start the app once with internet access (`npm start` downloads it),\n' +
        'or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron of the version in package.json.',
    );
    process.exit(1);
  }
  run('npx', ['electron-vite', 'build']);
  run('npx', [
    'electron-builder',
    '--config',
    'build/electron-builder.config.cjs',
    `--config.electronDist=${electronDist}`,
    ...process.argv.slice(2),
  ]);
}
