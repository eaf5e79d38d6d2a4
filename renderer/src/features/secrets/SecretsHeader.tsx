import { Checkbox, mergeClasses } from '@fluentui/react-components';
import { ArrowSortDown16Regular, ArrowSortUp16Regular } from '@fluentui/react-icons';
import { LIST_COLUMNS } from './list-columns';
import { useListStyles } from './list-styles';
import type { SortKey, SortOrder } from './sort-secrets';

interface Props {
  sort: SortOrder;
  onSort: (key: SortKey) => void;
  /** How many of the shown rows are selected. */
  selected: number;
  shown: number;
  onSelectAll: (all: boolean) => void;
}

/** Column headers: a select-all checkbox, then buttons that sort (aria-sort says how). */
export function SecretsHeader({ sort, onSort, selected, shown, onSelectAll }: Props) {
  const styles = useListStyles();
  const all = shown > 0 && selected === shown;
  return (
    <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.header)}>
      <span role="columnheader" className={styles.checkCell}>
        <Checkbox
          aria-label={all ? 'Clear the selection' : 'Select all shown secrets (Ctrl+A)'}
          checked={all ? true : selected > 0 ? 'mixed' : false}
          disabled={shown === 0}
          onChange={() => onSelectAll(!all)}
        />
      </span>
      {LIST_COLUMNS.map((column) => {
        const active = sort.key === column.key;
        return (
          <span
            key={column.key}
            role="columnheader"
            aria-sort={active ? sort.direction : 'none'}
            className={styles.cell}
          >
            <button
              type="button"
              className={styles.sortButton}
              onClick={() => onSort(column.key)}
              title={`Sort by ${column.label.toLowerCase()}`}
            >
              {column.label}
              {active &&
                (sort.direction === 'ascending' ? (
                  <ArrowSortUp16Regular aria-hidden />
                ) : (
                  <ArrowSortDown16Regular aria-hidden />
                ))}
            </button>
          </span>
        );
      })}
    </div>
  );
}
