import { Badge, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatExact, formatRelative } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { useDetailsStyles } from './details-styles';
import type { VersionsState } from './use-versions';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'grid',
    gridTemplateColumns: '10ch auto 1fr',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    minHeight: '24px',
  },
  when: { color: tokens.colorNeutralForeground3, textAlign: 'right' },
});

const MAX_SHOWN = 10;

function VersionItem({
  version,
  current,
  now,
}: {
  version: SecretProperties;
  current: boolean;
  now: number;
}) {
  const styles = useStyles();
  const details = useDetailsStyles();
  return (
    <li className={styles.item}>
      <span className={details.mono} title={version.version}>
        {version.version?.slice(0, 8) ?? '—'}
      </span>
      <span>
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
      </span>
      <span className={styles.when} title={formatExact(version.createdOn)}>
        {version.createdOn ? formatRelative(version.createdOn, now) : '—'}
      </span>
    </li>
  );
}

export function VersionsList({ state }: { state: VersionsState }) {
  const styles = useStyles();
  const details = useDetailsStyles();
  const now = useNow();
  const { versions } = state;
  return (
    <section className={details.section} aria-label="Versions">
      <span className={details.label}>Versions{state.loading ? '' : ` (${versions.length})`}</span>
      {state.loading && <Spinner size="extra-tiny" label="Loading versions…" />}
      {state.error && <ErrorBanner error={state.error} />}
      <ul className={styles.list}>
        {versions.slice(0, MAX_SHOWN).map((v, i) => (
          <VersionItem key={v.version ?? i} version={v} current={i === 0} now={now} />
        ))}
      </ul>
      {versions.length > MAX_SHOWN && (
        <span className={details.label}>and {versions.length - MAX_SHOWN} older versions</span>
      )}
    </section>
  );
}
