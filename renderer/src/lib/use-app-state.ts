import { useCallback, useEffect, useState } from 'react';
import type { AppState, KluisError, LocalVaultStatus, Settings } from '../../../electron/contract';
import { kluis } from './api';

export type AppStateLoad =
  { phase: 'loading' } | { phase: 'failed'; error: KluisError } | { phase: 'ready'; state: AppState };

/** The app state from main, kept current by the settings and local-vault events. */
export function useAppState() {
  const [load, setLoad] = useState<AppStateLoad>({ phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void kluis()
      .app.getState()
      .then((result) => {
        if (!live) return;
        setLoad(
          result.ok ? { phase: 'ready', state: result.value } : { phase: 'failed', error: result.error },
        );
      });
    return () => {
      live = false;
    };
  }, [generation]);

  const setSettings = useCallback((settings: Settings) => {
    setLoad((prev) =>
      prev.phase === 'ready' ? { phase: 'ready', state: { ...prev.state, settings } } : prev,
    );
  }, []);
  const setLocalVault = useCallback((localVault: LocalVaultStatus) => {
    setLoad((prev) =>
      prev.phase === 'ready' ? { phase: 'ready', state: { ...prev.state, localVault } } : prev,
    );
  }, []);

  useEffect(() => {
    const events = kluis().events;
    const offSettings = events.on('settings.changed', setSettings);
    const offLocal = events.on('localVault.status', setLocalVault);
    return () => {
      offSettings();
      offLocal();
    };
  }, [setSettings, setLocalVault]);

  /** Reads the whole state again, e.g. after adding a vault (which returns the vault, not the settings). */
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { load, setSettings, setLocalVault, reload };
}
