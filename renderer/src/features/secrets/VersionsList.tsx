import { Button, makeStyles, mergeClasses, Spinner, tokens, Tooltip } from '@fluentui/react-components';
import { BranchCompare20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNow } from '../../lib/use-now';
import { useDetailsStyles } from './details-styles';
import type { VersionsState } from './use-versions';
import { VersionItem } from './VersionItem';
import { VersionDiffDialog } from '../version-diff/VersionDiffDialog';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minHeight: '24px' },
  grow: { flexGrow: 1 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
});

const PAGE = 10;

interface Props {
  state: VersionsState;
  vaultId: string;
  name: string;
  revealSeconds: number;
  readOnly: boolean;
  onRollback: (version: string) => void;
  /** A version was restored from the diff view as the new current one. */
  onRestored: (secret: SecretProperties) => void;
}

/** Every version, newest first; the first ten, then more on request. */
export function VersionsList({
  state,
  vaultId,
  name,
  revealSeconds,
  readOnly,
  onRollback,
  onRestored,
}: Props) {
  const styles = useStyles();
  const details = useDetailsStyles();
  const now = useNow();
  const [shown, setShown] = useState(PAGE);
  const { versions } = state;
  // The two versions picked for the diff; a third pick replaces the earlier of the two picks.
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const select = (version: string, on: boolean) =>
    setPicked((p) =>
      on ? [...p.filter((v) => v !== version), version].slice(-2) : p.filter((v) => v !== version),
    );
  // Older first, by the list's order (newest first, the current version first among those of the same second).
  const pair = versions.filter((v) => v.version !== undefined && picked.includes(v.version)).reverse();
  return (
    <section className={details.section} aria-label="Versions">
      <div className={styles.head}>
        <span className={mergeClasses(details.label, styles.grow)}>
          Versions{state.loading ? '' : ` (${versions.length})`}
        </span>
        {versions.length > 1 && (
          <Tooltip
            content={
              pair.length === 2 ? 'Compare the two selected versions' : 'Select two versions to compare'
            }
            relationship="description"
          >
            <Button
              size="small"
              icon={<BranchCompare20Regular />}
              disabled={pair.length !== 2}
              onClick={() => setComparing(true)}
            >
              Compare{pair.length ? ` (${pair.length} of 2)` : ''}
            </Button>
          </Tooltip>
        )}
      </div>
      {state.loading && <Spinner size="extra-tiny" label="Loading versions…" />}
      {state.error && <ErrorBanner error={state.error} />}
      <ul className={styles.list}>
        {versions.slice(0, shown).map((v: SecretProperties, i) => (
          <VersionItem
            key={v.version ?? i}
            vaultId={vaultId}
            name={name}
            version={v}
            current={i === 0}
            now={now}
            revealSeconds={revealSeconds}
            readOnly={readOnly}
            onRollback={onRollback}
            selected={v.version !== undefined && picked.includes(v.version)}
            onSelect={select}
          />
        ))}
      </ul>
      {versions.length > shown && (
        <Button size="small" appearance="subtle" onClick={() => setShown((n) => n + PAGE * 5)}>
          Show {Math.min(PAGE * 5, versions.length - shown)} older versions
        </Button>
      )}
      {comparing && pair.length === 2 && (
        <VersionDiffDialog
          vaultId={vaultId}
          name={name}
          older={pair[0]!}
          newer={pair[1]!}
          currentVersion={versions[0]?.version}
          revealSeconds={revealSeconds}
          readOnly={readOnly}
          onClose={() => setComparing(false)}
          onStale={state.reload}
          onRestored={(secret) => {
            setComparing(false);
            setPicked([]);
            onRestored(secret);
          }}
        />
      )}
    </section>
  );
}
