import { Button, Checkbox, mergeClasses, Spinner, Tooltip } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { BulkAction, DeletedSecretInfo } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatExact, formatRelative } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { BulkBar } from '../secrets/BulkBar';
import { useListStyles } from '../secrets/list-styles';
import {
  applyGesture,
  EMPTY_SELECTION,
  keepShown,
  selectAll,
  type Selection,
} from '../secrets/selection-model';
import type { PagedListState } from '../../lib/use-paged-list';
import { useDeletedStyles } from './deleted-styles';

interface Props {
  list: PagedListState<DeletedSecretInfo>;
  vaultName: string;
  selectedName?: string;
  /** Purge protection: no purge action is offered. */
  purgeProtected: boolean;
  onOpen: (info: DeletedSecretInfo) => void;
  onRefresh: () => void;
  onBulk: (action: BulkAction, names: string[]) => void;
}

/** Deleted secrets are few; a plain list (not virtualized) is enough. Rows can be checked for bulk actions. */
export function DeletedList(props: Props) {
  const { list, vaultName, selectedName, onOpen, onRefresh } = props;
  const styles = useListStyles();
  const own = useDeletedStyles();
  const now = useNow();
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const order = useMemo(() => list.items.map((i) => i.properties.name), [list.items]);
  const checked = useMemo(() => keepShown(selection, order), [selection, order]);
  const all = order.length > 0 && checked.names.size === order.length;
  const check = (name: string, gesture: 'toggle' | 'range') =>
    setSelection((s) => applyGesture(keepShown(s, order), order, name, gesture));

  const onRowClick = (event: MouseEvent, info: DeletedSecretInfo) => {
    if (event.shiftKey) check(info.properties.name, 'range');
    else if (event.ctrlKey || event.metaKey) check(info.properties.name, 'toggle');
    else onOpen(info);
  };
  const onRowKey = (event: KeyboardEvent, info: DeletedSecretInfo) => {
    if (event.key === 'Enter') onOpen(info);
    else if (event.key === ' ') {
      event.preventDefault();
      check(info.properties.name, event.shiftKey ? 'range' : 'toggle');
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelection(selectAll(order));
    }
  };

  return (
    <section className={styles.pane} aria-label={`Deleted secrets in ${vaultName}`}>
      <div className={styles.toolbar}>
        <h2 className={own.title}>Deleted secrets</h2>
        <Tooltip content="Refresh (F5)" relationship="label">
          <Button size="small" appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={onRefresh} />
        </Tooltip>
      </div>
      {checked.names.size > 0 && (
        <BulkBar
          count={checked.names.size}
          actions={props.purgeProtected ? ['recover'] : ['recover', 'purge']}
          onAction={(action) => props.onBulk(action, [...checked.names])}
          onClear={() => setSelection(EMPTY_SELECTION)}
        />
      )}
      {list.error && (
        <div className={styles.banner}>
          <ErrorBanner error={list.error} onRetry={onRefresh} />
        </div>
      )}
      <div
        role="grid"
        aria-label="Deleted secrets"
        aria-multiselectable
        aria-busy={list.phase === 'loading'}
        className={own.grid}
      >
        <div role="rowgroup">
          <div role="row" className={mergeClasses(own.row, styles.header)}>
            <span role="columnheader" className={styles.checkCell}>
              <Checkbox
                aria-label={all ? 'Clear the selection' : 'Select all deleted secrets (Ctrl+A)'}
                checked={all ? true : checked.names.size > 0 ? 'mixed' : false}
                disabled={order.length === 0}
                onChange={() => setSelection(all ? EMPTY_SELECTION : selectAll(order))}
              />
            </span>
            <span role="columnheader">Name</span>
            <span role="columnheader">Deleted</span>
            <span role="columnheader">Scheduled purge</span>
          </div>
        </div>
        {list.items.length > 0 && (
          <div role="rowgroup">
            {list.items.map((info) => {
              const name = info.properties.name;
              return (
                <div
                  role="row"
                  key={name}
                  tabIndex={0}
                  aria-selected={checked.names.has(name)}
                  aria-current={name === selectedName ? 'true' : undefined}
                  data-deleted-name={name}
                  className={mergeClasses(
                    own.row,
                    own.item,
                    checked.names.has(name) && styles.checked,
                    name === selectedName && styles.selected,
                  )}
                  onClick={(event) => onRowClick(event, info)}
                  onKeyDown={(event) => onRowKey(event, info)}
                >
                  <span role="gridcell" className={styles.checkCell} onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      tabIndex={-1}
                      aria-label={`Select ${name}`}
                      checked={checked.names.has(name)}
                      onChange={() => check(name, 'toggle')}
                    />
                  </span>
                  <span role="gridcell" className={mergeClasses(styles.cell, styles.name)}>
                    {name}
                  </span>
                  <span
                    role="gridcell"
                    className={mergeClasses(styles.cell, styles.muted)}
                    title={formatExact(info.deletedOn)}
                  >
                    {info.deletedOn ? formatRelative(info.deletedOn, now) : '—'}
                  </span>
                  <span
                    role="gridcell"
                    className={mergeClasses(styles.cell, styles.muted)}
                    title={formatExact(info.scheduledPurgeDate)}
                  >
                    {info.scheduledPurgeDate ? formatExact(info.scheduledPurgeDate) : '—'}
                  </span>
                </div>
              );
            })}
          </div>
        )}
      </div>
      {list.phase === 'loading' && (
        <Spinner size="small" label="Loading deleted secrets…" className={own.note} />
      )}
      {list.phase === 'done' && list.items.length === 0 && (
        <div className={styles.empty}>No deleted secrets in {vaultName}.</div>
      )}
      <div className={styles.summary}>
        <span>{list.items.length.toLocaleString()} deleted</span>
        {list.phase === 'more' && <Spinner size="extra-tiny" label="Loading more…" />}
      </div>
    </section>
  );
}
