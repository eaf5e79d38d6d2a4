import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  shorthands,
  Toast,
  ToastTitle,
  tokens,
  Tooltip,
  useToastController,
} from '@fluentui/react-components';
import { ArrowUndo20Regular, Eye20Regular, EyeOff20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { KluisError, SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TOASTER_ID } from '../../components/toaster';
import { kluis } from '../../lib/api';
import { PRIVACY_SHORTCUT } from '../privacy/privacy-mode';
import { CONCEALED_DOTS } from '../secrets/RevealValue';
import { useReveal } from '../secrets/use-reveal';
import { PropertiesSideBySide } from './PropertiesSideBySide';
import { ValueDiffView } from './ValueDiffView';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(960px, 94vw)', width: '960px' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  dots: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
  },
  countdown: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

interface Props {
  vaultId: string;
  name: string;
  /** The two versions, older first. */
  older: SecretProperties;
  newer: SecretProperties;
  /** The version the user sees as current: a restore is refused if someone saved another since. */
  currentVersion: string | undefined;
  revealSeconds: number;
  readOnly: boolean;
  onRestored: (secret: SecretProperties) => void;
  /** The restore found the secret changed since it was loaded: load its versions again. */
  onStale: () => void;
  onClose: () => void;
}

const short = (p: SecretProperties) => (p.version ?? '').slice(0, 8);

/** Both values revealed, or neither: the details pane's reveal once per version, concealed together. */
function usePairReveal(vaultId: string, name: string, seconds: number, a?: string, b?: string) {
  const older = useReveal(vaultId, name, seconds, a);
  const newer = useReveal(vaultId, name, seconds, b);
  const { conceal: concealOlder } = older;
  const { conceal: concealNewer } = newer;
  const olderHidden = older.state.phase === 'concealed';
  const newerHidden = newer.state.phase === 'concealed';
  // When one hides (its timer, a failed read, privacy mode), the other goes too.
  useEffect(() => {
    if (olderHidden && !newerHidden) concealNewer();
    if (newerHidden && !olderHidden) concealOlder();
  }, [olderHidden, newerHidden, concealOlder, concealNewer]);
  const values =
    older.state.phase === 'revealed' && newer.state.phase === 'revealed'
      ? {
          older: older.state.value,
          newer: newer.state.value,
          secondsLeft: Math.min(older.state.secondsLeft, newer.state.secondsLeft),
        }
      : undefined;
  return {
    values,
    shown: !olderHidden || !newerHidden,
    blocked: older.blocked,
    error:
      (older.state.phase === 'concealed' && older.state.error) ||
      (newer.state.phase === 'concealed' && newer.state.error) ||
      undefined,
    reveal: () => {
      void older.reveal();
      void newer.reveal();
    },
    conceal: () => {
      concealOlder();
      concealNewer();
    },
  };
}

/**
 * Two versions side by side: properties at once, values only once the user reveals them (privacy mode, content
 * protection and the timer apply as everywhere), then their diff, computed here from the revealed values and dropped
 * with them. Restoring the older version runs in main (versions.restore) and needs no reveal.
 */
export function VersionDiffDialog(props: Props) {
  const { vaultId, name, older, newer, revealSeconds, readOnly } = props;
  const styles = useStyles();
  const { dispatchToast } = useToastController(TOASTER_ID);
  const pair = usePairReveal(vaultId, name, revealSeconds, older.version, newer.version);
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<KluisError>();
  const restoreButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Focus follows the confirm in and out, so the keyboard (and Esc) keep working in the dialog.
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) restoreButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const canRestore = !readOnly && older.version !== undefined && older.version !== props.currentVersion;
  const restore = async () => {
    if (!older.version || !props.currentVersion) return;
    setRestoring(true);
    setError(undefined);
    const result = await kluis().versions.restore({
      vaultId,
      name,
      version: older.version,
      expectedVersion: props.currentVersion,
    });
    setRestoring(false);
    setConfirming(false);
    if (!result.ok) {
      if (result.error.kind === 'conflict') props.onStale();
      return setError(result.error);
    }
    dispatchToast(
      <Toast>
        <ToastTitle>Restored version {short(older)} as the new current version</ToastTitle>
      </Toast>,
      { intent: 'success', timeout: 4000 },
    );
    props.onRestored(result.value);
  };

  return (
    <Dialog
      open
      onOpenChange={(_, d) => {
        if (d.open) return;
        // Esc during the confirm steps back out of the confirm only.
        if (confirming) setConfirming(false);
        else props.onClose();
      }}
    >
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>
            <span data-private>{name}</span>: version {short(older)} → {short(newer)}
          </DialogTitle>
          <DialogContent className={styles.stack}>
            <PropertiesSideBySide older={older} newer={newer} />
            <section className={styles.stack} aria-label="Values">
              <span className={styles.label}>Values</span>
              <div className={styles.row}>
                {!pair.values && (
                  <span className={styles.dots} role="img" aria-label="Values hidden">
                    {CONCEALED_DOTS}
                  </span>
                )}
                {/* One button that changes its word, so focus stays on it (and Esc still closes) after either. */}
                <Button
                  size="small"
                  icon={pair.shown ? <EyeOff20Regular /> : <Eye20Regular />}
                  disabledFocusable={!pair.shown && pair.blocked}
                  title={
                    !pair.shown && pair.blocked
                      ? `Privacy mode is on (${PRIVACY_SHORTCUT} turns it off)`
                      : undefined
                  }
                  onClick={pair.shown ? pair.conceal : pair.reveal}
                >
                  {pair.shown ? 'Conceal' : 'Reveal both values'}
                </Button>
                {pair.shown && !pair.values && <span className={styles.countdown}>Revealing…</span>}
                {pair.values && (
                  <span className={styles.countdown} role="timer" aria-live="off">
                    Hides in {pair.values.secondsLeft} s
                  </span>
                )}
              </div>
              {pair.error && <ErrorBanner error={pair.error} />}
              {pair.values && <ValueDiffView older={pair.values.older} newer={pair.values.newer} />}
            </section>
            {confirming && (
              <div role="region" aria-label="Confirm restore">
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>Restore version {short(older)}?</MessageBarTitle>A new version with its
                    value, content type and tags becomes the current one (enabled, without activation or
                    expiry dates); the versions in between stay in the history. If someone saved another
                    version since you opened this secret, nothing is written and Kluis says so.
                  </MessageBarBody>
                </MessageBar>
              </div>
            )}
            {error && <ErrorBanner error={error} />}
          </DialogContent>
          <DialogActions>
            {confirming ? (
              <>
                <Button
                  appearance="primary"
                  ref={confirmButton}
                  disabled={restoring}
                  onClick={() => void restore()}
                >
                  {restoring ? 'Restoring…' : 'Restore'}
                </Button>
                <Button disabled={restoring} onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </>
            ) : (
              <>
                {canRestore && (
                  <Tooltip
                    content={
                      older.enabled === false
                        ? 'This version is disabled: enable it first to read its value'
                        : 'Saves its value, content type and tags as a new current version'
                    }
                    relationship="description"
                  >
                    <Button
                      ref={restoreButton}
                      icon={<ArrowUndo20Regular />}
                      disabledFocusable={older.enabled === false}
                      onClick={() => setConfirming(true)}
                    >
                      Restore {short(older)} as new version
                    </Button>
                  </Tooltip>
                )}
                <Button appearance="primary" onClick={props.onClose}>
                  Close
                </Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
