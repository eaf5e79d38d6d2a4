import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  NODE_RANGE,
  ROOT,
  electronExecutableName,
  findElectronRuntime,
  main,
  nodeProblem,
} from '../../../build/electron-launcher.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'kluis-launcher-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function executableAt(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('the Node.js the launcher accepts', () => {
  it('is 20.19+ on the 20 line and 22.12+ after it: where require() of ES modules needs no flag', () => {
    for (const ok of [
      '20.19.0',
      '20.20.2',
      'v20.19.5',
      '22.12.0',
      '22.20.1',
      '23.0.0',
      '24.11.1',
      '25.1.0',
    ]) {
      expect(nodeProblem(ok), ok).toBeUndefined();
    }
    for (const bad of ['18.20.8', '20.18.3', '21.7.3', '22.0.0', '22.11.0']) {
      expect(nodeProblem(bad), bad).toContain(`this is Node ${bad}`);
    }
  });

  it('is what package.json engines declares', () => {
    expect(NODE_RANGE).toBe('^20.19.0 || >=22.12.0');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node).toBe(NODE_RANGE);
  });

  it('on an older Node, npm start stops at once with what it needs and exit code 1', async () => {
    const errors: string[] = [];
    const infos: string[] = [];
    const code = await main({
      args: ['preview'],
      nodeVersion: '22.11.0',
      env: {},
      info: (l) => infos.push(l),
      error: (l) => errors.push(l),
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toBe(
      'Kluis needs Node.js 20.19+ or 22.12+ to build and start; this is Node 22.11.0.\n' +
        "electron-vite, Vite and Electron's runtime installer load ES modules with require(), which this Node cannot do.\n" +
        'Install Node 22 (LTS) or newer, or 20.19+, and run the command again.',
    );
    expect(infos).toEqual([]); // it looked for no Electron and downloaded nothing
  });
});

describe('findElectronRuntime', () => {
  it('takes ELECTRON_EXEC_PATH as is, and its folder as the unpacked Electron', () => {
    const exe = executableAt(join(tmp, 'exec', 'electron'));
    expect(findElectronRuntime({ env: { ELECTRON_EXEC_PATH: exe }, platform: 'linux' })).toEqual({
      kind: 'found',
      executable: exe,
      dist: join(tmp, 'exec'),
      source: 'ELECTRON_EXEC_PATH',
    });
  });

  it('finds the platform executable in ELECTRON_OVERRIDE_DIST_PATH (macOS: inside Electron.app)', () => {
    const dist = join(tmp, 'mac-dist');
    const exe = executableAt(join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron'));
    expect(findElectronRuntime({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'darwin' })).toEqual({
      kind: 'found',
      executable: exe,
      dist,
      source: 'ELECTRON_OVERRIDE_DIST_PATH',
    });
    // The same executable named directly gives back the same folder for electron-builder.
    expect(findElectronRuntime({ env: { ELECTRON_EXEC_PATH: exe }, platform: 'darwin' })).toMatchObject({
      dist,
    });
  });

  it('reports a named runtime that is not there, and says which variable to fix', () => {
    const nowhere = join(tmp, 'nowhere');
    const exec = findElectronRuntime({ env: { ELECTRON_EXEC_PATH: nowhere } });
    expect(exec).toMatchObject({ kind: 'named-missing' });
    expect(exec.kind === 'named-missing' && exec.message).toContain(
      `ELECTRON_EXEC_PATH is set to ${nowhere}, but there is no file there.`,
    );
    const dist = findElectronRuntime({ env: { ELECTRON_OVERRIDE_DIST_PATH: nowhere }, platform: 'win32' });
    expect(dist.kind === 'named-missing' && dist.message).toContain(
      `ELECTRON_OVERRIDE_DIST_PATH is set to ${nowhere}, but there is no Electron executable at ${join(nowhere, 'electron.exe')}.`,
    );
  });

  it('without node_modules/electron, says to run npm install', () => {
    const empty = join(tmp, 'empty-project');
    mkdirSync(empty);
    writeFileSync(join(empty, 'package.json'), '{}');
    expect(findElectronRuntime({ root: empty, env: {} })).toEqual({
      kind: 'no-package',
      message: 'The electron package is not in node_modules: run `npm install` first.',
    });
  });

  it('names the executable as the electron package does on each platform', () => {
    expect(electronExecutableName('linux')).toBe('electron');
    expect(electronExecutableName('win32')).toBe('electron.exe');
    expect(electronExecutableName('darwin')).toBe(join('Electron.app', 'Contents', 'MacOS', 'Electron'));
    expect(electronExecutableName('aix')).toBeUndefined();
  });
});
