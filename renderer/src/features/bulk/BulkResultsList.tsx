import { makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Regular, ErrorCircle16Regular } from '@fluentui/react-icons';
import type { BulkItemOutcome, BulkItemResult } from '../../../../electron/contract';

/** What a write job's item did (promote, import), said instead of the job's one word. */
const OUTCOME_WORDS: Record<BulkItemOutcome, string> = {
  created: 'Created',
  'new-version': 'New version written',
  recovered: 'Recovered and updated',
  skipped: 'Skipped',
};

const useStyles = makeStyles({
  results: {
    maxHeight: '220px',
    overflowY: 'auto',
    margin: 0,
    padding: 0,
    listStyle: 'none',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  result: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
  },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  bad: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  name: { fontWeight: tokens.fontWeightSemibold },
});

/** One item's outcome; `vaultName` where a job spans several vaults (the dashboard's fixes). */
export type BulkResultRow = BulkItemResult & { vaultName?: string };

/** The per-item results of a finished bulk job: failures first, then by vault and name. */
export function BulkResultsList({ results, doneWord }: { results: BulkResultRow[]; doneWord: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.results} aria-label="Results" tabIndex={0}>
      {[...results]
        .sort(
          (a, b) =>
            Number(a.ok) - Number(b.ok) ||
            (a.vaultName ?? '').localeCompare(b.vaultName ?? '') ||
            a.name.localeCompare(b.name),
        )
        .map((r) => (
          <li key={`${r.vaultName ?? ''}/${r.name}`} className={styles.result}>
            {r.ok ? (
              <CheckmarkCircle16Regular className={styles.ok} aria-label="OK" />
            ) : (
              <ErrorCircle16Regular className={styles.bad} aria-label="Failed" />
            )}
            <span className={styles.name} data-private>
              {r.vaultName === undefined ? r.name : `${r.vaultName} / ${r.name}`}
            </span>
            <span>{r.ok ? (r.outcome ? OUTCOME_WORDS[r.outcome] : doneWord) : r.error}</span>
          </li>
        ))}
    </ul>
  );
}
