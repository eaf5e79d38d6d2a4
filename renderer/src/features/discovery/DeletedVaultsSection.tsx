import { makeStyles, MessageBar, MessageBarBody, shorthands, tokens } from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import type { BrowseState } from './discovery-store';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, marginBottom: tokens.spacingVerticalL },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  note: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
  },
  td: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
    color: tokens.colorNeutralForeground2,
  },
  errors: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalS,
  },
});

const day = (ms?: number) =>
  ms === undefined ? '—' : new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Vaults deleted at the ARM level, per subscription: read-only, with the date each is purged for good. */
export function DeletedVaultsSection({
  browse,
  subscriptionName,
}: {
  browse: BrowseState;
  subscriptionName: (id: string) => string;
}) {
  const styles = useStyles();
  const deleted = [...browse.deleted.values()].sort(
    (a, b) => (a.scheduledPurgeDate ?? 0) - (b.scheduledPurgeDate ?? 0) || a.name.localeCompare(b.name),
  );
  const errors = [...browse.deletedErrors];
  if (deleted.length === 0 && errors.length === 0) return null;
  return (
    <section className={styles.section} aria-label="Deleted vaults">
      <h2 className={styles.heading}>
        <Delete20Regular aria-hidden /> Deleted vaults ({deleted.length})
      </h2>
      <p className={styles.note}>
        Soft-deleted vaults stay recoverable in the portal or with az keyvault recover until their purge date.
        Shown here read-only.
      </p>
      <div className={styles.errors}>
        {errors.map(([id, error]) => (
          <MessageBar key={id} intent="warning" layout="multiline">
            <MessageBarBody>{error.message}</MessageBarBody>
          </MessageBar>
        ))}
      </div>
      {deleted.length > 0 && (
        <table className={styles.table} aria-label="Deleted vaults">
          <thead>
            <tr>
              <th className={styles.th}>Name</th>
              <th className={styles.th}>Subscription</th>
              <th className={styles.th}>Location</th>
              <th className={styles.th}>Deleted</th>
              <th className={styles.th}>Purged on</th>
            </tr>
          </thead>
          <tbody>
            {deleted.map((v) => (
              <tr key={v.id} data-deleted-vault={v.name}>
                <td className={styles.td}>{v.name}</td>
                <td className={styles.td}>{subscriptionName(v.subscriptionId)}</td>
                <td className={styles.td}>{v.location ?? '—'}</td>
                <td className={styles.td}>{day(v.deletedOn)}</td>
                <td className={styles.td}>
                  {day(v.scheduledPurgeDate)}
                  {v.purgeProtection ? ' (purge protection)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
