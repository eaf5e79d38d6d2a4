/**
 * Chromium's remote debugging switches. Either one opens the whole page (and with it window.kluis, so every
 * secret) to any local program that connects; the Electron fuses stop Node's --inspect flags but not these.
 */
const REMOTE_DEBUGGING_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe'] as const;

/**
 * The remote debugging switch the app was started with, if any. Chromium reads a switch with a "--" or "-" prefix
 * (and "/" on Windows, where switch names are case-insensitive) and an optional "=value"; this reads argv the same
 * way, and asks Chromium's own parse (app.commandLine.hasSwitch) too.
 */
export function remoteDebuggingSwitch(
  argv: readonly string[],
  hasSwitch: (name: string) => boolean,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const windows = platform === 'win32';
  const given = new Set<string>();
  for (const arg of argv) {
    const prefix = /^(--|-|\/)/.exec(arg)?.[0];
    if (!prefix || (prefix === '/' && !windows)) continue;
    const name = arg.slice(prefix.length).split('=', 1)[0]!;
    given.add(windows ? name.toLowerCase() : name);
  }
  return REMOTE_DEBUGGING_SWITCHES.find((name) => given.has(name) || hasSwitch(name));
}

export interface StartGuardDeps {
  isPackaged: boolean;
  argv: readonly string[];
  hasSwitch: (name: string) => boolean;
  showErrorBox: (title: string, content: string) => void;
  exit: (code: number) => void;
}

/**
 * A packaged build refuses to run with remote debugging on: it says why and exits before any window or vault
 * exists. Development builds keep the switches (tooling uses them). True when the start was refused.
 */
export function refuseRemoteDebugging(deps: StartGuardDeps): boolean {
  if (!deps.isPackaged) return false;
  const name = remoteDebuggingSwitch(deps.argv, deps.hasSwitch);
  if (!name) return false;
  deps.showErrorBox(
    'Kluis cannot start with remote debugging',
    `Kluis was started with --${name}, which would let other programs on this computer read your secrets from ` +
      `its window. Start Kluis again without --${name}.`,
  );
  deps.exit(1);
  return true;
}
