import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  shorthands,
  Spinner,
  tokens,
  ToggleButton,
  Tooltip,
} from '@fluentui/react-components';
import {
  ArrowSwap20Regular,
  ArrowSortDown16Regular,
  ArrowSortUp16Regular,
  CheckmarkCircle16Regular,
  Delete16Regular,
  ErrorCircle16Regular,
  Question16Regular,
} from '@fluentui/react-icons';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type {
  BulkWriteMode,
  CompareRow,
  CompareStatus,
  PromoteMetadata,
  VaultConfig,
} from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { plural } from '../bulk/bulk-words';
import {
  CHIP_ORDER,
  countByStatus,
  defaultMode,
  FIELD_LABELS,
  MODE_LABELS,
  modesFor,
  STATUS_LABELS,
  visibleRows,
  type SortKey,
} from './compare-table';
import { PromoteDialog } from './PromoteDialog';
import { useCompare } from './use-compare';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 },
  head: {
    display: 'flex',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    ...shorthands.padding(tokens.spacingVerticalM, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  title: {
    margin: 0,
    width: '100%',
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  vaultField: { minWidth: '180px' },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    ...shorthands.padding(0, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  chip: { minWidth: '0', display: 'inline-flex', gap: '6px' },
  count: { fontWeight: tokens.fontWeightBold, fontVariantNumeric: 'tabular-nums' },
  progress: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginLeft: 'auto' },
  banners: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    ...shorthands.padding(0, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  tableWrap: {
    flexGrow: 1,
    minHeight: 0,
    overflow: 'auto',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    textAlign: 'left',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    whiteSpace: 'nowrap',
  },
  sortButton: { minWidth: 0, padding: 0, fontWeight: tokens.fontWeightSemibold },
  row: {
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  td: {
    padding: `2px ${tokens.spacingHorizontalS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    verticalAlign: 'middle',
  },
  name: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  value: { maxWidth: '340px' },
  nowrap: { whiteSpace: 'nowrap' },
  status: { display: 'inline-flex', alignItems: 'center', gap: '4px', whiteSpace: 'nowrap' },
  differs: { color: tokens.colorPaletteDarkOrangeForeground1 },
  same: { color: tokens.colorPaletteGreenForeground1 },
  unknown: { color: tokens.colorNeutralForeground3 },
  deleted: {
    color: tokens.colorPaletteRedForeground1,
    display: 'flex',
    alignItems: 'center',
    gap: '4px',
    fontSize: tokens.fontSizeBase100,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  footer: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
  },
  empty: {
    ...shorthands.padding(tokens.spacingVerticalL, tokens.spacingHorizontalM),
    color: tokens.colorNeutralForeground3,
  },
});

interface Props {
  vaults: readonly VaultConfig[];
}

/** Compare two vaults (any two in the sidebar) and promote chosen secrets from A to B. */
export default function CompareView({ vaults }: Props) {
  const styles = useStyles();
  const [vaultA, setVaultA] = useState(vaults[0]?.id ?? '');
  const [vaultB, setVaultB] = useState(vaults[1]?.id ?? '');
  const [filter, setFilter] = useState('');
  const { state, start, cancel } = useCompare();
  const [shown, setShown] = useState<Set<CompareStatus>>(new Set());
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'status',
    descending: false,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [modes, setModes] = useState<Record<string, BulkWriteMode>>({});
  const [metadata, setMetadata] = useState<PromoteMetadata>({ tags: true, contentType: true, dates: false });
  const [reviewing, setReviewing] = useState<{ items: Array<{ name: string; mode: BulkWriteMode }> }>();
  const tbody = useRef<HTMLTableSectionElement>(null);
  const promoted = useRef(false);
  /** The row that takes Tab focus (one tab stop for the table; arrows move between rows). */
  const [focusIndex, setFocusIndex] = useState(0);

  const nameOf = (id: string | undefined) => vaults.find((v) => v.id === id)?.displayName ?? '';
  const counts = useMemo(() => countByStatus(state.rows.values()), [state.rows]);
  const rows = useMemo(() => visibleRows(state.rows.values(), shown, sort), [state.rows, shown, sort]);
  const promotable = (r: CompareRow) => modesFor(r).length > 0;
  const modeOf = (r: CompareRow): BulkWriteMode => modes[r.name] ?? defaultMode(r);
  const chosen = [...selected]
    .map((n) => state.rows.get(n))
    .filter((r): r is CompareRow => r !== undefined && promotable(r));

  const run = () => {
    setSelected(new Set());
    setModes({});
    void start(vaultA, vaultB, filter);
  };
  const swap = () => {
    setVaultA(vaultB);
    setVaultB(vaultA);
  };
  const toggle = (name: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  const allVisible = rows.filter(promotable);
  const allSelected = allVisible.length > 0 && allVisible.every((r) => selected.has(r.name));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(allVisible.map((r) => r.name)));
  const sortBy = (key: SortKey) =>
    setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));

  /** Up/Down move between rows, Space selects, Home/End jump; Ctrl+A selects every row shown. */
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, row: CompareRow) => {
    const focusRow = (i: number) =>
      (tbody.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]')[i] ?? undefined)?.focus();
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown') focusRow(Math.min(rows.length - 1, index + 1));
    else if (e.key === 'ArrowUp') focusRow(Math.max(0, index - 1));
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(rows.length - 1);
    else if (e.key === ' ' && promotable(row)) toggle(row.name);
    else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) toggleAll();
    else return;
    e.preventDefault();
  };

  const sortIcon = (key: SortKey) =>
    sort.key !== key ? undefined : sort.descending ? <ArrowSortUp16Regular /> : <ArrowSortDown16Regular />;
  const header = (key: SortKey, label: string) => (
    <th
      className={styles.th}
      aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <Button
        appearance="transparent"
        size="small"
        className={styles.sortButton}
        icon={sortIcon(key)}
        iconPosition="after"
        onClick={() => sortBy(key)}
      >
        {label}
      </Button>
    </th>
  );

  const statusCell = (r: CompareRow) => {
    const word = STATUS_LABELS[r.status];
    if (r.status === 'same')
      return (
        <span className={mergeClasses(styles.status, styles.same)}>
          <CheckmarkCircle16Regular aria-hidden /> {word}
        </span>
      );
    if (r.status === 'unknown')
      return (
        <span className={mergeClasses(styles.status, styles.unknown)}>
          <Question16Regular aria-hidden /> {word}
        </span>
      );
    if (r.status === 'differs')
      return (
        <span className={mergeClasses(styles.status, styles.differs)}>
          <ErrorCircle16Regular aria-hidden /> {word}
        </span>
      );
    return (
      <span className={styles.status}>
        {r.status === 'only-a' ? `Only in ${nameOf(state.vaultA)}` : `Only in ${nameOf(state.vaultB)}`}
      </span>
    );
  };
  const valueCell = (r: CompareRow) => {
    if (!r.a || !r.b) return <span className={styles.muted}>—</span>;
    if (r.valueEqual === true) return 'equal';
    if (r.valueEqual === false) return <b>differs</b>;
    return (
      <Tooltip content={r.valueError ?? 'Not compared.'} relationship="description">
        <span className={styles.unknown} tabIndex={0} data-testid="not-compared">
          {r.valueError ?? 'Not compared.'}
        </span>
      </Tooltip>
    );
  };
  const propsCell = (r: CompareRow) => {
    if (!r.a || !r.b) {
      const side = r.a ?? r.b;
      const bits = [
        side?.contentType,
        side?.enabled === false ? 'disabled' : undefined,
        side && Object.keys(side.tags).length > 0 ? plural(Object.keys(side.tags).length, 'tag') : undefined,
      ].filter(Boolean);
      return <span className={styles.muted}>{bits.join(', ') || '—'}</span>;
    }
    const other = r.differences.filter((d) => d !== 'value');
    return other.length > 0 ? (
      `${other.map((d) => FIELD_LABELS[d]).join(', ')} differ`
    ) : (
      <span className={styles.muted}>same</span>
    );
  };
  const newerCell = (r: CompareRow) =>
    r.newer === 'a'
      ? nameOf(state.vaultA)
      : r.newer === 'b'
        ? nameOf(state.vaultB)
        : r.newer === 'same'
          ? 'same time'
          : '—';

  const canCompare = vaultA !== '' && vaultB !== '' && vaultA !== vaultB && !state.running;

  return (
    <section className={styles.root} aria-label="Compare vaults">
      <div className={styles.head}>
        <h1 className={styles.title}>Compare and promote</h1>
        <Field label="A (promote from)" className={styles.vaultField}>
          <Select value={vaultA} onChange={(_, d) => setVaultA(d.value)} aria-label="Vault A">
            {vaults.map((v) => (
              <option key={v.id} value={v.id}>
                {v.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Tooltip content="Swap A and B" relationship="label">
          <Button icon={<ArrowSwap20Regular />} onClick={swap} />
        </Tooltip>
        <Field label="B (promote to)" className={styles.vaultField}>
          <Select value={vaultB} onChange={(_, d) => setVaultB(d.value)} aria-label="Vault B">
            {vaults.map((v) => (
              <option key={v.id} value={v.id}>
                {v.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Names containing (optional)">
          <Input
            value={filter}
            onChange={(_, d) => setFilter(d.value)}
            onKeyDown={(e) => e.key === 'Enter' && canCompare && run()}
            placeholder="e.g. db-"
            aria-label="Name filter"
          />
        </Field>
        <Button appearance="primary" disabled={!canCompare} onClick={run}>
          Compare
        </Button>
        {state.running && <Button onClick={() => void cancel()}>Stop</Button>}
      </div>
      {vaultA === vaultB && vaultA !== '' && (
        <div className={styles.banners}>
          <span className={styles.muted}>Choose two different vaults.</span>
        </div>
      )}
      <div className={styles.banners}>
        {state.error && <ErrorBanner error={state.error} />}
        {state.warnings.map((w) => (
          <span key={w} className={styles.muted} role="note">
            {w}
          </span>
        ))}
      </div>
      {(state.compareId || state.running) && (
        <div className={styles.chips} role="group" aria-label="Show">
          {CHIP_ORDER.map((s) => {
            const label =
              s === 'only-a'
                ? `Only in ${nameOf(state.vaultA)}`
                : s === 'only-b'
                  ? `Only in ${nameOf(state.vaultB)}`
                  : STATUS_LABELS[s];
            return (
              <ToggleButton
                key={s}
                size="small"
                shape="circular"
                className={styles.chip}
                checked={shown.has(s)}
                onClick={() =>
                  setShown((prev) => {
                    const next = new Set(prev);
                    if (next.has(s)) next.delete(s);
                    else next.add(s);
                    return next;
                  })
                }
              >
                {label} <span className={styles.count}>{counts[s].toLocaleString()}</span>
              </ToggleButton>
            );
          })}
          <span className={styles.progress} role="status">
            {state.running ? (
              <Spinner
                size="extra-tiny"
                label={`Comparing… ${state.decided} of ${state.total || '…'}`}
                labelPosition="after"
              />
            ) : state.cancelled ? (
              `Stopped after ${plural(state.decided, 'name')}.`
            ) : state.done ? (
              `${plural(state.decided, 'name')} compared.`
            ) : null}
          </span>
        </div>
      )}
      <div className={styles.tableWrap}>
        {!state.compareId && !state.running && !state.error && (
          <div className={styles.empty}>
            Choose two vaults and Compare. Values are compared in Kluis’s main process by a keyed hash made
            for this comparison only; they are never shown, stored or sent anywhere.
          </div>
        )}
        {(state.compareId || state.running) && (
          <table className={styles.table} aria-label="Comparison">
            <thead>
              <tr>
                <th className={styles.th}>
                  <Checkbox
                    aria-label="Select every row shown"
                    checked={allSelected ? true : selected.size > 0 ? 'mixed' : false}
                    onChange={toggleAll}
                  />
                </th>
                {header('name', 'Name')}
                {header('status', 'Status')}
                <th className={styles.th}>Value</th>
                <th className={styles.th}>Properties</th>
                {header('newer', 'Newer')}
                <th className={styles.th}>Promote as</th>
              </tr>
            </thead>
            <tbody ref={tbody}>
              {rows.map((r, i) => {
                const modesHere = modesFor(r);
                const isSelected = selected.has(r.name);
                return (
                  <tr
                    key={r.name}
                    data-row
                    data-status={r.status}
                    tabIndex={i === Math.min(focusIndex, rows.length - 1) ? 0 : -1}
                    onFocus={() => setFocusIndex(i)}
                    aria-selected={isSelected}
                    className={mergeClasses(styles.row, isSelected && styles.selected)}
                    onKeyDown={(e) => onRowKey(e, i, r)}
                  >
                    <td className={styles.td}>
                      <Checkbox
                        aria-label={`Select ${r.name}`}
                        disabled={modesHere.length === 0}
                        checked={isSelected}
                        onChange={() => toggle(r.name)}
                      />
                    </td>
                    <td className={mergeClasses(styles.td, styles.name)} data-private>
                      {r.name}
                    </td>
                    <td className={styles.td}>
                      {statusCell(r)}
                      {r.deletedOnB && (
                        <div className={styles.deleted}>
                          <Delete16Regular aria-hidden /> deleted in {nameOf(state.vaultB)} (recoverable)
                        </div>
                      )}
                    </td>
                    <td className={mergeClasses(styles.td, styles.value)}>{valueCell(r)}</td>
                    <td className={styles.td}>{propsCell(r)}</td>
                    <td className={mergeClasses(styles.td, styles.nowrap)}>{newerCell(r)}</td>
                    <td className={styles.td}>
                      {modesHere.length === 0 ? (
                        <span className={styles.muted}>—</span>
                      ) : (
                        <Select
                          size="small"
                          aria-label={`Promote ${r.name} as`}
                          value={modeOf(r)}
                          onChange={(_, d) => {
                            setModes((m) => ({ ...m, [r.name]: d.value as BulkWriteMode }));
                            if (!isSelected) toggle(r.name);
                          }}
                        >
                          {modesHere.map((m) => (
                            <option key={m} value={m}>
                              {MODE_LABELS[m]}
                            </option>
                          ))}
                        </Select>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {state.done && rows.length === 0 && !state.error && (
          <div className={styles.empty}>No names to show{shown.size > 0 ? ' with these statuses' : ''}.</div>
        )}
      </div>
      {state.compareId && (
        <div className={styles.footer}>
          <span>
            {plural(chosen.length, 'secret')} selected to promote from <b>{nameOf(state.vaultA)}</b> to{' '}
            <b>{nameOf(state.vaultB)}</b>
          </span>
          <Checkbox
            label="Copy tags"
            checked={metadata.tags}
            onChange={(_, d) => setMetadata((m) => ({ ...m, tags: d.checked === true }))}
          />
          <Checkbox
            label="Copy content type"
            checked={metadata.contentType}
            onChange={(_, d) => setMetadata((m) => ({ ...m, contentType: d.checked === true }))}
          />
          <Checkbox
            label="Copy activation and expiry dates"
            checked={metadata.dates}
            onChange={(_, d) => setMetadata((m) => ({ ...m, dates: d.checked === true }))}
          />
          <Button
            appearance="primary"
            style={{ marginLeft: 'auto' }}
            disabled={chosen.length === 0 || !state.done}
            onClick={() => setReviewing({ items: chosen.map((r) => ({ name: r.name, mode: modeOf(r) })) })}
          >
            Review promote…
          </Button>
        </div>
      )}
      {reviewing && state.compareId && state.vaultB && (
        <PromoteDialog
          compareId={state.compareId}
          targetVaultId={state.vaultB}
          items={reviewing.items}
          metadata={metadata}
          onFinished={() => (promoted.current = true)}
          onClose={() => {
            setReviewing(undefined);
            // What was promoted changed B: compare again so the table says what is there now.
            if (promoted.current && state.vaultA && state.vaultB) {
              promoted.current = false;
              setSelected(new Set());
              setModes({});
              void start(state.vaultA, state.vaultB, filter);
            }
          }}
        />
      )}
    </section>
  );
}
