import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { KluisError } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { useValueVisible } from '../../lib/value-visibility';
import { usePrivacyMode } from '../privacy/privacy-mode';

export type RevealState =
  | { phase: 'concealed'; error?: KluisError }
  | { phase: 'loading'; request: number }
  | { phase: 'revealed'; value: string; secondsLeft: number };

/**
 * Fetches a value only when asked and drops it again after `seconds` (or on conceal): the value lives in
 * this state and nowhere else, and concealing replaces the state, so nothing keeps it.
 */
export function useReveal(vaultId: string, name: string, seconds: number, version?: string) {
  const [state, setState] = useState<RevealState>({ phase: 'concealed' });
  const revealed = state.phase === 'revealed';
  const privacyMode = usePrivacyMode();

  // Turning privacy mode on drops a revealed value at once (adjusted while rendering, not in an effect, so
  // the value is never painted again).
  const [privacyBefore, setPrivacyBefore] = useState(privacyMode);
  if (privacyMode !== privacyBefore) {
    setPrivacyBefore(privacyMode);
    if (privacyMode && state.phase !== 'concealed') setState({ phase: 'concealed' });
  }

  useEffect(() => {
    if (!revealed) return;
    const timer = setInterval(() => {
      setState((s) => {
        if (s.phase !== 'revealed') return s;
        return s.secondsLeft <= 1 ? { phase: 'concealed' } : { ...s, secondsLeft: s.secondsLeft - 1 };
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [revealed]);

  // Main is told a value may show from the moment it is asked for, so the window is protected before it arrives.
  useValueVisible(state.phase !== 'concealed');

  const requests = useRef(0);
  const reveal = useCallback(async () => {
    const request = ++requests.current;
    // The request goes first; the 'Revealing…' state renders while it is on its way.
    const answer = kluis().secrets.get({ vaultId, name, ...(version ? { version } : {}) });
    setState({ phase: 'loading', request });
    const result = await answer;
    // The value goes into the DOM in this task, not after the scheduler's next one: the user is waiting for it.
    // Only if this request is still the one waiting: Conceal, privacy mode or a newer reveal since then replaced
    // the loading state, and a late answer must not bring the value back.
    flushSync(() =>
      setState((current) => {
        if (current.phase !== 'loading' || current.request !== request) return current;
        return result.ok
          ? { phase: 'revealed', value: result.value.value, secondsLeft: seconds }
          : { phase: 'concealed', error: result.error };
      }),
    );
  }, [vaultId, name, seconds, version]);

  const conceal = useCallback(() => setState({ phase: 'concealed' }), []);

  return { state, reveal, conceal, blocked: privacyMode };
}
