import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** Where the Azure CLI (az) and Azure Developer CLI (azd) installers put their commands. */
export function candidateCliDirectories(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string,
): string[] {
  if (platform === 'win32') {
    const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
    const programFilesX86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
    const localAppData = env.LOCALAPPDATA ?? win32.join(home, 'AppData', 'Local');
    return [
      win32.join(programFiles, 'Microsoft SDKs', 'Azure', 'CLI2', 'wbin'),
      win32.join(programFilesX86, 'Microsoft SDKs', 'Azure', 'CLI2', 'wbin'),
      win32.join(localAppData, 'Programs', 'Azure Dev CLI'),
      win32.join(programFiles, 'Azure Dev CLI'),
    ];
  }
  const common = [
    '/usr/local/bin',
    '/usr/bin',
    posix.join(home, '.azd', 'bin'),
    posix.join(home, '.local', 'bin'),
  ];
  return platform === 'darwin'
    ? ['/opt/homebrew/bin', ...common]
    : [...common, '/home/linuxbrew/.linuxbrew/bin', '/snap/bin'];
}

/** The PATH variable's actual name: Windows spells it Path as often as PATH. */
export function pathKey(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'win32') return 'PATH';
  return Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'Path';
}

/** Install folders that exist but are not on PATH. */
export function findCliDirectories(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  exists: (dir: string) => boolean = existsSync,
  home: string = homedir(),
): string[] {
  const delimiter = platform === 'win32' ? ';' : ':';
  const norm = (d: string) =>
    platform === 'win32' ? d.toLowerCase().replace(/\\+$/, '') : d.replace(/\/+$/, '');
  const onPath = new Set((env[pathKey(env, platform)] ?? '').split(delimiter).filter(Boolean).map(norm));
  return candidateCliDirectories(platform, env, home).filter((d) => !onPath.has(norm(d)) && exists(d));
}

/**
 * Appends the folders to PATH (after the user's own entries, so their choice of az wins). @azure/identity starts az
 * and azd with the process environment, and the call may come after several awaits, so a temporary change would not
 * reliably be seen; appending existing install folders is harmless for the rest of the process.
 */
export function appendToPath(
  dirs: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): void {
  if (dirs.length === 0) return;
  const key = pathKey(env, platform);
  const delimiter = platform === 'win32' ? ';' : ':';
  const current = (env[key] ?? '').split(delimiter).filter(Boolean);
  env[key] = [...current, ...dirs.filter((d) => !current.includes(d))].join(delimiter);
}
