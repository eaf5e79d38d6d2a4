import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Notice, Settings } from '../../contract';
import { defaultSettings, SettingsOnDisk } from './settings-schema';
import { writeFileAtomically } from '../files/atomic-file';

export const SETTINGS_FILE = 'settings.json';

export interface LoadedSettings {
  settings: Settings;
  /** e.g. that a corrupt file was set aside, and where it went. */
  notices: Notice[];
}

export interface SettingsStore {
  load(): Promise<LoadedSettings>;
  /** Writes atomically; concurrent saves are applied in call order. */
  save(settings: Settings): Promise<void>;
}

export function createSettingsStore(userDataDir: string, now: () => Date = () => new Date()): SettingsStore {
  const file = join(userDataDir, SETTINGS_FILE);
  let queue: Promise<void> = Promise.resolve();

  async function load(): Promise<LoadedSettings> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return { settings: defaultSettings(), notices: [] };
      throw err;
    }
    const parsed = parse(text);
    if (parsed) return { settings: parsed, notices: [] };
    // A half-written or hand-edited file must not stop the app: keep it for the user, start clean.
    const aside = join(userDataDir, `settings.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`);
    await rename(file, aside);
    return {
      settings: defaultSettings(),
      notices: [
        {
          level: 'warning',
          message: `Your settings file could not be read, so Kluis started with default settings. The old file was kept as ${aside}.`,
        },
      ],
    };
  }

  function save(settings: Settings): Promise<void> {
    const data = `${JSON.stringify(SettingsOnDisk.parse(settings), null, 2)}\n`;
    const run = queue.then(() => writeFileAtomically(file, data));
    queue = run.catch(() => undefined);
    return run;
  }

  return { load, save };
}

function parse(text: string): Settings | undefined {
  try {
    const result = SettingsOnDisk.safeParse(JSON.parse(text));
    return result.success ? (result.data as Settings) : undefined;
  } catch {
    return undefined;
  }
}
