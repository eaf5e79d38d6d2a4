import { describe, expect, it } from 'vitest';
import type { DiscoveredVault, DiscoveryPage } from '../../../../electron/contract';
import {
  applyPage,
  EMPTY_DISCOVERY,
  filterRows,
  newBrowse,
  rowsOf,
  type DiscoveryState,
} from './discovery-store';

const vault = (name: string, over: Partial<DiscoveredVault> = {}): DiscoveredVault => ({
  id: `/subscriptions/s1/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/${name}`,
  name,
  resourceGroup: 'rg-app',
  subscriptionId: 's1',
  tenantId: 't1',
  location: 'westeurope',
  sku: 'standard',
  vaultUri: `https://${name}.vault.azure.net/`,
  purgeProtection: false,
  permissionModel: 'rbac',
  firewallDenyByDefault: false,
  privateEndpoints: 0,
  ...over,
});

const started = (browseId: string, tenantId?: string): DiscoveryState => ({
  ...EMPTY_DISCOVERY,
  browses: new Map([[tenantId ?? '', newBrowse(browseId, tenantId)]]),
});
const page = (p: Partial<DiscoveryPage>): DiscoveryPage => ({ browseId: 'b1', done: false, ...p });

describe('discovery store', () => {
  it('applies pages as they arrive: tenants, subscriptions, vaults once each, errors per subscription, done', () => {
    let s = started('b1');
    s = applyPage(s, page({ tenantId: 't1', tenants: [{ tenantId: 't1', displayName: 'Contoso' }] }));
    s = applyPage(
      s,
      page({ subscriptions: [{ subscriptionId: 's1', displayName: 'Prod', tenantId: 't1' }] }),
    );
    s = applyPage(s, page({ source: 'resource-graph', vaults: [vault('kv-a'), vault('kv-b')] }));
    // A vault announced again (a retried page) stays one row; ids are case-insensitive in ARM.
    s = applyPage(s, page({ vaults: [vault('kv-a', { id: vault('kv-a').id.toUpperCase() })] }));
    s = applyPage(s, page({ error: { subscriptionId: 's2', error: { kind: 'forbidden', message: 'no' } } }));
    s = applyPage(
      s,
      page({ error: { subscriptionId: 's2', deleted: true, error: { kind: 'forbidden', message: 'no' } } }),
    );
    s = applyPage(s, page({ completed: { subscriptionIds: ['s1'] }, done: true }));
    const b = s.browses.get('t1')!;
    expect(s.browses.has('')).toBe(false); // filed under its tenant once a page named it
    expect(b.vaults.size).toBe(2);
    expect([...b.errors.keys()]).toEqual(['s2']);
    expect([...b.deletedErrors.keys()]).toEqual(['s2']);
    expect(b.completed).toEqual(new Set(['s1']));
    expect(b).toMatchObject({ done: true, source: 'resource-graph' });
    expect(rowsOf(s).map((r) => [r.vault.name, r.subscriptionName])).toEqual([
      ['kv-a', 'Prod'],
      ['kv-b', 'Prod'],
    ]);
    // Pages of a browse no longer shown change nothing.
    expect(applyPage(s, page({ browseId: 'other', vaults: [vault('kv-z')] }))).toBe(s);
  });

  it('filters on every word across name, group, subscription, location and model', () => {
    let s = started('b1', 't1');
    s = applyPage(
      s,
      page({ subscriptions: [{ subscriptionId: 's1', displayName: 'Payments prod', tenantId: 't1' }] }),
    );
    s = applyPage(
      s,
      page({
        vaults: [
          vault('kv-orders'),
          vault('kv-billing', { location: 'eastus', permissionModel: 'access-policy' }),
          vault('kv-search', { resourceGroup: 'rg-data' }),
        ],
      }),
    );
    const names = (q: string) => filterRows(rowsOf(s), q).map((r) => r.vault.name);
    expect(names('')).toEqual(['kv-billing', 'kv-orders', 'kv-search']);
    expect(names('EASTUS')).toEqual(['kv-billing']);
    expect(names('payments rg-data')).toEqual(['kv-search']);
    expect(names('access policy')).toEqual(['kv-billing']);
    expect(names('westeurope orders')).toEqual(['kv-orders']);
    expect(names('nothing-like-this')).toEqual([]);
  });
});
