import { Button, makeStyles, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNow } from '../../lib/use-now';
import { useDetailsStyles } from './details-styles';
import type { VersionsState } from './use-versions';
import { VersionItem } from './VersionItem';

const useStyles = makeStyles({
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
}

/** Every version, newest first; the first ten, then more on request. */
export function VersionsList({ state, vaultId, name, revealSeconds, readOnly, onRollback }: Props) {
  const styles = useStyles();
  const details = useDetailsStyles();
  const now = useNow();
  const [shown, setShown] = useState(PAGE);
  const { versions } = state;
  return (
    <section className={details.section} aria-label="Versions">
      <span className={details.label}>Versions{state.loading ? '' : ` (${versions.length})`}</span>
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
          />
        ))}
      </ul>
      {versions.length > shown && (
        <Button size="small" appearance="subtle" onClick={() => setShown((n) => n + PAGE * 5)}>
          Show {Math.min(PAGE * 5, versions.length - shown)} older versions
        </Button>
      )}
    </section>
  );
}
