import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  SearchBox,
  Spinner,
  Tooltip,
} from '@fluentui/react-components';
import {
  Add20Regular,
  ArrowClockwise20Regular,
  ArrowDownload20Regular,
  ArrowUpload20Regular,
  KeyMultiple20Regular,
  MoreHorizontal20Regular,
} from '@fluentui/react-icons';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { BulkAction, BulkItemResult, SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { onCommand, runCommand } from '../../lib/commands';
import { useNow } from '../../lib/use-now';
import { BulkActionDialog } from '../bulk/BulkActionDialog';
import { BulkBar } from './BulkBar';
import { FilterIndex } from './filter';
import { useRowWindow } from '../../lib/use-row-window';
import { parseFilter } from './filter-terms';
import { ROW_HEIGHT, useListStyles } from './list-styles';
import { ListSummary } from './ListSummary';
import { SecretRow } from './SecretRow';
import { SecretsHeader } from './SecretsHeader';
import { applyGesture, EMPTY_SELECTION, keepShown, selectAll, type Selection } from './selection-model';
import { createSorter, nextSort, type SortKey } from './sort-secrets';
import { useBackupFiles } from './use-backup-files';
import type { SecretPagesState } from './use-secret-pages';
import { useListViewState } from './use-list-view-state';
import { rememberedView, rememberView } from './view-memory';

interface Props {
  /** Which vault: the bulk jobs run there, and the view (filter, sort, selection, scroll) is kept per vault. */
  vaultId: string;
  list: SecretPagesState & { remove: (name: string) => void };
  vaultName: string;
  selectedName?: string;
  warningDays: number;
  onOpen: (secret: SecretProperties) => void;
  onNew: () => void;
  onRefresh: () => void;
  /** A secret restored from a backup file: show it. */
  onRestored: (secret: SecretProperties) => void;
}

/** Builds the filter's search texts in idle moments after the data arrives, so the first keystroke finds them. */
function usePreparedIndex(index: FilterIndex): void {
  useEffect(() => {
    let cancel = () => {};
    const step = (more: () => boolean) => {
      if (index.prepare(more)) return;
      if (typeof window.requestIdleCallback === 'function') {
        const id = window.requestIdleCallback((deadline) => step(() => deadline.timeRemaining() > 1));
        cancel = () => window.cancelIdleCallback(id);
      } else {
        const id = window.setTimeout(() => {
          const until = performance.now() + 8;
          step(() => performance.now() < until);
        }, 50);
        cancel = () => window.clearTimeout(id);
      }
    };
    step(() => false);
    return () => cancel();
  }, [index]);
}

interface ToolbarActionsProps {
  selectedName?: string;
  onRefresh: () => void;
  onNew: () => void;
  onBackup: (name: string) => void;
  onRestore: () => void;
}

/** The buttons beside the filter; memoised with stable handlers, so a keystroke in the filter skips them. */
const ToolbarActions = memo(function ToolbarActions(props: ToolbarActionsProps) {
  const { selectedName, onRefresh, onNew, onBackup, onRestore } = props;
  return (
    <>
      <Tooltip content="Refresh (F5)" relationship="label">
        <Button size="small" appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={onRefresh} />
      </Tooltip>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Tooltip content="More actions" relationship="label">
            <Button size="small" appearance="subtle" icon={<MoreHorizontal20Regular />} />
          </Tooltip>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              icon={<ArrowDownload20Regular />}
              disabled={!selectedName}
              onClick={() => selectedName && onBackup(selectedName)}
            >
              {selectedName
                ? `Back up ${selectedName} to a file…`
                : 'Back up to a file… (open a secret first)'}
            </MenuItem>
            <MenuItem icon={<ArrowUpload20Regular />} onClick={onRestore}>
              Restore from a backup file…
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <Tooltip content="New secret (Ctrl+N)" relationship="description">
        <Button size="small" appearance="primary" icon={<Add20Regular />} onClick={onNew}>
          New secret
        </Button>
      </Tooltip>
    </>
  );
});

const Header = memo(SecretsHeader);

const namesOf = (secrets: readonly SecretProperties[]) => secrets.map((s) => s.name);

function SkeletonRows() {
  const styles = useListStyles();
  return (
    <div role="progressbar" aria-busy aria-label="Loading secrets" className={styles.skeleton}>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className={styles.row}>
          {Array.from({ length: 5 }, (_, j) => (
            <div key={j} className={styles.skeletonBar} />
          ))}
        </div>
      ))}
    </div>
  );
}

const BULK_EXPLANATIONS: Partial<Record<BulkAction, string>> = {
  delete:
    'They move to the vault’s deleted secrets, where they stay recoverable until they are purged. Each deletion is waited for.',
  enable: 'Their current versions are enabled: their values can be read again.',
  disable: 'Their current versions are disabled: nobody can read their values until they are enabled again.',
};

