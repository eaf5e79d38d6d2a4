import {
  AddCircle16Regular,
  ArrowSync16Regular,
  Delete16Regular,
  EqualCircle16Regular,
  Warning16Regular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { ImportDiffRow, ImportRowStatus } from '../../../../electron/contract';
import { useTransferStyles } from './transfer-styles';

export const STATUS_WORDS: Record<ImportRowStatus, string> = {
  new: 'New',
  changed: 'Changed',
  same: 'Same',
  deleted: 'Deleted in vault',
  invalid: 'Invalid',
};
const ICONS: Record<ImportRowStatus, ReactElement> = {
  new: <AddCircle16Regular aria-hidden />,
  changed: <ArrowSync16Regular aria-hidden />,
  same: <EqualCircle16Regular aria-hidden />,
  deleted: <Delete16Regular aria-hidden />,
  invalid: <Warning16Regular aria-hidden />,
};
const ORDER: ImportRowStatus[] = ['invalid', 'changed', 'deleted', 'new', 'same'];

/** The dry run: each row's status (an icon and a word, never colour alone) and why. No value is shown. */
export function DiffTable({ rows }: { rows: ImportDiffRow[] }) {
  const styles = useTransferStyles();
  const sorted = [...rows].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.row - b.row);
  return (
    <div className={styles.tableWrap} tabIndex={0}>
      <table className={styles.table} aria-label="What the import would change">
        <thead>
          <tr>
            <th>Line</th>
            <th>Secret name</th>
            <th>Status</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.row}>
              <td>{r.line || '–'}</td>
              <td className={styles.mono} data-private>
                {r.name || r.key}
              </td>
              <td>
                <span className={styles.status}>
                  <span className={styles[r.status]}>{ICONS[r.status]}</span>
                  {STATUS_WORDS[r.status]}
                </span>
              </td>
              <td>{r.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
