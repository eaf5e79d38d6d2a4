import { useCallback, useEffect, useState } from 'react';
import type { AppState, KluisError, LocalVaultStatus, Notice, Settings } from '../../../electron/contract';
import { kluis } from './api';

export type AppStateLoad =
  { phase: 'loading' } | { phase: 'failed'; error: KluisError } | { phase: 'ready'; state: AppState };

const sameStatus = (a: LocalVaultStatus, b: LocalVaultStatus) =>
  a.state === b.state && a.url === b.url && a.message === b.message;

/** The app state from main, kept current by the settings, local-vault and notice events. */
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
    // The same status again (the status read at start-up, after the event that already said so) keeps the state
    // as it is: a new object would re-render the whole app for nothing.
    setLoad((prev) =>
      prev.phase === 'ready' && !sameStatus(prev.state.localVault, localVault)
        ? { phase: 'ready', state: { ...prev.state, localVault } }
        : prev,
    );
  }, []);

  const addNotice = useCallback((notice: Notice) => {
    // The state read after the notice arose already has it: shown once.
    setLoad((prev) =>
      prev.phase === 'ready' &&
      !prev.state.notices.some((n) => n.level === notice.level && n.message === notice.message)
        ? { phase: 'ready', state: { ...prev.state, notices: [...prev.state.notices, notice] } }
        : prev,
    );
  }, []);

  useEffect(() => {
    const events = kluis().events;
    const offSettings = events.on('settings.changed', setSettings);
    const offLocal = events.on('localVault.status', setLocalVault);
    const offNotice = events.on('app.notice', addNotice);
    return () => {
      offSettings();
      offLocal();
      offNotice();
    };
  }, [setSettings, setLocalVault, addNotice]);

  /** Reads the whole state again, e.g. after adding a vault (which returns the vault, not the settings). */
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { load, setSettings, setLocalVault, reload };
}