export function SecretsList(props: Props) {
  const { vaultId, list, vaultName, selectedName, warningDays, onOpen, onNew, onRefresh } = props;
  const files = useBackupFiles(vaultId, props.onRestored);
  const styles = useListStyles();
  const now = useNow();
  const remembered = useMemo(() => rememberedView(vaultId), [vaultId]);
  const [query, setQuery] = useState(remembered.query);
  const [sort, setSort] = useState(remembered.sort);
  const [selection, setSelection] = useState<Selection>(remembered.selection);
  const [bulk, setBulk] = useState<{ action: BulkAction; names: string[] }>();
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const focusAfterMove = useRef(false);
  // Sort once per data and order (a list arriving in order, page after page, is only checked), then filter the
  // sorted list (filtering keeps the order): a keystroke never re-sorts. The filter index keeps search texts
  // and recent results, so a keystroke filters at most the rows of a recent result it narrows, and usually
  // far fewer; that is cheap enough to run with the keystroke itself, not deferred.
  const [sorter] = useState(createSorter);
  const sorted = useMemo(() => sorter(list.items, sort), [sorter, list.items, sort]);
  const index = useMemo(() => new FilterIndex(sorted), [sorted]);
  usePreparedIndex(index);
  const parsed = useMemo(() => parseFilter(query), [query]);
  const shown = useMemo(() => index.filter(parsed, now), [index, parsed, now]);
  // The names in the order shown are only needed with something checked or for a gesture, not per keystroke.
  const checked = useMemo(
    () => (selection.names.size === 0 ? selection : keepShown(selection, namesOf(shown))),
    [selection, shown],
  );
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    rememberView(vaultId, { query, sort, selection });
  }, [vaultId, query, sort, selection]);

  const { onScroll } = useListViewState({
    vaultId,
    scrollRef,
    items: list.items,
    complete: list.phase === 'done',
    openName: selectedName,
    onOpen,
  });

  // Ctrl+F focuses the filter from anywhere in the workspace.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && !event.defaultPrevented) {
        if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // What the command palette can ask of this list.
  const latest = useRef({ onNew, onRefresh, files, selectedName });
  useEffect(() => {
    latest.current = { onNew, onRefresh, files, selectedName };
  });
  useEffect(() => {
    const offs = [
      onCommand('secret.new', () => latest.current.onNew()),
      onCommand('list.refresh', () => latest.current.onRefresh()),
      onCommand('list.filter', () => filterRef.current?.focus()),
      onCommand('secret.restore', () => void latest.current.files.restore()),
      onCommand('secret.backup', () => {
        const name = latest.current.selectedName;
        if (name) void latest.current.files.backup(name);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  const onRefreshStable = useCallback(() => latest.current.onRefresh(), []);
  const onNewStable = useCallback(() => latest.current.onNew(), []);
  const onBackupStable = useCallback((name: string) => void latest.current.files.backup(name), []);
  const onRestoreStable = useCallback(() => void latest.current.files.restore(), []);
  const onSort = useCallback((key: SortKey) => setSort((current) => nextSort(current, key)), []);

  const check = (name: string, gesture: 'toggle' | 'range') => {
    const order = namesOf(shown);
    setSelection((s) => applyGesture(keepShown(s, order), order, name, gesture));
  };

  const onRowClick = (event: MouseEvent<HTMLDivElement>, secret: SecretProperties, index: number) => {
    setActive(index);
    if (event.shiftKey) check(secret.name, 'range');
    else if (event.ctrlKey || event.metaKey) check(secret.name, 'toggle');
    else onOpen(secret);
  };

  const startBulk = (action: BulkAction) => {
    const names = [...checked.names];
    if (names.length > 0) setBulk({ action, names });
  };

  const onBulkFinished = (action: BulkAction, results: BulkItemResult[]) => {
    const done = results.filter((r) => r.ok).map((r) => r.name);
    if (action === 'delete') {
      for (const name of done) list.remove(name);
      setSelection(EMPTY_SELECTION);
    } else {
      onRefresh();
    }
  };

  const rows = useRowWindow(scrollRef, shown.length, ROW_HEIGHT, 12);

  // After a keyboard move, focus the target row once it has been rendered (it may need a scroll
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
    const secret = shown[index];
    if (event.key === 'Enter') {
      event.preventDefault();
      if (secret) onOpen(secret);
      return;
    }
    if (event.key === ' ') {
      event.preventDefault();
      if (secret) check(secret.name, event.shiftKey ? 'range' : 'toggle');
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelection(selectAll(namesOf(shown)));
      return;
    }
    if (event.key === 'Delete' && checked.names.size > 0) {
      // With rows checked, Del deletes them all (the workspace's Del deletes the open one otherwise).
      event.preventDefault();
      startBulk('delete');
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(shown.length - 1, target));
    rows.scrollToIndex(next);
    focusAfterMove.current = true;
    setActive(next);
  };

  // The rows get the same handler functions on every render (they call the latest ones), so SecretRow's memo
  // holds and a keystroke or a check re-renders only rows whose data changed.
  const rowHandlers = useRef({ onRowClick, check, onRowKeyDown, shown });
  useEffect(() => {
    rowHandlers.current = { onRowClick, check, onRowKeyDown, shown };
  });
  const onRowClickStable = useCallback(
    (event: MouseEvent<HTMLDivElement>, secret: SecretProperties, index: number) =>
      rowHandlers.current.onRowClick(event, secret, index),
    [],
  );
  const onRowCheckStable = useCallback(
    (secret: SecretProperties) => rowHandlers.current.check(secret.name, 'toggle'),
    [],
  );
  const onSelectAllStable = useCallback(
    (all: boolean) => setSelection(all ? selectAll(namesOf(rowHandlers.current.shown)) : EMPTY_SELECTION),
    [],
  );
  const onRowKeyDownStable = useCallback(
    (event: KeyboardEvent<HTMLDivElement>, index: number) => rowHandlers.current.onRowKeyDown(event, index),
    [],
  );

  const loading = list.phase === 'loading';
  const empty = !loading && list.items.length === 0 && list.phase !== 'failed';

  return (
    <section className={styles.pane} aria-label={`Secrets in ${vaultName}`}>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.filter}
          size="small"
          placeholder="Filter: text, tag:env=prod, expires<30d, disabled… (Ctrl+F)"
          aria-label="Filter secrets"
          aria-describedby={parsed.hints.length > 0 ? 'filter-hints' : undefined}
          ref={filterRef}
          value={query}
          onChange={(_, data) => setQuery(data.value)}
        />
        <ToolbarActions
          selectedName={selectedName}
          onRefresh={onRefreshStable}
          onNew={onNewStable}
          onBackup={onBackupStable}
          onRestore={onRestoreStable}
        />
      </div>
      {parsed.hints.length > 0 && (
        <div id="filter-hints" className={styles.hint} role="status">
          Not used: {parsed.hints.join('; ')}
        </div>
      )}
      {checked.names.size > 0 && (
        <BulkBar
          count={checked.names.size}
          actions={['enable', 'disable', 'delete']}
          onAction={startBulk}
          onClear={() => setSelection(EMPTY_SELECTION)}
        />
      )}
      <div className={styles.area}>
        {list.error && (
          <div className={styles.banner}>
            <ErrorBanner
              error={list.error}
              onRetry={onRefresh}
              actions={
                // An untrusted certificate is fixed by pinning it in Settings → Certificates.
                list.error.kind === 'tls' ? (
                  <Button size="small" onClick={() => runCommand('view.settings')}>
                    Open Settings
                  </Button>
                ) : undefined
              }
            />
          </div>
        )}
        <div
          role="grid"
          aria-label="Secrets"
          aria-rowcount={shown.length + 1}
          aria-busy={loading}
          aria-multiselectable
          // While loading the grid fills the pane too: its scroll body then has its height before the first page
          // arrives, so the page's rows are laid out in the same frame instead of after a resize.
          className={mergeClasses(styles.grid, (shown.length > 0 || loading) && styles.gridFill)}
        >
          <div role="rowgroup">
            <Header
              sort={sort}
              onSort={onSort}
              selected={checked.names.size}
              shown={shown.length}
              onSelectAll={onSelectAllStable}
            />
          </div>
          <div
            role={shown.length > 0 ? 'rowgroup' : undefined}
            ref={scrollRef}
            className={styles.body}
            onScroll={onScroll}
          >
            {loading && shown.length === 0 && <SkeletonRows />}
            <div role="presentation" style={{ height: rows.totalHeight, position: 'relative' }}>
              {shown.slice(rows.start, rows.end).map((secret, offset) => {
                const index = rows.start + offset;
                // Keyed by position: when the filter changes the rows shown, the row elements stay and only
                // their content changes, instead of unmounting and mounting every visible row.
                return (
                  <SecretRow
                    key={index}
                    secret={secret}
                    index={index}
                    selected={secret.name === selectedName}
                    checked={checked.names.has(secret.name)}
                    tabbable={index === activeIndex}
                    now={now}
                    warningDays={warningDays}
                    top={index * ROW_HEIGHT}
                    height={ROW_HEIGHT}
                    onClick={onRowClickStable}
                    onCheck={onRowCheckStable}
                    onKeyDown={onRowKeyDownStable}
                  />
                );
              })}
            </div>
          </div>
        </div>
        {loading && shown.length > 0 && <SkeletonRows />}
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
      {bulk && (
        <BulkActionDialog
          vaultId={vaultId}
          action={bulk.action}
          names={bulk.names}
          explanation={BULK_EXPLANATIONS[bulk.action] ?? ''}
          onFinished={(results) => onBulkFinished(bulk.action, results)}
          onClose={() => setBulk(undefined)}
        />
      )}
    </section>
  );
}
