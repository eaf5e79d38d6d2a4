import { Button, mergeClasses, Spinner, Tooltip } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import type { DeletedSecretInfo } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatExact, formatRelative } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { useListStyles } from '../secrets/list-styles';
import type { PagedListState } from '../../lib/use-paged-list';
import { useDeletedStyles } from './deleted-styles';

interface Props {
  list: PagedListState<DeletedSecretInfo>;
  vaultName: string;
  selectedName?: string;
  onOpen: (info: DeletedSecretInfo) => void;
  onRefresh: () => void;
}

/** Deleted secrets are few; a plain list (not virtualized) is enough. */
export function DeletedList({ list, vaultName, selectedName, onOpen, onRefresh }: Props) {
  const styles = useListStyles();
  const own = useDeletedStyles();
  const now = useNow();
  return (
    <section className={styles.pane} aria-label={`Deleted secrets in ${vaultName}`}>
      <div className={styles.toolbar}>
        <h2 className={own.title}>Deleted secrets</h2>
        <Tooltip content="Refresh" relationship="label">
          <Button size="small" appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={onRefresh} />
        </Tooltip>
      </div>
      {list.error && (
        <div className={styles.banner}>
          <ErrorBanner error={list.error} onRetry={onRefresh} />
        </div>
      )}
      <div role="grid" aria-label="Deleted secrets" aria-busy={list.phase === 'loading'} className={own.grid}>
        <div role="rowgroup">
          <div role="row" className={mergeClasses(own.row, styles.header)}>
            <span role="columnheader">Name</span>
            <span role="columnheader">Deleted</span>
            <span role="columnheader">Purged</span>
          </div>
        </div>
        {list.items.length > 0 && (
          <div role="rowgroup">
            {list.items.map((info) => (
              <div
                role="row"
                key={info.properties.name}
                tabIndex={0}
                aria-selected={info.properties.name === selectedName}
                data-deleted-name={info.properties.name}
                className={mergeClasses(
                  own.row,
                  own.item,
                  info.properties.name === selectedName && styles.selected,
                )}
                onClick={() => onOpen(info)}
                onKeyDown={(event) => event.key === 'Enter' && onOpen(info)}
              >
                <span role="gridcell" className={mergeClasses(styles.cell, styles.name)}>
                  {info.properties.name}
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
                  {info.scheduledPurgeDate ? formatRelative(info.scheduledPurgeDate, now) : '—'}
                </span>
              </div>
            ))}
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
