import { Button, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import { Copy20Regular, Eye20Regular, EyeOff20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PRIVACY_SHORTCUT } from '../privacy/privacy-mode';
import { useReveal } from './use-reveal';
import { ValueDisplay } from './values/ValueDisplay';

/** Always the same number of dots, whatever the value's length. */
export const CONCEALED_DOTS = '••••••••••••';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  value: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    backgroundColor: tokens.colorNeutralBackground3,
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    maxHeight: '200px',
    overflowY: 'auto',
    margin: 0,
    flexGrow: 1,
    minWidth: 0,
  },
  countdown: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

interface Props {
  vaultId: string;
  name: string;
  revealSeconds: number;
  onCopy: () => void;
  copying: boolean;
  /** Shows JSON pretty-printed and what PEM or base64 holds. */
  contentType?: string;
  /** More buttons for the value's row (e.g. Save to file). */
  extraActions?: ReactNode;
}

export function RevealValue({
  vaultId,
  name,
  revealSeconds,
  onCopy,
  copying,
  contentType,
  extraActions,
}: Props) {
  const styles = useStyles();
  const { state, reveal, conceal, blocked } = useReveal(vaultId, name, revealSeconds);
  const revealed = state.phase === 'revealed';
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        {revealed ? (
          <ValueDisplay value={state.value} contentType={contentType} label="Secret value" />
        ) : (
          <span className={styles.value} aria-label="Value hidden" role="img">
            {CONCEALED_DOTS}
          </span>
        )}
      </div>
      <div className={styles.row}>
        {revealed ? (
          <Button size="small" icon={<EyeOff20Regular />} onClick={conceal}>
            Conceal
          </Button>
        ) : (
          <Button
            size="small"
            icon={<Eye20Regular />}
            disabled={state.phase === 'loading' || blocked}
            title={blocked ? `Privacy mode is on (${PRIVACY_SHORTCUT} turns it off)` : undefined}
            onClick={() => void reveal()}
          >
            {state.phase === 'loading' ? 'Revealing…' : 'Reveal'}
          </Button>
        )}
        {state.phase === 'loading' && (
          // Changed their mind (or someone walked in): the answer, when it comes, is dropped.
          <Button size="small" icon={<EyeOff20Regular />} onClick={conceal}>
            Conceal
          </Button>
        )}
        <Button size="small" icon={<Copy20Regular />} disabled={copying || blocked} onClick={onCopy}>
          Copy
        </Button>
        {extraActions}
        {revealed && (
          <span className={styles.countdown} role="timer" aria-live="off">
            Hides in {state.secondsLeft} s
          </span>
        )}
      </div>
      {state.phase === 'concealed' && state.error && <ErrorBanner error={state.error} />}
    </div>
  );
}
