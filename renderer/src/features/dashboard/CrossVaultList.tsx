import { Checkbox, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { ArrowSortDown16Regular, ArrowSortUp16Regular, Warning16Regular } from '@fluentui/react-icons';
import { useRef, useState, type KeyboardEvent } from 'react';
import {
  classifySecret,
  SECRET_CLASS_LABELS,
  type ClassifyOptions,
} from '../../../../electron/contract/secret-classes';
import { expiryLevel, formatExact, formatExpiry, formatRelative } from '../../lib/relative-time';
import { useRowWindow } from '../../lib/use-row-window';
import { useListStyles } from '../secrets/list-styles';
import type { CrossVaultSort, CrossVaultSortKey } from '../search/cross-vault-filter';
import type { IndexedSecret } from './index-store';

export const CROSS_ROW_HEIGHT = 32;
const columns = '24px minmax(80px, 1fr) minmax(120px, 2fr) minmax(120px, 2fr) 88px 88px';

const useStyles = makeStyles({
  row: { gridTemplateColumns: columns },
  noCheck: { gridTemplateColumns: columns.replace('24px ', '') },
  badges: { display: 'flex', gap: '4px', overflow: 'hidden' },
  badge: {
    fontSize: tokens.fontSizeBase100,
    ...shorthands.padding('0', '6px'),
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground2,
  },
  vault: { color: tokens.colorNeutralForeground2 },
});

export const secretKey = (s: IndexedSecret) => `${s.vaultId}/${s.name.toLowerCase()}`;

interface Props {
  items: readonly IndexedSecret[];
  label: string;
  sort: CrossVaultSort;
  onSort: (key: CrossVaultSortKey) => void;
  classify: ClassifyOptions;
  onOpen: (secret: IndexedSecret) => void;
  /** With these, rows have checkboxes for a bulk fix (keys from secretKey). */
  checked?: ReadonlySet<string>;
  onCheck?: (secret: IndexedSecret) => void;
}

/** Columns and the sort each header gives; the classes column does not sort. */
const HEADERS: Array<[CrossVaultSortKey | undefined, string]> = [
  ['vault', 'Vault'],
  ['name', 'Name'],
  [undefined, 'Needs attention'],
  ['expiresOn', 'Expires'],
  ['updatedOn', 'Updated'],
];

/**
 * Secrets of many vaults in one list: each row names its vault. Windowed (only rows in view are in the DOM), sorted
 * from the headers, and used from the keyboard: arrows, Home/End move, Enter opens the secret in its vault, Space
 * checks it.
 */
export function CrossVaultList(props: Props) {
  const { items, sort, classify } = props;
  const list = useListStyles();
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useRowWindow(scrollRef, items.length, CROSS_ROW_HEIGHT, 12);
  const selectable = props.checked !== undefined && props.onCheck !== undefined;
  const rowClass = selectable ? styles.row : styles.noCheck;
  const [active, setActive] = useState(0);

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(items.length - 1, index));
    rows.scrollToIndex(target);
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus(),
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, secret: IndexedSecret) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key] as number);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      props.onOpen(secret);
    } else if (event.key === ' ' && selectable) {
      event.preventDefault();
      props.onCheck?.(secret);
    }
  };

  const shown = items.slice(rows.start, rows.end);
  return (
    <div
      role="grid"
      aria-label={props.label}
      aria-rowcount={items.length + 1}
      className={mergeClasses(list.grid, list.gridFill)}
    >
      <div role="row" aria-rowindex={1} className={mergeClasses(list.row, list.header, rowClass)}>
        {selectable && <span role="columnheader" aria-label="Select" />}
        {HEADERS.map(([key, text]) => (
          <span
            key={text}
            role="columnheader"
            aria-sort={key && sort.key === key ? sort.direction : undefined}
            className={list.cell}
          >
            {key === undefined ? (
              text
            ) : (
              <button type="button" className={list.sortButton} onClick={() => props.onSort(key)}>
                {text}
                {sort.key === key &&
                  (sort.direction === 'ascending' ? (
                    <ArrowSortUp16Regular aria-hidden />
                  ) : (
                    <ArrowSortDown16Regular aria-hidden />
                  ))}
              </button>
            )}
          </span>
        ))}
      </div>
      <div ref={scrollRef} className={list.body} role="rowgroup">
        <div role="presentation" style={{ height: rows.totalHeight, position: 'relative' }}>
          {shown.map((secret, k) => {
            const index = rows.start + k;
            const key = secretKey(secret);
            const classes = classifySecret(secret, classify);
            const level = expiryLevel(secret, classify.now, classify.warningDays);
            const danger = level === 'expired' || level === 'not-yet-active';
            const checked = props.checked?.has(key) ?? false;
            return (
              <div
                key={key}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selectable ? checked : undefined}
                data-index={index}
                data-secret-key={key}
                data-secret-name={secret.name}
                data-vault-name={secret.vaultName}
                tabIndex={index === Math.min(active, items.length - 1) ? 0 : -1}
                onFocus={() => setActive(index)}
                className={mergeClasses(
                  list.row,
                  list.item,
                  rowClass,
                  checked && list.checked,
                  secret.enabled === false && list.disabledRow,
                )}
                style={{ top: index * CROSS_ROW_HEIGHT, height: CROSS_ROW_HEIGHT }}
                onClick={() => props.onOpen(secret)}
                onKeyDown={(event) => onKeyDown(event, index, secret)}
              >
                {selectable && (
                  <span role="gridcell" className={list.checkCell} onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      tabIndex={-1}
                      aria-label={`Select ${secret.name} in ${secret.vaultName}`}
                      checked={checked}
                      onChange={() => props.onCheck?.(secret)}
                    />
                  </span>
                )}
                <span role="gridcell" className={mergeClasses(list.cell, styles.vault)}>
                  {secret.vaultName}
                </span>
                <span role="gridcell" className={mergeClasses(list.cell, list.name)}>
                  {secret.name}
                </span>
                <span role="gridcell" className={styles.badges}>
                  {classes.map((c) => (
                    <span key={c} className={styles.badge}>
                      {c === 'stale'
                        ? `${SECRET_CLASS_LABELS[c]} ${classify.staleDays}+ d`
                        : SECRET_CLASS_LABELS[c]}
                    </span>
                  ))}
                </span>
                <span
                  role="gridcell"
                  className={mergeClasses(
                    list.cell,
                    danger ? list.danger : level === 'soon' ? list.warning : list.muted,
                  )}
                  title={secret.expiresOn ? `Expires ${formatExact(secret.expiresOn)}` : 'No expiry date'}
                >
                  <span className={list.withIcon}>
                    {(danger || level === 'soon') && <Warning16Regular aria-hidden />}
                    {formatExpiry(secret.expiresOn, classify.now)}
                  </span>
                </span>
                <span
                  role="gridcell"
                  className={mergeClasses(list.cell, list.muted)}
                  title={secret.updatedOn ? formatExact(secret.updatedOn) : undefined}
                >
                  {secret.updatedOn ? formatRelative(secret.updatedOn, classify.now) : '—'}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
