import {
  Button,
  Input,
  makeStyles,
  mergeClasses,
  shorthands,
  Spinner,
  tokens,
  ToggleButton,
  Toolbar,
  ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, Filter20Regular } from '@fluentui/react-icons';
import { useMemo, useRef, useState } from 'react';
import type { VaultConfig } from '../../../../electron/contract';
import {
  classifySecret,
  DEFAULT_STALE_DAYS,
  SECRET_CLASSES,
  SECRET_CLASS_LABELS,
  type SecretClass,
} from '../../../../electron/contract/secret-classes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNow } from '../../lib/use-now';
import { useListStyles } from '../secrets/list-styles';
import {
  CrossVaultIndex,
  parseCrossVaultQuery,
  sortAcrossVaults,
  type CrossVaultSort,
} from '../search/cross-vault-filter';
import { BULK_ICONS, BULK_LABELS } from '../secrets/BulkBar';
import { plural } from '../bulk/bulk-words';
import { CrossVaultList, secretKey } from './CrossVaultList';
import { DASHBOARD_FIXES, DashboardBulkDialog, type DashboardFix } from './DashboardBulkDialog';
import { usePropertyIndex, type IndexedSecret } from './index-store';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 },
  head: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    ...shorthands.padding(tokens.spacingVerticalM, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  progress: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginRight: 'auto' },
  classes: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    ...shorthands.padding(0, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  classButton: { minWidth: '0', display: 'inline-flex', gap: '6px' },
  count: { fontWeight: tokens.fontWeightBold, fontVariantNumeric: 'tabular-nums' },
  zero: { color: tokens.colorNeutralForeground3 },
  errors: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    ...shorthands.padding(0, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
});

/** The classes that mean something is wrong now; the default view shows a secret in any of them. */
const ATTENTION: readonly SecretClass[] = ['expired', 'expiring', 'not-yet-active', 'disabled'];
type Shown = SecretClass | 'attention';

interface Props {
  vaults: readonly VaultConfig[];
  warningDays: number;
  staleDays?: number;
  onOpen: (vaultId: string, name: string) => void;
}

/**
 * Every connected vault at once: how many secrets are expired, expire soon, are not yet active, disabled, have no
 * expiry or content type, or have not changed in a long time, and the list of them (each row names its vault).
 * Streams as vaults answer; a vault that fails shows its message above the others.
 */
