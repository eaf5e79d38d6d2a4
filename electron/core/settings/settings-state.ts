import type { Settings } from '../../contract';
import type { SettingsStore } from './settings-store';

/** The settings in memory, the one place that changes them: every change is saved and announced. */
export interface SettingsState {
  get(): Settings;
  /** Applies a change to a copy, saves it, announces it, and returns the new settings. */
  update(change: (draft: Settings) => void, options?: { quiet?: boolean }): Promise<Settings>;
  /** Resolves when every save so far has reached the disk. */
  flush(): Promise<void>;
}

export function createSettingsState(
  initial: Settings,
  store: SettingsStore,
  onChanged: (settings: Settings) => void,
): SettingsState {
  let current = structuredClone(initial);
  let lastSave: Promise<void> = Promise.resolve();
  return {
    get: () => structuredClone(current),
    async update(change, options) {
      const draft = structuredClone(current);
      change(draft);
      current = draft;
      const save = store.save(draft);
      lastSave = save.catch(() => undefined);
      await save;
      // Quiet changes (the view state the renderer saves as the user moves) are not announced back to it.
      if (!options?.quiet) onChanged(structuredClone(draft));
      return structuredClone(draft);
    },
    flush: () => lastSave,
  };
}
