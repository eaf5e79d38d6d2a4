import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { createContext, useContext, useEffect } from 'react';
import type { Settings } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

/**
 * Privacy mode, for screen sharing: names, tags, ids and values are masked, and reveal and copy are off (main
 * refuses them too, so a stale button cannot leak a value). Ctrl+Shift+P toggles it.
 */
export const PrivacyModeContext = createContext(false);
export const usePrivacyMode = () => useContext(PrivacyModeContext);

export const PRIVACY_SHORTCUT = 'Ctrl+Shift+P';

/** Toggles privacy mode from anywhere in the app with Ctrl+Shift+P. */
export function usePrivacyShortcut(on: boolean, onSettings: (settings: Settings) => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.key.toLowerCase() !== 'p') return;
      event.preventDefault();
      void kluis()
        .settings.updateUi({ privacyMode: !on })
        .then((result) => result.ok && onSettings(result.value));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [on, onSettings]);
}

export function PrivacyBanner() {
  return (
    <MessageBar intent="info" role="status">
      <MessageBarBody>
        Privacy mode is on: names, tags and values are masked, and reveal and copy are off. {PRIVACY_SHORTCUT}{' '}
        turns it off.
      </MessageBarBody>
    </MessageBar>
  );
}
