import {
  Button,
  mergeClasses,
  SearchBox,
  Skeleton,
  SkeletonItem,
  Spinner,
  Tooltip,
} from '@fluentui/react-components';
import { Add20Regular, ArrowClockwise20Regular, KeyMultiple20Regular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNow } from '../../lib/use-now';
import { filterSecrets } from './filter';
import { ROW_HEIGHT, useListStyles } from './list-styles';
import { ListSummary } from './ListSummary';
import { SecretRow } from './SecretRow';
import type { SecretPagesState } from './use-secret-pages';

interface Props {
  list: SecretPagesState;
  vaultName: string;
  selectedName?: string;
  warningDays: number;
  onOpen: (secret: SecretProperties) => void;
  onNew: () => void;
  onRefresh: () => void;
}

function SkeletonRows() {
  const styles = useListStyles();
  return (
    <Skeleton aria-label="Loading secrets">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className={styles.row}>
          <SkeletonItem size={12} />
          <SkeletonItem size={12} />
          <SkeletonItem size={12} />
          <SkeletonItem size={12} />
          <SkeletonItem size={12} />
        </div>
      ))}
    </Skeleton>
  );
}

export function SecretsList({ list, vaultName, selectedName, warningDays, onOpen, onNew, onRefresh }: Props) {
  const styles = useListStyles();
  const now = useNow();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusAfterMove = useRef(false);
  const shown = useMemo(() => filterSecrets(list.items, query), [list.items, query]);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read only during render
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // After a keyboard move, focus the target row once the virtualizer has rendered it (it may need a scroll
  // and another render first), so this runs after every render until it succeeds.
  useEffect(() => {
    if (!focusAfterMove.current) return;
    const target = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (!target) return;
    focusAfterMove.current = false;
    target.focus();
  });

  const onRowKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + 10,
      PageUp: index - 10,
      Home: 0,
      End: shown.length - 1,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const secret = shown[index];
      if (secret) onOpen(secret);
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(shown.length - 1, target));
    virtualizer.scrollToIndex(next);
    focusAfterMove.current = true;
    setActive(next);
  };

  const loading = list.phase === 'loading';
  const empty = !loading && list.items.length === 0 && list.phase !== 'failed';

  return (
    <section className={styles.pane} aria-label={`Secrets in ${vaultName}`}>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.filter}
          size="small"
          placeholder="Filter by name, content type or tag"
          aria-label="Filter secrets"
          value={query}
          onChange={(_, data) => setQuery(data.value)}
        />
        <Tooltip content="Refresh (F5)" relationship="label">
          <Button size="small" appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={onRefresh} />
        </Tooltip>
        <Tooltip content="New secret (Ctrl+N)" relationship="description">
          <Button size="small" appearance="primary" icon={<Add20Regular />} onClick={onNew}>
            New secret
          </Button>
        </Tooltip>
      </div>
      <div className={styles.area}>
        {list.error && (
          <div className={styles.banner}>
            <ErrorBanner error={list.error} onRetry={onRefresh} />
          </div>
        )}
        <div
          role="grid"
          aria-label="Secrets"
          aria-rowcount={shown.length + 1}
          aria-busy={loading}
          className={mergeClasses(styles.grid, shown.length > 0 && styles.gridFill)}
        >
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className={`${styles.row} ${styles.header}`}>
              <span role="columnheader">Name</span>
              <span role="columnheader">Content type</span>
              <span role="columnheader">Enabled</span>
              <span role="columnheader">Expires</span>
              <span role="columnheader">Updated</span>
            </div>
          </div>
          <div role={shown.length > 0 ? 'rowgroup' : undefined} ref={scrollRef} className={styles.body}>
            <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((row) => {
                const secret = shown[row.index];
                if (!secret) return null;
                return (
                  <SecretRow
                    key={secret.name}
                    secret={secret}
                    index={row.index}
                    selected={secret.name === selectedName}
                    tabbable={row.index === activeIndex}
                    now={now}
                    warningDays={warningDays}
                    style={{ top: row.start, height: row.size }}
                    onOpen={(s) => {
                      setActive(row.index);
                      onOpen(s);
                    }}
                    onKeyDown={onRowKeyDown}
                  />
                );
              })}
            </div>
          </div>
        </div>
        {loading && <SkeletonRows />}
        {empty && (
          <div className={styles.empty}>
            <KeyMultiple20Regular aria-hidden />
            <span>{vaultName} has no secrets yet.</span>
            <Button appearance="primary" icon={<Add20Regular />} onClick={onNew}>
              New secret
            </Button>
          </div>
        )}
        {!loading && query.trim() !== '' && list.items.length > 0 && shown.length === 0 && (
          <div className={styles.empty}>No secrets match “{query}”.</div>
        )}
      </div>
      <ListSummary
        items={list.items}
        shown={shown.length}
        filtered={query.trim() !== ''}
        now={now}
        warningDays={warningDays}
      >
        {list.phase === 'more' && <Spinner size="extra-tiny" label="Loading more…" />}
      </ListSummary>
    </section>
  );
}
