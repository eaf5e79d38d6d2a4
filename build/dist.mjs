// `npm run dist`: builds the app and packages it with electron-builder.
// Packaging needs an Electron runtime: the same one `npm start` uses (build/electron-launcher.mjs finds it, or runs
// Electron's installer once). Without one, stop with the launcher's short message instead of electron-builder's
// download stack trace.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT, ensureElectron, nodeProblem } from './electron-launcher.mjs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function dist() {
  const badNode = nodeProblem();
  if (badNode) {
    console.error(badNode);
    process.exit(1);
  }
  const ensured = await ensureElectron();
  if (!ensured.ok) {
    console.error(`npm run dist: packaging needs an Electron runtime.\n${ensured.message}`);
    process.exit(1);
  }
  run('npx', ['electron-vite', 'build']);
  run('npx', [
    'electron-builder',
    '--config',
    'build/electron-builder.config.cjs',
    `--config.electronDist=${ensured.runtime.dist}`,
    ...process.argv.slice(2),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) dist();
