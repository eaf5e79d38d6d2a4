import {
  Badge,
  Button,
  Checkbox,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  shorthands,
  Skeleton,
  SkeletonItem,
  Spinner,
  Tab,
  TabList,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  ArrowClockwise20Regular,
  Filter20Regular,
  LockShield20Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { DiscoveredVault, KluisError, VaultConfig } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { plural } from '../bulk/bulk-words';
import { BrowseSignIn } from './BrowseSignIn';
import { filterRows, rowsOf, type VaultRow } from './discovery-store';
import { DeletedVaultsSection } from './DeletedVaultsSection';
import { useDiscovery } from './use-discovery';

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
  body: { overflowY: 'auto', minHeight: 0, flexGrow: 1, ...shorthands.padding(0, tokens.spacingHorizontalM) },
  signIn: { ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM) },
  lead: { color: tokens.colorNeutralForeground2, marginTop: 0, maxWidth: '640px' },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
  },
  filter: { flexGrow: 1, maxWidth: '480px' },
  errors: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalS,
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
    position: 'sticky',
    top: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    zIndex: 1,
  },
  td: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ...shorthands.padding('2px', tokens.spacingHorizontalS),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '240px',
  },
  row: { ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover } },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  name: { fontWeight: tokens.fontWeightSemibold },
  blocked: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
  },
  dim: { color: tokens.colorNeutralForeground3 },
  inline: { display: 'inline-flex', alignItems: 'center', gap: '4px', verticalAlign: 'middle' },
  skeletonRow: {
    display: 'grid',
    gridTemplateColumns: '24px 2fr 2fr 1fr 1fr',
    gap: tokens.spacingHorizontalM,
    marginBottom: '8px',
  },
  tenants: { ...shorthands.padding(0, tokens.spacingHorizontalM) },
});

interface Props {
  /** The vaults already listed: found ones among them say so, and their sign-ins can be borrowed. */
  vaults: readonly VaultConfig[];
  /** Vaults were added: the shell shows them. */
  onAdded: () => void;
  /** The manual path, for vaults the account cannot list (data-plane access without ARM read). */
  onAddByName: () => void;
}

const modelLabel = (v: DiscoveredVault) => (v.permissionModel === 'rbac' ? 'Azure RBAC' : 'Access policies');

function networkLabel(v: DiscoveredVault): string {
  if ((v.publicNetworkAccess ?? '').toLowerCase() === 'disabled') return 'Private only';
  const pe = v.privateEndpoints > 0 ? ` + ${plural(v.privateEndpoints, 'private endpoint')}` : '';
  return `${v.firewallDenyByDefault ? 'Firewall' : 'Public'}${pe}`;
}

/**
 * Browse vaults: sign in once, then the tenants the account can use, the subscriptions of the chosen tenant and
 * every key vault in them, streaming in (skeleton rows until the first answer). Filter across every tenant
 * browsed, tick vaults and add them in one click; they keep the sign-in that found them. Vaults the account can
 * list but likely not open are marked, not hidden; deleted vaults have their own read-only section.
 */
