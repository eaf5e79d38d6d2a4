import { Button, mergeClasses, Spinner } from '@fluentui/react-components';
import { Add20Regular, KeyMultiple20Regular } from '@fluentui/react-icons';
import {
  lazy,
  memo,
  Suspense,
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
import { useRowWindow } from '../../lib/use-row-window';
import { BulkActionDialog } from '../bulk/BulkActionDialog';
import { BulkBar } from './BulkBar';
import { FilterIndex } from './filter';
import { parseFilter } from './filter-terms';
import { ROW_HEIGHT, useListStyles } from './list-styles';
import { ListSummary } from './ListSummary';
import { ListToolbar } from './ListToolbar';
import { SecretRow } from './SecretRow';
import { SecretsHeader } from './SecretsHeader';
import { SkeletonRows } from './SkeletonRows';
import { createSorter, nextSort, type SortKey } from './sort-secrets';
import { useBackupFiles } from './use-backup-files';
import { useListCommands } from './use-list-commands';
import { useListSelection } from './use-list-selection';
import { useListViewState } from './use-list-view-state';
import { usePreparedIndex } from './use-prepared-index';
import { useRowKeyboard } from './use-row-keyboard';
import type { SecretPagesState } from './use-secret-pages';
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

const Header = memo(SecretsHeader);
const ExportDialog = lazy(() =>
  import('../transfer/ExportDialog').then((m) => ({ default: m.ExportDialog })),
);
const ImportWizard = lazy(() =>
  import('../transfer/ImportWizard').then((m) => ({ default: m.ImportWizard })),
);

const BULK_EXPLANATIONS: Partial<Record<BulkAction, string>> = {
  delete:
    'They move to the vault’s deleted secrets, where they stay recoverable until they are purged. Each deletion is waited for.',
  enable: 'Their current versions are enabled: their values can be read again.',
  disable: 'Their current versions are disabled: nobody can read their values until they are enabled again.',
};

/**
 * A vault's secrets as a virtualized grid: the toolbar (ListToolbar), the filtered and sorted rows (SecretRow),
 * their selection for bulk actions (use-list-selection), the keys on a row (use-row-keyboard) and the commands
 * from outside (use-list-commands); this component wires them and keeps the view per vault.
 */
export function SecretsList(props: Props) {
  const { vaultId, list, vaultName, selectedName, warningDays, onOpen, onNew, onRefresh } = props;
  const files = useBackupFiles(vaultId, props.onRestored);
  const styles = useListStyles();
  const now = useNow();
  const remembered = useMemo(() => rememberedView(vaultId), [vaultId]);
  const [query, setQuery] = useState(remembered.query);
  const [sort, setSort] = useState(remembered.sort);
  const [bulk, setBulk] = useState<{ action: BulkAction; names: string[] }>();
  const [transfer, setTransfer] = useState<'export' | 'import'>();
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
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
  const { selection, checked, check, checkAll, clear } = useListSelection(remembered.selection, shown);
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

  const toolbar = useListCommands({ onNew, onRefresh, files, selectedName, filterRef });
  const onSort = useCallback((key: SortKey) => setSort((current) => nextSort(current, key)), []);

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
      clear();
    } else {
      onRefresh();
    }
  };

  const rows = useRowWindow(scrollRef, shown.length, ROW_HEIGHT, 12);
  const onExport = useCallback(() => setTransfer('export'), []);
  const onImport = useCallback(() => setTransfer('import'), []);
  useEffect(() => {
    const offs = [onCommand('transfer.export', onExport), onCommand('transfer.import', onImport)];
    return () => offs.forEach((off) => off());
  }, [onExport, onImport]);

  const onRowKeyDown = useRowKeyboard({
    shown,
    scrollRef,
    activeIndex,
    setActive,
    scrollToIndex: rows.scrollToIndex,
    onOpen,
    check,
    checkAll: () => checkAll(),
    deleteChecked: checked.names.size > 0 ? () => startBulk('delete') : undefined,
  });

  // The rows get the same handler functions on every render (they call the latest ones), so SecretRow's memo
  // holds and a keystroke or a check re-renders only rows whose data changed.
  const rowHandlers = useRef({ onRowClick, check, checkAll, clear, onRowKeyDown, shown });
  useEffect(() => {
    rowHandlers.current = { onRowClick, check, checkAll, clear, onRowKeyDown, shown };
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
    (all: boolean) =>
      all ? rowHandlers.current.checkAll(rowHandlers.current.shown) : rowHandlers.current.clear(),
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
      <ListToolbar
        query={query}
        onQuery={setQuery}
        parsed={parsed}
        filterRef={filterRef}
        selectedName={selectedName}
        {...toolbar}
        onExport={onExport}
        onImport={onImport}
      />
      {checked.names.size > 0 && (
        <BulkBar
          count={checked.names.size}
          actions={['enable', 'disable', 'delete']}
          onAction={startBulk}
          onClear={clear}
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
      <Suspense fallback={null}>
        {transfer === 'export' && (
          <ExportDialog
            vaultId={vaultId}
            vaultName={vaultName}
            selected={[...checked.names]}
            {...(query.trim() !== '' ? { shown: shown.map((s) => s.name) } : {})}
            onClose={() => setTransfer(undefined)}
          />
        )}
        {transfer === 'import' && (
          <ImportWizard
            vaultId={vaultId}
            vaultName={vaultName}
            onImported={onRefresh}
            onClose={() => setTransfer(undefined)}
          />
        )}
      </Suspense>
    </section>
  );
}
