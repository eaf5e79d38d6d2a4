import { open } from 'node:fs/promises';
import { failure } from '../errors/kluis-failure';

/** The native save dialog, as main provides it (Electron's dialog in the app, a fake in tests). */
export interface FileDialogs {
  /** Resolves to the chosen path, or undefined when the user cancelled. */
  showSaveDialog(options: { defaultPath: string }): Promise<string | undefined>;
  /** The open dialog, for secrets.restoreFromFile; resolves to the chosen path, or undefined when cancelled. */
  showOpenDialog?(options: {
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<string | undefined>;
}

/** Used when no dialog was injected: saving to a file is then refused with a clear message. */
export const unconfiguredFileDialogs: FileDialogs = {
  showSaveDialog: () =>
    Promise.reject(failure('not-configured', 'Saving to a file is not available in this build of Kluis.')),
};

/**
 * Writes a value to a new or truncated file that only the user can read (0o600). The mode is set on open and again
 * afterwards, because an existing file keeps its old mode when it is opened for writing.
 */
export async function writeValueFile(path: string, value: string): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(value, 'utf8');
  } finally {
    await handle.close();
  }
}
