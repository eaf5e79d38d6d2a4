// `npm start` and `npm run dev` run `node build/electron-launcher.mjs preview|dev`; `npm run dist` (build/dist.mjs)
// uses the same ensureElectron(). It makes sure an Electron runtime exists before electron-vite needs one:
//
// - ELECTRON_EXEC_PATH (an executable) or ELECTRON_OVERRIDE_DIST_PATH (an unpacked Electron folder) that exists is
//   used as is; one that does not exist is an error, never a silent download.
// - node_modules/electron/path.txt naming an existing executable in node_modules/electron/dist: go on.
// - Otherwise the electron package's own installer (node_modules/electron/install.js) runs once: it takes the zip
//   from Electron's download cache or downloads it (ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache are
//   its knobs), checks it against the package's checksums and unpacks it. The electron package has no install-time
//   script (and .npmrc sets ignore-scripts anyway), and electron-vite reads path.txt without ever asking the package
//   to download, which is why this step exists.
//
// electron-vite is then told the executable through ELECTRON_EXEC_PATH, the one variable it reads. When no runtime
// can be had, the user gets one short message with the ways out and exit code 1, never a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const DEFAULT_STALL_SECONDS = 60;

/** package.json `engines.node`: the Node versions nodeProblem() accepts. */
export const NODE_RANGE = '^20.19.0 || >=22.12.0';

/**
 * Why this Node cannot build and start Kluis, or undefined when it can. electron-vite, Vite and Electron's installer
 * (@electron/get, an ES module loaded with require()) need require(esm) without a flag: Node 20.19+ or 22.12+.
 */
export function nodeProblem(version = process.versions.node) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
  if (ok) return undefined;
  return (
    `Kluis needs Node.js 20.19+ or 22.12+ to build and start; this is Node ${version}.\n` +
    "electron-vite, Vite and Electron's runtime installer load ES modules with require(), which this Node cannot do.\n" +
    'Install Node 22 (LTS) or newer, or 20.19+, and run the command again.'
  );
}

/** The executable's path inside an unpacked Electron folder, as the electron package names it. */
export function electronExecutableName(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas')
    return join('Electron.app', 'Contents', 'MacOS', 'Electron');
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'electron';
  return undefined;
}

function electronPackage(root) {
  try {
    const file = createRequire(join(root, 'package.json')).resolve('electron/package.json');
    return { dir: dirname(file), version: JSON.parse(readFileSync(file, 'utf8')).version };
  } catch {
    return undefined;
  }
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function distOf(executable, platform) {
  const name = electronExecutableName(platform);
  return name && executable.endsWith(sep + name)
    ? executable.slice(0, -(name.length + 1))
    : dirname(executable);
}

/**
 * Finds an Electron runtime without downloading anything. Returns one of
 * - { kind: 'found', executable, dist, source }: source is the variable that named it, or 'node_modules/electron';
 * - { kind: 'named-missing', message }: ELECTRON_EXEC_PATH / ELECTRON_OVERRIDE_DIST_PATH names nothing runnable;
 * - { kind: 'not-installed', electronDir, version }: nothing yet, Electron's installer can fetch it;
 * - { kind: 'no-package', message }: node_modules/electron is missing (npm install has not run).
 */
export function findElectronRuntime({ root = ROOT, env = process.env, platform = process.platform } = {}) {
  const version = electronPackage(root)?.version ?? 'of package.json';
  if (env.ELECTRON_EXEC_PATH) {
    const executable = env.ELECTRON_EXEC_PATH;
    if (isFile(executable)) {
      return { kind: 'found', executable, dist: distOf(executable, platform), source: 'ELECTRON_EXEC_PATH' };
    }
    return {
      kind: 'named-missing',
      message:
        `ELECTRON_EXEC_PATH is set to ${executable}, but there is no file there.\n` +
        `Point it at the executable of an Electron ${version} install, or unset it to use node_modules/electron.`,
    };
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const dist = env.ELECTRON_OVERRIDE_DIST_PATH;
    const executable = join(dist, electronExecutableName(platform) ?? 'electron');
    if (isFile(executable)) return { kind: 'found', executable, dist, source: 'ELECTRON_OVERRIDE_DIST_PATH' };
    return {
      kind: 'named-missing',
      message:
        `ELECTRON_OVERRIDE_DIST_PATH is set to ${dist}, but there is no Electron executable at ${executable}.\n` +
        `Point it at the folder of an unpacked Electron ${version} (the one holding the executable), or unset it to\n` +
        'download the runtime into node_modules/electron.',
    };
  }
  const pkg = electronPackage(root);
  if (!pkg) {
    return {
      kind: 'no-package',
      message: 'The electron package is not in node_modules: run `npm install` first.',
    };
  }
  const pathTxt = join(pkg.dir, 'path.txt');
  if (existsSync(pathTxt)) {
    const dist = join(pkg.dir, 'dist');
    const executable = join(dist, readFileSync(pathTxt, 'utf8').trim());
    if (isFile(executable)) return { kind: 'found', executable, dist, source: 'node_modules/electron' };
  }
  return { kind: 'not-installed', electronDir: pkg.dir, version: pkg.version };
}

function mirrorOf(env) {
  return (
    env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR || DEFAULT_MIRROR
  );
}

function waysOut(version) {
  const major = version.split('.')[0];
  return (
    'Three ways out:\n' +
    '  1. Connect to the internet once and run the command again; later starts need no network.\n' +
    '  2. Download from a mirror you can reach: ELECTRON_MIRROR=https://mirror.example/electron/ npm start\n' +
    `     (the zip is fetched from <mirror>v${version}/; ELECTRON_CUSTOM_DIR changes that folder).\n` +
    `  3. Use an Electron ${major} you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-folder npm start\n` +
    '     (the unpacked folder that holds the electron executable).'
  );
}

function bytesIn(dirs) {
  let total = 0;
  for (const dir of dirs) {
    let names = [];
    try {
      names = readdirSync(dir, { recursive: true });
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        const s = statSync(join(dir, String(name)));
        if (s.isFile()) total += s.size;
      } catch {
        // the installer moved or removed it meanwhile
      }
    }
  }
  return total;
}