export default function DiscoveryView({ vaults, onAdded, onAddByName }: Props) {
  const styles = useStyles();
  const d = useDiscovery();
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<KluisError>();
  const rows = useMemo(() => rowsOf(d.state), [d.state]);
  const shownTenant = d.currentTenant;
  // Without a filter: the chosen tenant's vaults; a filter searches every tenant browsed (with its tenant named).
  const shown = useMemo(
    () =>
      query.trim()
        ? filterRows(rows, query)
        : rows.filter((r) => !shownTenant || r.vault.tenantId === shownTenant),
    [rows, query, shownTenant],
  );
  const acrossTenants = query.trim() !== '' && d.state.browses.size > 1;
  const tenantName = (id: string) => {
    const t = d.state.tenants.find((x) => x.tenantId === id);
    return t?.displayName ?? t?.defaultDomain ?? id;
  };
  const listed = useMemo(
    () => new Set(vaults.filter((v) => v.kind === 'azure').map((v) => v.url.toLowerCase())),
    [vaults],
  );
  const b = d.currentBrowse;
  const subscriptionCount = b?.subscriptions?.length;
  const waiting = b !== undefined && b.vaults.size === 0 && !b.done;
  const pickedRows = rows.filter((r) => picked.has(r.key));

  const toggle = (key: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const allShownPicked = shown.length > 0 && shown.every((r) => picked.has(r.key) || !r.vault.vaultUri);

  const add = async () => {
    if (!d.how || pickedRows.length === 0) return;
    setAdding(true);
    setAddError(undefined);
    for (const r of pickedRows) {
      if (!r.vault.vaultUri) continue;
      const result = await kluis().vaults.add({
        vault: r.vault.vaultUri,
        displayName: r.vault.name,
        auth: d.how.auth,
        discovered: { browseId: r.browseId },
      });
      if (!result.ok) {
        setAdding(false);
        setAddError(result.error);
        return;
      }
    }
    setAdding(false);
    setPicked(new Set());
    onAdded();
  };

  if (!d.how) {
    return (
      <main className={styles.root} aria-label="Browse vaults">
        <div className={styles.head}>
          <h1 className={styles.title}>Browse vaults</h1>
        </div>
        <div className={styles.signIn}>
          <p className={styles.lead}>
            Sign in once to list the tenants, subscriptions and key vaults your account can see in Azure
            Resource Manager. Kluis only reads; nothing in Azure changes.
          </p>
          {d.startError && <ErrorBanner error={d.startError} />}
          <BrowseSignIn vaults={vaults} onBrowse={(how) => void d.browse(how)} />
          <p className={styles.lead}>
            Can’t list a vault you can open?{' '}
            <Button appearance="transparent" size="small" onClick={onAddByName}>
              Add it by name or URL
            </Button>
          </p>
        </div>
      </main>
    );
  }

  const browseError = b?.errors.get('');
  const subscriptionErrors = [...(b?.errors ?? [])].filter(([id]) => id !== '');
  const nameOf = (id: string) => b?.subscriptions?.find((s) => s.subscriptionId === id)?.displayName ?? id;

  return (
    <main className={styles.root} aria-label="Browse vaults">
      <div className={styles.head}>
        <h1 className={styles.title}>Browse vaults</h1>
        <span className={styles.progress} role="status" aria-live="polite">
          {b && !b.done ? <Spinner size="extra-tiny" as="span" /> : null} {plural(rows.length, 'vault')}
          {subscriptionCount !== undefined ? ` in ${plural(subscriptionCount, 'subscription')}` : ''}
          {b && !b.done ? ' · listing…' : ''}
          {b?.source === 'per-subscription' ? ' · per subscription (Resource Graph not allowed)' : ''}
        </span>
        <Button
          appearance="subtle"
          icon={<ArrowClockwise20Regular />}
          onClick={() => d.how && void d.browse(d.how, d.currentTenant)}
        >
          Refresh
        </Button>
        <Button appearance="subtle" onClick={d.reset}>
          Sign in differently
        </Button>
      </div>
      {d.state.tenants.length > 0 && (
        <TabList
          className={styles.tenants}
          aria-label="Tenants"
          selectedValue={d.currentTenant ?? ''}
          onTabSelect={(_, data) => {
            const tenantId = String(data.value);
            if (d.how && tenantId !== d.currentTenant) void d.browse(d.how, tenantId);
          }}
        >
          {d.state.tenants.map((t) => (
            <Tab key={t.tenantId} value={t.tenantId}>
              {t.displayName ?? t.defaultDomain ?? t.tenantId}
            </Tab>
          ))}
        </TabList>
      )}
      <div className={styles.toolbar}>
        <Input
          className={styles.filter}
          contentBefore={<Filter20Regular />}
          placeholder="Filter by name, subscription, resource group, location…"
          aria-label="Filter vaults"
          value={query}
          onChange={(_, data) => setQuery(data.value)}
        />
        <Button appearance="primary" disabled={pickedRows.length === 0 || adding} onClick={() => void add()}>
          {pickedRows.length === 0 ? 'Add vaults' : `Add ${plural(pickedRows.length, 'vault')}`}
        </Button>
        {adding && <Spinner size="tiny" label="Adding…" />}
        <Button appearance="subtle" onClick={onAddByName}>
          Add by name or URL
        </Button>
      </div>
      <div className={styles.body}>
        <div className={styles.errors}>
          {d.startError && <ErrorBanner error={d.startError} />}
          {addError && <ErrorBanner error={addError} />}
          {browseError && (
            <ErrorBanner error={browseError} onRetry={() => d.how && void d.browse(d.how, d.currentTenant)} />
          )}
          {subscriptionErrors.map(([id, error]) => (
            <MessageBar key={id} intent="warning" layout="multiline" data-subscription-error={id}>
              <MessageBarBody>
                <MessageBarTitle>{nameOf(id)}</MessageBarTitle>
                {error.message}
              </MessageBarBody>
            </MessageBar>
          ))}
        </div>
        {waiting ? (
          <Skeleton aria-label="Listing vaults" data-testid="discovery-skeleton">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className={styles.skeletonRow}>
                <SkeletonItem shape="square" size={16} />
                <SkeletonItem size={16} />
                <SkeletonItem size={16} />
                <SkeletonItem size={16} />
                <SkeletonItem size={16} />
              </div>
            ))}
          </Skeleton>
        ) : (
          <table className={styles.table} aria-label="Vaults found">
            <thead>
              <tr>
                <th className={styles.th} style={{ width: 32 }}>
                  <Checkbox
                    aria-label="Select every vault shown"
                    checked={allShownPicked}
                    onChange={(_, data) =>
                      setPicked((p) => {
                        const next = new Set(p);
                        for (const r of shown)
                          if (r.vault.vaultUri) {
                            if (data.checked) next.add(r.key);
                            else next.delete(r.key);
                          }
                        return next;
                      })
                    }
                  />
                </th>
                <th className={styles.th}>Name</th>
                {acrossTenants && <th className={styles.th}>Tenant</th>}
                <th className={styles.th}>Subscription</th>
                <th className={styles.th}>Resource group</th>
                <th className={styles.th}>Location</th>
                <th className={styles.th}>SKU</th>
                <th className={styles.th}>Permissions</th>
                <th className={styles.th}>Network</th>
                <th className={styles.th}>Soft delete</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <VaultTableRow
                  key={r.key}
                  row={r}
                  picked={picked.has(r.key)}
                  alreadyListed={listed.has((r.vault.vaultUri ?? '').toLowerCase())}
                  onToggle={() => toggle(r.key)}
                  styles={styles}
                  {...(acrossTenants ? { tenant: tenantName(r.vault.tenantId) } : {})}
                />
              ))}
            </tbody>
          </table>
        )}
        {!waiting && b?.done && rows.length === 0 && !browseError && (
          <p className={styles.dim}>No key vaults in the subscriptions of this tenant.</p>
        )}
        {!waiting && rows.length > 0 && shown.length === 0 && (
          <p className={styles.dim}>No vault matches “{query}”.</p>
        )}
        {b && <DeletedVaultsSection browse={b} subscriptionName={nameOf} />}
      </div>
    </main>
  );
}

