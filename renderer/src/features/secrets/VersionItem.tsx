import { Badge, Button, Checkbox, makeStyles, tokens, Tooltip } from '@fluentui/react-components';
import { ArrowUndo16Regular, Eye16Regular, EyeOff16Regular } from '@fluentui/react-icons';
import type { SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatExact, formatRelative } from '../../lib/relative-time';
import { useDetailsStyles } from './details-styles';
import { useReveal } from './use-reveal';
import { ValueDisplay } from './values/ValueDisplay';

const useStyles = makeStyles({
  item: { display: 'flex', flexDirection: 'column', gap: '2px' },
  line: {
    display: 'grid',
    gridTemplateColumns: 'auto 9ch minmax(0, 1fr) auto auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    minHeight: '28px',
  },
  badges: { display: 'flex', gap: '2px', flexWrap: 'wrap', color: tokens.colorNeutralForeground3 },
  when: { color: tokens.colorNeutralForeground3, textAlign: 'right', whiteSpace: 'nowrap' },
  buttons: { display: 'flex', width: '56px' },
});

interface Props {
  vaultId: string;
  name: string;
  version: SecretProperties;
  current: boolean;
  now: number;
  revealSeconds: number;
  readOnly: boolean;
  onRollback: (version: string) => void;
  /** Chosen for the version diff. */
  selected: boolean;
  onSelect: (version: string, selected: boolean) => void;
}

/** One version: when, whether enabled, its expiry; its value on request (hidden again after the timer). */
export function VersionItem({
  vaultId,
  name,
  version,
  current,
  now,
  revealSeconds,
  readOnly,
  onRollback,
  selected,
  onSelect,
}: Props) {
  const styles = useStyles();
  const details = useDetailsStyles();
  const id = version.version ?? '';
  const short = id.slice(0, 8);
  const { state, reveal, conceal, blocked } = useReveal(vaultId, name, revealSeconds, id || undefined);
  const revealed = state.phase === 'revealed';
  const described = [
    `created ${formatExact(version.createdOn)}`,
    `updated ${formatExact(version.updatedOn)}`,
    version.expiresOn ? `expires ${formatExact(version.expiresOn)}` : 'no expiry',
  ].join(', ');
  return (
    <li
      className={styles.item}
      data-version={id}
      aria-label={`Version ${short}${current ? ' (current)' : ''}`}
    >
      <div className={styles.line}>
        <Checkbox
          checked={selected}
          disabled={!id}
          onChange={(_, d) => onSelect(id, d.checked === true)}
          aria-label={`Select version ${short} to compare`}
        />
        <span className={details.mono} title={id}>
          {short || '—'}
        </span>
        <span className={styles.badges} title={described}>
          {current && (
            <Badge size="small" appearance="tint" color="brand">
              current
            </Badge>
          )}
          {version.enabled === false && (
            <Badge size="small" appearance="tint" color="subtle">
              disabled
            </Badge>
          )}
          {version.expiresOn !== undefined && (
            <Badge
              size="small"
              appearance="outline"
              color={version.expiresOn < now ? 'danger' : 'informative'}
            >
              {version.expiresOn < now ? 'expired' : `expires ${formatRelative(version.expiresOn, now)}`}
            </Badge>
          )}
        </span>
        <span className={styles.when} title={described}>
          {version.createdOn ? formatRelative(version.createdOn, now) : '—'}
        </span>
        <span className={styles.buttons}>
          <Tooltip
            content={revealed ? 'Hide this version’s value' : 'Show this version’s value'}
            relationship="label"
          >
            <Button
              size="small"
              appearance="subtle"
              icon={revealed ? <EyeOff16Regular /> : <Eye16Regular />}
              disabled={state.phase === 'loading' || !id || (blocked && !revealed)}
              onClick={revealed ? conceal : () => void reveal()}
              aria-label={`${revealed ? 'Hide' : 'Show'} value of version ${short}`}
            />
          </Tooltip>
          {!current && !readOnly && (
            <Tooltip content="Roll back to this version" relationship="label">
              <Button
                size="small"
                appearance="subtle"
                icon={<ArrowUndo16Regular />}
                disabled={!id}
                onClick={() => onRollback(id)}
                aria-label={`Roll back to version ${short}`}
              />
            </Tooltip>
          )}
        </span>
      </div>
      {revealed && (
        <>
          <ValueDisplay
            value={state.value}
            contentType={version.contentType}
            label={`Value of version ${short}`}
            testId="version-value"
          />
          <span className={styles.when} role="timer" aria-live="off" style={{ textAlign: 'left' }}>
            Hides in {state.secondsLeft} s
          </span>
        </>
      )}
      {state.phase === 'concealed' && state.error && <ErrorBanner error={state.error} />}
    </li>
  );
}
