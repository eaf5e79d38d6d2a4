import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SecretProperties } from '../../../../electron/contract';
import { formatExact } from '../../lib/relative-time';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  head: { textAlign: 'left', color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `2px ${tokens.spacingHorizontalS}`,
    overflowWrap: 'anywhere',
  },
  name: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap', width: '1%' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  // Text on the highlight in the strongest foreground, so it keeps its contrast in both themes.
  differs: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    '& th, & td': { color: tokens.colorNeutralForeground1 },
  },
  marker: { fontWeight: tokens.fontWeightSemibold },
});

const tagsText = (tags: Record<string, string> | undefined) => {
  const entries = Object.entries(tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : '—';
};

const ROWS: Array<[string, (p: SecretProperties) => string, boolean?]> = [
  ['Version', (p) => p.version ?? '—', true],
  ['Enabled', (p) => (p.enabled === false ? 'No' : 'Yes')],
  ['Content type', (p) => p.contentType || '—'],
  ['Tags', (p) => tagsText(p.tags)],
  ['Not before', (p) => formatExact(p.notBefore)],
  ['Expires', (p) => formatExact(p.expiresOn)],
  ['Created', (p) => formatExact(p.createdOn)],
  ['Updated', (p) => formatExact(p.updatedOn)],
];

/** Two versions' properties in two columns; a row that differs is marked in words too, not by colour alone. */
export function PropertiesSideBySide({ older, newer }: { older: SecretProperties; newer: SecretProperties }) {
  const styles = useStyles();
  return (
    <table className={styles.table} aria-label="Properties of both versions" data-private>
      <thead>
        <tr>
          <th className={mergeClasses(styles.cell, styles.head)}>Property</th>
          <th className={mergeClasses(styles.cell, styles.head)}>Older</th>
          <th className={mergeClasses(styles.cell, styles.head)}>Newer</th>
          <th className={mergeClasses(styles.cell, styles.head)} aria-label="Differs" />
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([name, show, mono]) => {
          const a = show(older);
          const b = show(newer);
          const differs = a !== b && name !== 'Version';
          return (
            <tr
              key={name}
              className={differs ? styles.differs : undefined}
              data-differs={differs || undefined}
            >
              <th scope="row" className={mergeClasses(styles.cell, styles.name, styles.head)}>
                {name}
              </th>
              <td className={mergeClasses(styles.cell, mono && styles.mono)}>{a}</td>
              <td className={mergeClasses(styles.cell, mono && styles.mono)}>{b}</td>
              <td className={mergeClasses(styles.cell, styles.marker)}>{differs ? 'differs' : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