/** What failed, in one line, from the installer's output (it prints an error's stack; only the message is kept). */
async function describeFailure(output, code, env) {
  const lines = output.split(/\r?\n/).map((l) => l.trim());
  const error = lines.find((l) => /^[A-Za-z]*Error(?: \[[A-Z_]+\])?: /.test(l));
  const message = error ? error.replace(/^[A-Za-z]*Error(?: \[[A-Z_]+\])?: /, '') : undefined;
  const mirror = mirrorOf(env);
  if (message === 'fetch failed') {
    return `could not reach ${mirror}${await networkCause(mirror)}`;
  }
  if (message?.startsWith('Response code')) return `the download server answered: ${message}`;
  if (message) return message.replace(/\.$/, '');
  return `Electron's installer exited with code ${code}`;
}

/** The network error behind "fetch failed" (fetch hides it in err.cause): DNS, refused connection, TLS, … */
async function networkCause(url) {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return ' (it answers now; try again)';
  } catch (e) {
    const cause = e?.cause;
    const code = cause?.code ?? e?.name;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return ` (DNS lookup failed: ${code}; no network?)`;
    if (code === 'ECONNREFUSED') return ' (connection refused)';
    if (code === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT') return ' (no answer: timed out)';
    return code ? ` (${code})` : '';
  }
}

/**
 * Runs node_modules/electron/install.js, reporting progress through `info`. It is stopped when no byte arrives for
 * `stallSeconds` (KLUIS_ELECTRON_DOWNLOAD_TIMEOUT, default 60): a network that swallows packets would otherwise
 * keep it waiting. Resolves to { ok: true } or { ok: false, reason }.
 */
