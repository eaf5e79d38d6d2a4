import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type MouseEvent } from 'react';
import type { DeviceCodeEvent } from '../../../../electron/contract';
import { kluis, lastCallStore } from '../../lib/api';

const useStyles = makeStyles({
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeHero800,
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: '0.12em',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    textAlign: 'center',
    userSelect: 'all',
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  url: { wordBreak: 'break-all' },
});

/**
 * Shows a device-code sign-in's code while main waits for the user to enter it. The code is not a secret (it only
 * works with the user's own sign-in); it is copied through main (app.copyText), as the session denies the page's own
 * clipboard. The page link opens through main's checked opener, never as a new window (which main refuses).
 */
export function DeviceCodeDialog() {
  const styles = useStyles();
  const [prompt, setPrompt] = useState<DeviceCodeEvent>();
  const [copied, setCopied] = useState(false);
  const [notOpened, setNotOpened] = useState(false);

  useEffect(
    () =>
      kluis().events.on('auth.deviceCode', (event) => {
        setCopied(false);
        setNotOpened(false);
        setPrompt(event);
      }),
    [],
  );
  // A vault call came back fine: the call that waited for the sign-in got its token, so the dialog goes away.
  useEffect(
    () =>
      lastCallStore.subscribe(() => {
        const call = lastCallStore.getSnapshot();
        if (call?.ok && /^(secrets|deleted)\./.test(call.operation)) setPrompt(undefined);
      }),
    [],
  );
  // A browse's sign-in (Browse vaults) is done once its first answer arrives.
  useEffect(
    () =>
      kluis().events.on('discovery.page', () =>
        setPrompt((shown) => (shown?.vaultId.startsWith('browse-') ? undefined : shown)),
      ),
    [],
  );
  // The dialog closes itself once the code has expired; a finished sign-in is seen by the list loading.
  useEffect(() => {
    if (!prompt) return;
    const timer = setTimeout(() => setPrompt(undefined), Math.max(0, prompt.expiresOn - Date.now()));
    return () => clearTimeout(timer);
  }, [prompt]);

  // Cancel stops the waiting sign-in in main too, so the call fails now rather than when the code expires.
  const cancel = async () => {
    const vaultId = prompt?.vaultId;
    setPrompt(undefined);
    if (vaultId) await kluis().auth.cancelSignIn({ vaultId });
  };

  const copy = async () => {
    if (!prompt) return;
    const result = await kluis().app.copyText({ text: prompt.userCode });
    setCopied(result.ok);
  };

  const openPage = (event: MouseEvent) => {
    // The link shows where to go; following it in the page would be a navigation, which main prevents.
    event.preventDefault();
    if (!prompt) return;
    void kluis()
      .app.openDeviceCodePage({ vaultId: prompt.vaultId })
      .then((result) => setNotOpened(!result.ok || !result.value.opened));
  };

  return (
    <Dialog open={prompt !== undefined} onOpenChange={(_, data) => !data.open && setPrompt(undefined)}>
      <DialogSurface aria-label="Sign in with a code">
        <DialogBody>
          <DialogTitle>Sign in with a code</DialogTitle>
          <DialogContent className={styles.body}>
            {prompt && (
              <>
                <span>
                  Open{' '}
                  <Link href={prompt.verificationUri} onClick={openPage} className={styles.url}>
                    {prompt.verificationUri}
                  </Link>{' '}
                  in a browser on any device and enter this code:
                </span>
                <div className={styles.code} data-testid="device-code">
                  {prompt.userCode}
                </div>
                {notOpened && (
                  <span role="alert">Kluis did not open this page; open it in a browser yourself.</span>
                )}
                <span>Kluis continues by itself once you have signed in.</span>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy code'}
            </Button>
            <Button onClick={() => void cancel()}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