export default function DashboardView({ vaults, warningDays, staleDays, onOpen }: Props) {
  const styles = useStyles();
  const list = useListStyles();
  const index = usePropertyIndex(vaults);
  const now = useNow();
  const classify = { now, warningDays, staleDays: staleDays ?? DEFAULT_STALE_DAYS };
  const [shown, setShown] = useState<Shown>('attention');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<CrossVaultSort>({ key: 'expiresOn', direction: 'ascending' });
  const filterRef = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  // The secrets a fix runs on are fixed when its dialog opens: the selection is cleared once it ran.
  const [fixing, setFixing] = useState<{ action: DashboardFix; items: IndexedSecret[] }>();

  // One pass over the index per page or clock tick: each secret's classes, and the counts.
  const { classed, counts } = useMemo(() => {
    const o = { now, warningDays, staleDays: staleDays ?? DEFAULT_STALE_DAYS };
    const counts = Object.fromEntries([...SECRET_CLASSES, 'attention'].map((c) => [c, 0])) as Record<
      Shown,
      number
    >;
    const classed = new Map<Shown, IndexedSecret[]>(
      [...SECRET_CLASSES, 'attention'].map((c) => [c as Shown, []]),
    );
    for (const s of index.items) {
      const classes = classifySecret(s, o);
      for (const c of classes) {
        counts[c] += 1;
        classed.get(c)?.push(s);
      }
      if (classes.some((c) => ATTENTION.includes(c))) {
        counts.attention += 1;
        classed.get('attention')?.push(s);
      }
    }
    return { classed, counts };
  }, [index.items, now, warningDays, staleDays]);

  const inClass = useMemo(() => classed.get(shown) ?? [], [classed, shown]);
  const filterIndex = useMemo(() => new CrossVaultIndex(inClass), [inClass]);
  const parsed = useMemo(() => parseCrossVaultQuery(query), [query]);
  const rows = useMemo(
    () => sortAcrossVaults(filterIndex.filter(parsed, now), sort),
    [filterIndex, parsed, now, sort],
  );

  const checkedItems = useMemo(
    () => index.items.filter((s) => checked.has(secretKey(s))),
    [index.items, checked],
  );
  const toggle = (s: IndexedSecret) =>
    setChecked((c) => {
      const next = new Set(c);
      const key = secretKey(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const answered = index.vaults.filter((v) => v.done).length;
  const failed = index.vaults.filter((v) => v.error);
  const label = (c: Shown) =>
    c === 'attention'
      ? 'Needs attention'
      : c === 'stale'
        ? `Unchanged ${classify.staleDays}+ days`
        : c === 'expiring'
          ? `Expires within ${warningDays} days`
          : SECRET_CLASS_LABELS[c];

  return (
    <section className={styles.root} aria-label="Dashboard">
      <div className={styles.head}>
        <h1 className={styles.title}>Dashboard</h1>
        <span className={styles.progress} role="status" aria-live="polite">
          {index.complete
            ? `${index.items.length} secrets in ${vaults.length} ${vaults.length === 1 ? 'vault' : 'vaults'}`
            : `Listing… ${answered} of ${vaults.length} vaults answered, ${index.items.length} secrets so far`}
        </span>
        {!index.complete && <Spinner size="tiny" aria-label="Listing vaults" />}
        <Button icon={<ArrowClockwise20Regular />} onClick={index.refresh}>
          Refresh
        </Button>
      </div>
      {(failed.length > 0 || index.error) && (
        <div className={styles.errors}>
          {index.error && <ErrorBanner error={index.error} />}
          {failed.map((v) => (
            <ErrorBanner
              key={v.vaultId}
              error={{ ...v.error!, message: `${v.vaultName}: ${v.error!.message}` }}
            />
          ))}
        </div>
      )}
      <div className={styles.classes} role="toolbar" aria-label="Classes">
        {(['attention', ...SECRET_CLASSES] as Shown[]).map((c) => (
          <ToggleButton
            key={c}
            size="small"
            checked={shown === c}
            appearance={shown === c ? 'primary' : 'secondary'}
            className={styles.classButton}
            onClick={() => setShown(c)}
            data-class={c}
          >
            <span>{label(c)}</span>
            <span className={mergeClasses(styles.count, counts[c] === 0 && shown !== c && styles.zero)}>
              {counts[c]}
            </span>
          </ToggleButton>
        ))}
      </div>
      <div className={list.toolbar}>
        <Input
          ref={filterRef}
          className={list.filter}
          type="search"
          aria-label="Filter the dashboard"
          contentBefore={<Filter20Regular />}
          placeholder="Filter: words, tag:env=prod, type=…, expires<30d, vault:NAME"
          value={query}
          onChange={(_, d) => setQuery(d.value)}
          onKeyDown={(event) => {
            // Down from the filter goes to the first row.
            if (event.key === 'ArrowDown' && rows.length > 0) {
              event.preventDefault();
              document
                .querySelector<HTMLElement>('[aria-label="Dashboard"] [role="row"][data-index="0"]')
                ?.focus();
            }
          }}
        />
      </div>
      {checkedItems.length > 0 && (
        <div className={list.bulkBar}>
          <span role="status" className={list.bulkCount}>
            {plural(checkedItems.length, 'secret')} selected
          </span>
          <Toolbar size="small" aria-label="Fix the selected secrets">
            {DASHBOARD_FIXES.map((fix) => (
              <ToolbarButton
                key={fix}
                icon={BULK_ICONS[fix]}
                onClick={() => setFixing({ action: fix, items: checkedItems })}
              >
                {BULK_LABELS[fix]}
              </ToolbarButton>
            ))}
          </Toolbar>
          <Button size="small" appearance="subtle" onClick={() => setChecked(new Set())}>
            Clear
          </Button>
        </div>
      )}
      {parsed.filter.hints.length > 0 && (
        <div className={list.hint}>Not used: {parsed.filter.hints.join('; ')}</div>
      )}
      <CrossVaultList
        label={`${label(shown)}: ${rows.length} secrets`}
        items={rows}
        sort={sort}
        onSort={(key) =>
          setSort((s) =>
            s.key === key
              ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
              : { key, direction: 'ascending' },
          )
        }
        classify={classify}
        onOpen={(s) => onOpen(s.vaultId, s.name)}
        checked={checked}
        onCheck={toggle}
      />
      {index.complete && rows.length === 0 && (
        <div className={list.empty}>
          {index.items.length === 0
            ? 'No secrets in the connected vaults.'
            : `Nothing here: no secret is in "${label(shown)}"${query ? ' that matches the filter' : ''}.`}
        </div>
      )}
      <div className={list.summary}>
        <span>
          {rows.length} of {counts[shown]} shown
        </span>
        {rows.length > 0 && (
          <Button
            size="small"
            appearance="transparent"
            onClick={() => setChecked(new Set([...checked, ...rows.map(secretKey)]))}
          >
            Select all {rows.length} shown
          </Button>
        )}
      </div>
      {fixing && (
        <DashboardBulkDialog
          action={fixing.action}
          items={fixing.items}
          onClose={() => setFixing(undefined)}
          onFinished={() => {
            setChecked(new Set());
            index.refresh();
          }}
        />
      )}
    </section>
  );
}