export function runElectronInstaller({ electronDir, env = process.env, info = console.log, stallSeconds }) {
  const asked = stallSeconds ?? Number(env.KLUIS_ELECTRON_DOWNLOAD_TIMEOUT);
  const stall = asked > 0 ? asked : DEFAULT_STALL_SECONDS;
  const temp = mkdtempSync(join(tmpdir(), 'kluis-electron-install-'));
  const watched = [temp, join(electronDir, 'dist')];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      // The installer downloads into os.tmpdir(): a folder of its own lets progress be measured.
      env: { ...env, TMPDIR: temp, TMP: temp, TEMP: temp, ELECTRON_GET_NO_PROGRESS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-65536));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let last = 0;
    let quietFor = 0;
    let reported = 0;
    let stalled = false;
    const tickMs = Math.min(1000, (stall * 1000) / 4);
    const timer = setInterval(() => {
      const now = bytesIn(watched);
      if (now !== last) {
        last = now;
        quietFor = 0;
      } else {
        quietFor += tickMs;
      }
      if (now - reported >= 10 * 1024 * 1024) {
        reported = now;
        info(`Kluis: … ${(now / 1024 / 1024).toFixed(0)} MB`);
      }
      if (quietFor >= stall * 1000 && !stalled) {
        stalled = true;
        child.kill();
      }
    }, tickMs);
    // Ctrl-C (or a kill) while it downloads: stop the installer, clean up, and say so.
    let interrupted;
    const interrupt = (signal) => {
      interrupted = signal;
      child.kill(signal);
    };
    const signals = ['SIGINT', 'SIGTERM'];
    for (const s of signals) process.on(s, interrupt);
    child.on('error', (e) => keep(`Error: ${e.message}\n`));
    child.on('close', async (code) => {
      clearInterval(timer);
      for (const s of signals) process.off(s, interrupt);
      rmSync(temp, { recursive: true, force: true });
      if (interrupted) {
        resolve({ ok: false, reason: `interrupted (${interrupted}) before the download finished` });
      } else if (stalled) {
        resolve({
          ok: false,
          reason:
            `no download progress from ${mirrorOf(env)} for ${stall} s, so it was stopped ` +
            '(KLUIS_ELECTRON_DOWNLOAD_TIMEOUT sets how long to wait)',
        });
      } else if (code === 0) {
        resolve({ ok: true });
      } else {
        resolve({ ok: false, reason: await describeFailure(output, code, env) });
      }
    });
  });
}

/**
 * Makes sure an Electron runtime exists, running Electron's installer when needed. Resolves to
 * { ok: true, runtime: { executable, dist, source } } or { ok: false, message } (the message says what to do).
 */
export async function ensureElectron({
  root = ROOT,
  env = process.env,
  platform = process.platform,
  info = console.log,
  stallSeconds,
} = {}) {
  const found = findElectronRuntime({ root, env, platform });
  if (found.kind === 'found') {
    warnOnOtherVersion(found, root, info);
    return { ok: true, runtime: found };
  }
  if (found.kind !== 'not-installed') return { ok: false, message: found.message };
  const { electronDir, version } = found;
  const where = relative(root, join(electronDir, 'dist')) || join(electronDir, 'dist');
  info(
    `Kluis: first start: the Electron ${version} runtime is not in ${where} yet (npm install does not fetch it).\n` +
      "Kluis: running Electron's installer once: it takes the zip from Electron's download cache or downloads it from\n" +
      `Kluis: ${mirrorOf(env)}, checks it against the package's checksums and unpacks it. Later starts reuse it.`,
  );
  const result = await runElectronInstaller({ electronDir, env, info, stallSeconds });
  const after = findElectronRuntime({ root, env, platform });
  if (result.ok && after.kind === 'found') {
    info(`Kluis: Electron ${version} is ready (${where}).`);
    return { ok: true, runtime: after };
  }
  const reason = result.ok ? `the installer finished but left no executable in ${where}` : result.reason;
  return {
    ok: false,
    message: `Kluis could not get the Electron ${version} runtime: ${reason}.\n${waysOut(version)}`,
  };
}

function warnOnOtherVersion(runtime, root, info) {
  const wanted = electronPackage(root)?.version;
  let have;
  try {
    have = readFileSync(join(runtime.dist, 'version'), 'utf8').trim().replace(/^v/, '');
  } catch {
    return;
  }
  if (wanted && have.split('.')[0] !== wanted.split('.')[0]) {
    info(
      `Kluis: note: ${runtime.source} is Electron ${have}; Kluis is built and tested with Electron ${wanted}.`,
    );
  }
}

/**
 * The command line: `electron-launcher.mjs <electron-vite command and options>`. Resolves to the exit code.
 * nodeVersion, env, root and the output functions can be injected (tests).
 */
export async function main({
  args = process.argv.slice(2),
  env = process.env,
  root = ROOT,
  nodeVersion = process.versions.node,
  info = console.log,
  error = console.error,
} = {}) {
  const badNode = nodeProblem(nodeVersion);
  if (badNode) {
    error(badNode);
    return 1;
  }
  const ensured = await ensureElectron({ root, env, info });
  if (!ensured.ok) {
    error(ensured.message);
    return 1;
  }
  const bin = join(
    dirname(createRequire(join(root, 'package.json')).resolve('electron-vite/package.json')),
    'bin',
  );
  const child = spawn(process.execPath, [join(bin, 'electron-vite.js'), ...args], {
    cwd: root,
    env: { ...env, ELECTRON_EXEC_PATH: ensured.runtime.executable },
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  const signals = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    child.on('error', (e) => {
      error(`Kluis: could not run electron-vite: ${e.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => (process.exitCode = code));
}
