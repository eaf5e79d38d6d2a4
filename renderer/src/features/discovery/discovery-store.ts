import type {
  DeletedVault,
  DiscoveredSubscription,
  DiscoveredTenant,
  DiscoveredVault,
  DiscoveryPage,
  KluisError,
} from '../../../../electron/contract';

/** One browse (one tenant) as its pages built it. */
export interface BrowseState {
  browseId: string;
  tenantId?: string;
  subscriptions?: DiscoveredSubscription[];
  /** By ARM id: a vault listed twice (Resource Graph and a retry) is one row. */
  vaults: Map<string, DiscoveredVault>;
  deleted: Map<string, DeletedVault>;
  /** Subscriptions whose vaults are all in. */
  completed: Set<string>;
  /** Per subscription (vaults and deleted vaults apart), or for the browse as a whole (key ''). */
  errors: Map<string, KluisError>;
  deletedErrors: Map<string, KluisError>;
  source?: DiscoveryPage['source'];
  done: boolean;
}

export interface DiscoveryState {
  tenants: DiscoveredTenant[];
  /** Every browse of this session, by tenant ('' before the tenant is known): vaults found stay filterable. */
  browses: Map<string, BrowseState>;
}

export const EMPTY_DISCOVERY: DiscoveryState = { tenants: [], browses: new Map() };

export function newBrowse(browseId: string, tenantId?: string): BrowseState {
  return {
    browseId,
    ...(tenantId ? { tenantId } : {}),
    vaults: new Map(),
    deleted: new Map(),
    completed: new Set(),
    errors: new Map(),
    deletedErrors: new Map(),
    done: false,
  };
}

/** Applies one page to its browse (pages of browses not in the state are ignored: a cancelled or replaced one). */
export function applyPage(state: DiscoveryState, page: DiscoveryPage): DiscoveryState {
  const current = [...state.browses.values()].find((b) => b.browseId === page.browseId);
  if (!current) return state;
  const b: BrowseState = {
    ...current,
    vaults: page.vaults ? new Map(current.vaults) : current.vaults,
    deleted: page.deletedVaults ? new Map(current.deleted) : current.deleted,
    completed: page.completed ? new Set(current.completed) : current.completed,
    errors: page.error && !page.error.deleted ? new Map(current.errors) : current.errors,
    deletedErrors: page.error?.deleted ? new Map(current.deletedErrors) : current.deletedErrors,
  };
  if (page.tenantId) b.tenantId = page.tenantId;
  if (page.subscriptions) b.subscriptions = page.subscriptions;
  for (const v of page.vaults ?? []) b.vaults.set(v.id.toLowerCase(), v);
  for (const v of page.deletedVaults ?? []) b.deleted.set(v.id.toLowerCase(), v);
  if (page.completed && !page.completed.deleted)
    for (const id of page.completed.subscriptionIds) b.completed.add(id);
  if (page.source) b.source = page.source;
  if (page.error) {
    const key = page.error.subscriptionId ?? '';
    (page.error.deleted ? b.deletedErrors : b.errors).set(key, page.error.error);
  }
  if (page.done) b.done = true;
  const browses = new Map(state.browses);
  // A browse started before its tenant was known is filed under it once a page names it.
  for (const [key, value] of browses) if (value.browseId === b.browseId) browses.delete(key);
  browses.set(b.tenantId ?? '', b);
  const tenants = page.tenants ? mergeTenants(state.tenants, page.tenants) : state.tenants;
  return { tenants, browses };
}

function mergeTenants(known: DiscoveredTenant[], found: DiscoveredTenant[]): DiscoveredTenant[] {
  const out = new Map(known.map((t) => [t.tenantId, t]));
  for (const t of found) out.set(t.tenantId, t);
  return [...out.values()];
}

/** A found vault and where it was found, for the one table of every tenant browsed. */
export interface VaultRow {
  key: string;
  vault: DiscoveredVault;
  subscriptionName: string;
  browseId: string;
}

export function rowsOf(state: DiscoveryState): VaultRow[] {
  const rows: VaultRow[] = [];
  for (const b of state.browses.values()) {
    const names = new Map((b.subscriptions ?? []).map((s) => [s.subscriptionId, s.displayName]));
    for (const [key, vault] of b.vaults)
      rows.push({
        key,
        vault,
        subscriptionName: names.get(vault.subscriptionId) ?? vault.subscriptionId,
        browseId: b.browseId,
      });
  }
  return rows.sort((a, b) => a.vault.name.localeCompare(b.vault.name) || a.key.localeCompare(b.key));
}

/**
 * The filter: every word must appear in the vault's name, resource group, subscription, location, SKU, model or
 * tenant (case-insensitive), so "prod westeurope" narrows to production vaults in West Europe.
 */
export function filterRows(rows: VaultRow[], query: string): VaultRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    const v = r.vault;
    const text = [
      v.name,
      v.resourceGroup,
      r.subscriptionName,
      v.subscriptionId,
      v.location,
      v.sku ?? '',
      v.permissionModel === 'rbac' ? 'rbac' : 'access policy',
      v.tenantId,
      v.notOpenable ? 'not openable blocked' : '',
    ]
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
