import {
  FluentProvider,
  makeStyles,
  Spinner,
  Toaster,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { lazy, Suspense, useLayoutEffect } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { NoticeBars } from './components/NoticeBars';
import { TOASTER_ID } from './components/toaster';
import { LocalVaultNotice } from './features/activity/LocalVaultNotice';
import { RetryNotice } from './features/activity/RetryNotice';
import { PrivacyBanner, PrivacyModeContext, usePrivacyShortcut } from './features/privacy/privacy-mode';
import { BrowserSignInDialog } from './features/sign-in/BrowserSignInDialog';
import { DeviceCodeDialog } from './features/sign-in/DeviceCodeDialog';
import { Shell } from './features/shell/Shell';
import { useAppState } from './lib/use-app-state';
import { usePrefersDark } from './lib/use-color-scheme';

const FirstRun = lazy(() => import('./features/first-run/FirstRun'));

const useStyles = makeStyles({
  // Layout lives on an inner element: FluentProvider copies its className onto portal mount nodes,
  // which would then cover the page. base.css gives the provider its height.
  frame: { height: '100%', display: 'flex', flexDirection: 'column' },
  body: { flexGrow: 1, minHeight: 0 },
  center: { height: '100%', display: 'grid', placeItems: 'center' },
});

export function App() {
  const styles = useStyles();
  const { load, setSettings, setLocalVault, reload } = useAppState();
  const prefersDark = usePrefersDark();
  const choice = load.phase === 'ready' ? load.state.settings.ui.theme : 'system';
  const dark = choice === 'dark' || (choice === 'system' && prefersDark);
  const privacyMode = load.phase === 'ready' && load.state.settings.ui.privacyMode === true;
  usePrivacyShortcut(privacyMode, setSettings);
  // Dialogs, menus and tooltips render in portals under <body>, outside the frame below: the privacy mask's
  // selector must reach them too, from the same render (a layout effect runs before the browser paints).
  useLayoutEffect(() => {
    document.body.dataset.privacy = privacyMode ? 'on' : 'off';
  }, [privacyMode]);

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} data-theme={dark ? 'dark' : 'light'}>
      <PrivacyModeContext.Provider value={privacyMode}>
        <div className={styles.frame} data-privacy={privacyMode ? 'on' : 'off'}>
          <Toaster
            toasterId={TOASTER_ID}
            position="bottom-end"
            offset={{ vertical: 40, horizontal: 16 }}
            pauseOnHover
          />
          {load.phase === 'ready' && <NoticeBars notices={load.state.notices} />}
          {privacyMode && <PrivacyBanner />}
          <RetryNotice />
          <LocalVaultNotice />
          <DeviceCodeDialog />
          <BrowserSignInDialog />
          <div className={styles.body}>
            {load.phase === 'loading' && (
              <div className={styles.center}>
                <Spinner label="Starting Kluis…" />
              </div>
            )}
            {load.phase === 'failed' && (
              <div className={styles.center}>
                <ErrorBanner error={load.error} onRetry={reload} />
              </div>
            )}
            {load.phase === 'ready' &&
              (load.state.settings.vaults.length === 0 ? (
                <Suspense fallback={<Spinner label="Loading…" />}>
                  <FirstRun onReady={reload} />
                </Suspense>
              ) : (
                <Shell
                  state={load.state}
                  onSettings={setSettings}
                  onLocalVault={setLocalVault}
                  onReload={reload}
                />
              ))}
          </div>
        </div>
      </PrivacyModeContext.Provider>
    </FluentProvider>
  );
}