function VaultTableRow({
  row,
  picked,
  alreadyListed,
  onToggle,
  styles,
  tenant,
}: {
  tenant?: string;
  row: VaultRow;
  picked: boolean;
  alreadyListed: boolean;
  onToggle: () => void;
  styles: ReturnType<typeof useStyles>;
}) {
  const v = row.vault;
  return (
    <tr className={`${styles.row} ${picked ? styles.selected : ''}`} data-vault-name={v.name}>
      <td className={styles.td}>
        <Checkbox
          aria-label={`Select ${v.name}`}
          checked={picked}
          disabled={!v.vaultUri}
          onChange={onToggle}
        />
      </td>
      <td className={styles.td}>
        <span className={styles.inline}>
          <span className={styles.name}>{v.name}</span>
          {alreadyListed && (
            <Badge appearance="tint" size="small">
              added
            </Badge>
          )}
          {v.notOpenable && (
            <Tooltip content={v.notOpenable.message} relationship="description">
              <span className={styles.blocked} data-not-openable={v.notOpenable.reason} tabIndex={0}>
                <Warning16Filled aria-hidden />
                {v.notOpenable.reason === 'private-network-only'
                  ? 'private network only'
                  : 'no access for you'}
              </span>
            </Tooltip>
          )}
        </span>
      </td>
      {tenant !== undefined && <td className={styles.td}>{tenant}</td>}
      <td className={styles.td} title={v.subscriptionId}>
        {row.subscriptionName}
      </td>
      <td className={styles.td}>{v.resourceGroup}</td>
      <td className={styles.td}>{v.location}</td>
      <td className={styles.td}>{v.sku ?? '—'}</td>
      <td className={styles.td}>{modelLabel(v)}</td>
      <td className={styles.td}>{networkLabel(v)}</td>
      <td className={styles.td}>
        <span className={styles.inline}>
          {v.softDeleteRetentionDays !== undefined ? `${v.softDeleteRetentionDays} d` : 'off'}
          {v.purgeProtection && (
            <Tooltip
              content="Purge protection: deleted secrets cannot be purged early"
              relationship="description"
            >
              <LockShield20Regular aria-label="purge protection" />
            </Tooltip>
          )}
        </span>
      </td>
    </tr>
  );
}
