// `npm start` and `npm run dev` as a newcomer runs them, from a clean copy of the repository: the real npm, the real
// launcher and electron-vite (the build is real), Electron's real installer against a local mirror. Only the Electron
// executable is a stand-in (no Electron runtime can be downloaded here): a script that records how it was started.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronExecutableName } from '../../../build/electron-launcher.mjs';
import {
  ELECTRON_VERSION as V,
  cleanCopy,
  cleanEnv,
  closedPortUrl,
  fakeElectronZip,
  npm,
  readLaunch,
  standIn,
  startMirror,
  tempDir,
  type Mirror,
  type Run,
} from './launch-harness';

const EXECUTABLE = electronExecutableName() ?? 'electron';
const BUILD_TIMEOUT = 300_000;

let tmp: string;
let repo: string;
let cache: string;
let record: string;
let standInDist: string;
let mirror: Mirror;

beforeAll(async () => {
  tmp = tempDir('kluis-npm-start-');
  repo = cleanCopy(join(tmp, 'repo'));
  cache = join(tmp, 'electron-cache');
  record = join(tmp, 'launch.json');
  standInDist = join(tmp, 'electron-45');
  mirror = await startMirror(fakeElectronZip(standIn(record, standInDist)));
});

afterAll(async () => {
  await mirror?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const env = (extra: Record<string, string>) => cleanEnv({ electron_config_cache: cache, ...extra });
const pathTxt = () => join(repo, 'node_modules', 'electron', 'path.txt');

/** The one short message with the three ways out, no stack trace, a failing exit code, nothing built. */
function expectWaysOut(r: Run) {
  expect(r.status).toBe(1);
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at /m);
  expect(r.stderr).toContain('Three ways out:');
  expect(r.stderr).toContain('1. Connect to the internet once and run the command again');
  expect(r.stderr).toContain('2. Download from a mirror you can reach: ELECTRON_MIRROR=');
  expect(r.stderr).toContain(
    `3. Use an Electron ${V.split('.')[0]} you already have: ELECTRON_OVERRIDE_DIST_PATH=`,
  );
  expect(existsSync(pathTxt())).toBe(false);
  expect(existsSync(join(repo, 'out'))).toBe(false);
}

describe('npm start without an Electron runtime that can be had', () => {
  it('offline (the mirror refuses connections): says what failed and the ways out, exit code 1', async () => {
    const offline = await closedPortUrl();
    const r = await npm(repo, ['start'], env({ ELECTRON_MIRROR: offline }));
    expect(r.stdout).toContain(
      `first start: the Electron ${V} runtime is not in node_modules/electron/dist yet`,
    );
    expect(r.stderr).toContain(
      `Kluis could not get the Electron ${V} runtime: could not reach ${offline} (connection refused).`,
    );
    expectWaysOut(r);
  });

  it('a mirror that answers and then sends nothing is given up after the no-progress timeout', async () => {
    const r = await npm(
      repo,
      ['start'],
      env({ ELECTRON_MIRROR: mirror.url('stall'), KLUIS_ELECTRON_DOWNLOAD_TIMEOUT: '2' }),
    );
    expect(mirror.requests.some((q) => q.startsWith(`GET /stall/v${V}/electron-v${V}-`))).toBe(true);
    expect(r.stderr).toContain(
      `Kluis could not get the Electron ${V} runtime: no download progress from ${mirror.url('stall')} for 2 s, so it was stopped`,
    );
    expectWaysOut(r);
  });

  it('stopping it while it downloads stops the installer, cleans up and says so', async () => {
    const launcherTemp = join(tmp, 'launcher-tmp');
    mkdirSync(launcherTemp);
    const before = mirror.requests.length;
    const child = spawn(process.execPath, ['build/electron-launcher.mjs', 'preview'], {
      cwd: repo,
      env: env({ ELECTRON_MIRROR: mirror.url('stall'), TMPDIR: launcherTemp }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const closed = new Promise<number | null>((ok) => child.on('close', ok));
    await expect.poll(() => mirror.requests.length, { timeout: 30_000 }).toBeGreaterThan(before);
    child.kill('SIGTERM');
    expect(await closed).toBe(1);
    expect(stderr).toContain(
      `Kluis could not get the Electron ${V} runtime: interrupted (SIGTERM) before the download finished.`,
    );
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(launcherTemp)).toEqual([]); // its download folder is gone
    expect(existsSync(pathTxt())).toBe(false);
  });

  it("a mirror serving a file that fails the electron package's checksums is refused", async () => {
    const r = await npm(repo, ['start'], env({ ELECTRON_MIRROR: mirror.url('good') }));
    expect(r.stderr).toMatch(
      new RegExp(`Kluis could not get the Electron ${V} runtime: .*did not match expected checksum`),
    );
    expectWaysOut(r);
  });

  it('a platform Electron has no build for is named as such', async () => {
    // ELECTRON_INSTALL_PLATFORM is the installer's own knob for the platform it fetches for.
    const r = await npm(repo, ['start'], env({ ELECTRON_INSTALL_PLATFORM: 'aix' }));
    expect(r.stderr).toContain(
      `Kluis could not get the Electron ${V} runtime: Electron builds are not available on platform: aix.`,
    );
    expectWaysOut(r);
  });

  it('ELECTRON_OVERRIDE_DIST_PATH naming a folder without Electron is an error, not a download', async () => {
    const missing = join(tmp, 'no-electron-here');
    const r = await npm(repo, ['start'], env({ ELECTRON_OVERRIDE_DIST_PATH: missing }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `ELECTRON_OVERRIDE_DIST_PATH is set to ${missing}, but there is no Electron executable`,
    );
    expect(r.stdout).not.toContain('first start');
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at /m);
  });
});

describe('npm start and npm run dev with an existing Electron', () => {
  it(
    'npm start builds the app and launches ELECTRON_OVERRIDE_DIST_PATH on its main entry',
    async () => {
      rmSync(record, { force: true });
      const r = await npm(repo, ['start'], env({ ELECTRON_OVERRIDE_DIST_PATH: standInDist }));
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      const launch = readLaunch(record);
      expect(launch.executable).toBe(join(standInDist, EXECUTABLE));
      expect(launch.env.ELECTRON_EXEC_PATH).toBe(join(standInDist, EXECUTABLE));
      // electron-vite starts Electron on the package folder; Electron runs its package.json main: the built app.
      expect(launch.argv[0]).toBe('.');
      expect(realpathSync(resolve(launch.cwd, launch.argv[0]!))).toBe(realpathSync(repo));
      const main = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).main;
      expect(main).toBe('out/main/index.js');
      expect(existsSync(join(repo, main))).toBe(true);
      expect(existsSync(join(repo, 'out', 'preload', 'index.cjs'))).toBe(true);
      expect(existsSync(join(repo, 'out', 'renderer', 'index.html'))).toBe(true);
      expect(launch.env.ELECTRON_RENDERER_URL).toBeUndefined();
      expect(existsSync(pathTxt())).toBe(false); // nothing downloaded
    },
    BUILD_TIMEOUT,
  );

  it(
    'npm run dev launches ELECTRON_EXEC_PATH with the URL of a live dev server',
    async () => {
      rmSync(record, { force: true });
      const executable = join(standInDist, EXECUTABLE);
      const r = await npm(repo, ['run', 'dev'], env({ ELECTRON_EXEC_PATH: executable }));
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      const launch = readLaunch(record);
      expect(launch.executable).toBe(executable);
      expect(launch.argv[0]).toBe('.');
      expect(realpathSync(resolve(launch.cwd, launch.argv[0]!))).toBe(realpathSync(repo));
      expect(launch.env.NODE_ENV_ELECTRON_VITE).toBe('development');
      expect(launch.env.ELECTRON_RENDERER_URL).toMatch(/^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/);
      // The stand-in fetched that URL while the dev server ran: Vite's page for the renderer.
      expect(launch.renderer?.status).toBe(200);
      expect(launch.renderer?.body).toContain('<title>Kluis</title>');
      expect(launch.renderer?.body).toContain('/@vite/client');
    },
    BUILD_TIMEOUT,
  );
});

describe('the first start downloads Electron once, later starts need no network', () => {
  it(
    "npm start runs Electron's installer from ELECTRON_MIRROR, then launches what it unpacked",
    async () => {
      rmSync(record, { force: true });
      const before = mirror.requests.length;
      const r = await npm(
        repo,
        ['start', '--', '--skipBuild'],
        // The fake zip is not Electron's, so its checksums come from the mirror too (an @electron/get option).
        env({ ELECTRON_MIRROR: mirror.url('good'), electron_use_remote_checksums: '1' }),
      );
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(
        `first start: the Electron ${V} runtime is not in node_modules/electron/dist yet`,
      );
      expect(r.stdout).toContain(`Kluis: Electron ${V} is ready (node_modules/electron/dist).`);
      const asked = mirror.requests.slice(before);
      expect(asked.some((q) => q.startsWith(`GET /good/v${V}/electron-v${V}-`))).toBe(true);
      expect(asked).toContain(`GET /good/v${V}/SHASUMS256.txt`);
      expect(readFileSync(pathTxt(), 'utf8')).toBe(EXECUTABLE);
      const launch = readLaunch(record);
      expect(launch.executable).toBe(join(repo, 'node_modules', 'electron', 'dist', EXECUTABLE));
      expect(launch.argv[0]).toBe('.');
    },
    BUILD_TIMEOUT,
  );

  it('a runtime gone missing behind path.txt is installed again, from the download cache', async () => {
    rmSync(join(repo, 'node_modules', 'electron', 'dist', EXECUTABLE));
    rmSync(record, { force: true });
    const before = mirror.requests.length;
    const r = await npm(
      repo,
      ['start', '--', '--skipBuild'],
      env({ ELECTRON_MIRROR: mirror.url('good'), electron_use_remote_checksums: '1' }),
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`Kluis: Electron ${V} is ready`);
    // Only the checksums are fetched again (@electron/get never caches those); the zip comes from the cache.
    expect(mirror.requests.slice(before)).toEqual([`GET /good/v${V}/SHASUMS256.txt`]);
    expect(readLaunch(record).executable).toBe(join(repo, 'node_modules', 'electron', 'dist', EXECUTABLE));
  });

  it('a later npm start uses that runtime without asking any mirror', async () => {
    rmSync(record, { force: true });
    const before = mirror.requests.length;
    const r = await npm(
      repo,
      ['start', '--', '--skipBuild'],
      env({ ELECTRON_MIRROR: await closedPortUrl() }),
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).not.toContain('first start');
    expect(mirror.requests.length).toBe(before);
    expect(readLaunch(record).executable).toBe(join(repo, 'node_modules', 'electron', 'dist', EXECUTABLE));
  });
});
