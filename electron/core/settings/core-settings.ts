import type { Notice, Settings } from '../../contract';
import { createSettingsState, type SettingsState } from './settings-state';
import { createSettingsStore } from './settings-store';

export interface CoreSettings {
  settings: SettingsState;
  /** What loading the file found for the user to know (e.g. a damaged file set aside). */
  notices: Notice[];
  /** Also told after each announced change (e.g. the window's content protection follows privacy settings). */
  onChanged(listener: () => void): void;
}

/** settings.json under the user data folder, loaded, held in memory and saved on change; each change announced. */
export async function openCoreSettings(
  userDataDir: string,
  announce: (settings: Settings) => void,
): Promise<CoreSettings> {
  const store = createSettingsStore(userDataDir);
  const loaded = await store.load();
  const listeners: Array<() => void> = [];
  const settings = createSettingsState(loaded.settings, store, (s) => {
    announce(s);
    for (const listener of listeners) listener();
  });
  return { settings, notices: loaded.notices, onChanged: (listener) => void listeners.push(listener) };
}
