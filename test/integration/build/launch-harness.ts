import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { electronExecutableName } from '../../../build/electron-launcher.mjs';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const ELECTRON_VERSION: string = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
).version;
const EXECUTABLE = electronExecutableName() ?? 'electron';

/**
 * A clean copy of the repository: its tracked files, and a node_modules whose entries link to the real ones except
 * `electron`, which is a fresh copy of the package as npm installs it (no runtime, no path.txt), so that installing
 * a runtime into it never touches the working tree.
 */
export function cleanCopy(dir: string): string {
  for (const file of trackedFiles()) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  const modules = join(ROOT, 'node_modules');
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(modules)) {
    if (name === 'electron' || name === '.vite') continue;
    symlinkSync(join(modules, name), join(dir, 'node_modules', name));
  }
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(electron);
  for (const name of readdirSync(join(modules, 'electron'))) {
    if (name === 'dist' || name === 'path.txt') continue;
    if (name === 'node_modules') symlinkSync(join(modules, 'electron', name), join(electron, name));
    else copyFileSync(join(modules, 'electron', name), join(electron, name));
  }
  return dir;
}

/** The repository's tracked files; without git (an unpacked archive), every file but the generated ones. */
function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  } catch {
    const generated = /^(\.git|node_modules|out|dist|test-results|coverage)(\/|$)/;
    return readdirSync(ROOT, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(ROOT, join(e.parentPath, e.name)))
      .filter((f) => !generated.test(f));
  }
}

/** What a stand-in Electron saw when it was started. */
export interface Launch {
  argv: string[];
  cwd: string;
  executable: string;
  env: Record<string, string | undefined>;
  renderer?: { status: number; body: string };
}

/**
 * A stand-in for the Electron executable: a script that records its arguments, working folder and the environment
 * electron-vite gives it to `record`, fetches the dev server page when it is given one, and exits 0.
 * Returns the script's text (to put into a fake Electron zip) and writes it into `dist` when given.
 */
export function standIn(record: string, dist?: string): string {
  const recorder = join(dirname(record), 'record-launch.mjs');
  writeFileSync(
    recorder,
    `import { writeFileSync } from 'node:fs';
const url = process.env.ELECTRON_RENDERER_URL;
let renderer;
if (url) {
  const r = await fetch(url);
  renderer = { status: r.status, body: await r.text() };
}
const keys = ['ELECTRON_RENDERER_URL', 'ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH', 'NODE_ENV_ELECTRON_VITE'];
writeFileSync(${JSON.stringify(record)}, JSON.stringify({
  argv: process.argv.slice(3),
  executable: process.argv[2],
  cwd: process.cwd(),
  env: Object.fromEntries(keys.map((k) => [k, process.env[k]])),
  renderer,
}));
`,
  );
  const script = `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(recorder)} "$0" "$@"\n`;
  if (dist) {
    const file = join(dist, EXECUTABLE);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, script);
    chmodSync(file, 0o755);
  }
  return script;
}

export function readLaunch(record: string): Launch {
  return JSON.parse(readFileSync(record, 'utf8')) as Launch;
}

/** A zip archive (stored, no compression) whose entries carry Unix modes, as Electron's release zips do. */
export function zip(entries: { name: string; data: Buffer; mode: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(33, 12); // date 1980-01-01, time 0
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(33, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A fake Electron release zip: the stand-in as the executable, and the `version` file the package checks. */
export function fakeElectronZip(script: string): Buffer {
  return zip([
    { name: EXECUTABLE, data: Buffer.from(script), mode: 0o755 },
    { name: 'version', data: Buffer.from(`v${ELECTRON_VERSION}`), mode: 0o644 },
  ]);
}

export interface Mirror {
  url: (mode: 'good' | 'stall') => string;
  requests: string[];
  close: () => Promise<void>;
}

/**
 * An Electron download mirror on 127.0.0.1. Under /good/ it serves `zipFile` for any .zip and a SHASUMS256.txt
 * naming it for this platform; under /stall/ it answers 200 with a length and then never sends a byte.
 */
export async function startMirror(zipFile: Buffer): Promise<Mirror> {
  const requests: string[] = [];
  const name = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
  const sha = createHash('sha256').update(zipFile).digest('hex');
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? '';
    requests.push(`${req.method} ${path}`);
    if (path.startsWith('/stall/')) {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(100 * 1024 * 1024) });
      res.flushHeaders();
      return;
    }
    if (path.startsWith('/good/') && path.endsWith('/SHASUMS256.txt')) {
      res.end(`${sha} *${name}\n`);
    } else if (path.startsWith('/good/') && path.endsWith('.zip')) {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(zipFile.length) });
      res.end(zipFile);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (mode) => `http://127.0.0.1:${port}/${mode}/`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A local URL nothing listens on: connecting to it is refused at once, as on a machine without network. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  await new Promise((ok) => server.close(ok));
  return `http://127.0.0.1:${port}/`;
}

/** The environment without any Electron download or runtime setting inherited from the machine. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(ELECTRON_|electron_|npm_config_electron|NPM_CONFIG_ELECTRON|KLUIS_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm <args>` in `cwd` as a user would, collecting its output. */
export function npm(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((ok, fail) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (status) => ok({ status, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
