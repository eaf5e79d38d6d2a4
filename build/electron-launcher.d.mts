// Types for electron-launcher.mjs (plain Node ESM, so that `npm start` needs no TypeScript loader).

export const ROOT: string;
export const NODE_RANGE: string;

export interface ElectronRuntime {
  kind: 'found';
  /** The executable electron-vite is told about (ELECTRON_EXEC_PATH). */
  executable: string;
  /** The unpacked Electron folder (electron-builder's electronDist). */
  dist: string;
  source: 'ELECTRON_EXEC_PATH' | 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules/electron';
}

export type RuntimeLookup =
  | ElectronRuntime
  | { kind: 'named-missing' | 'no-package'; message: string }
  | { kind: 'not-installed'; electronDir: string; version: string };

interface Where {
  root?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export function nodeProblem(version?: string): string | undefined;
export function electronExecutableName(platform?: NodeJS.Platform): string | undefined;
export function findElectronRuntime(where?: Where): RuntimeLookup;
export function runElectronInstaller(options: {
  electronDir: string;
  env?: NodeJS.ProcessEnv;
  info?: (line: string) => void;
  stallSeconds?: number;
}): Promise<{ ok: true } | { ok: false; reason: string }>;
export function ensureElectron(
  options?: Where & { info?: (line: string) => void; stallSeconds?: number },
): Promise<{ ok: true; runtime: ElectronRuntime } | { ok: false; message: string }>;
export function main(options?: {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  root?: string;
  nodeVersion?: string;
  info?: (line: string) => void;
  error?: (line: string) => void;
}): Promise<number>;
