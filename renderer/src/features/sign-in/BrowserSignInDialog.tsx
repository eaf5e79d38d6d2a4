import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { BrowserSignInEvent } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  host: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/**
 * While a browser sign-in waits for the user in the system browser, says where to finish it and offers Cancel, so a
 * closed browser tab never leaves Kluis waiting without a way out. Main closes it (waiting: false) when the sign-in
 * ends: signed in, refused or cancelled.
 */
export function BrowserSignInDialog() {
  const styles = useStyles();
  const [waiting, setWaiting] = useState<BrowserSignInEvent>();
  const [cancelling, setCancelling] = useState(false);

  useEffect(
    () =>
      kluis().events.on('auth.browserSignIn', (event) => {
        setCancelling(false);
        setWaiting((current) => {
          if (event.waiting) return event;
          // Only the sign-in this dialog shows closes it.
          return current?.vaultId === event.vaultId ? undefined : current;
        });
      }),
    [],
  );

  const cancel = async () => {
    if (!waiting) return;
    setCancelling(true);
    await kluis().auth.cancelSignIn({ vaultId: waiting.vaultId });
    setWaiting(undefined);
  };

  const host = waiting ? new URL(waiting.host).host : '';
  return (
    <Dialog open={waiting !== undefined} modalType="alert">
      <DialogSurface aria-label="Finish signing in in your browser">
        <DialogBody>
          <DialogTitle>Finish signing in in your browser</DialogTitle>
          <DialogContent className={styles.body}>
            <span>
              Kluis opened the sign-in page of <span className={styles.host}>{host}</span> in your browser.
              Sign in there; Kluis continues by itself when you are done.
            </span>
            <span>Closed the page by mistake? Cancel, then open the vault again to get a new one.</span>
            <Spinner size="tiny" label="Waiting for the browser…" labelPosition="after" />
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" disabled={cancelling} onClick={() => void cancel()}>
              Cancel sign-in
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
