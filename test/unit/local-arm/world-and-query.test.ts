import { describe, expect, it } from 'vitest';
import { ArmError } from '../../../electron/local-arm/errors';
import { parseOrReject, parseQuery, runQuery } from '../../../electron/local-arm/resource-graph';
import { route, scopeCovers } from '../../../electron/local-arm/routes';
import { graphRow } from '../../../electron/local-arm/shapes';
import { buildWorld } from '../../../electron/local-arm/world';

describe('buildWorld', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = buildWorld({ seed: 7 });
    expect(buildWorld({ seed: 7 })).toEqual(a);
    expect(buildWorld({ seed: 8 }).tenants[0]!.tenantId).not.toBe(a.tenants[0]!.tenantId);
  });

  it('has 3 x 5 x 40 vaults by default, with the documented mix, unique names and deleted vaults', () => {
    const w = buildWorld();
    expect(w.tenants).toHaveLength(3);
    expect(w.subscriptions).toHaveLength(15);
    expect(w.vaults).toHaveLength(600);
    expect(new Set(w.vaults.map((v) => v.name)).size).toBe(600);
    expect(w.vaults.every((v) => /^[a-z0-9-]{3,24}$/.test(v.name))).toBe(true);
    expect(w.deletedVaults).toHaveLength(30);
    const first = w.vaults.filter((v) => v.subscriptionId === w.subscriptions[0]!.subscriptionId);
    expect(first.filter((v) => v.enableRbacAuthorization)).toHaveLength(14);
    expect(first.filter((v) => v.publicNetworkAccess === 'Disabled')).toHaveLength(5);
    expect(first.filter((v) => v.privateEndpointConnections.length > 0)).toHaveLength(5);
    expect(first.filter((v) => v.networkAcls?.ipRules.length)).toHaveLength(7);
    const d = w.deletedVaults[0]!;
    expect(Date.parse(d.scheduledPurgeDate) - Date.parse(d.deletionDate)).toBe(90 * 86_400_000);
  });

  it('adds empty tenants, uses given tenant ids and per-subscription counts', () => {
    const w = buildWorld({
      tenants: 1,
      emptyTenants: 2,
      tenantIds: ['c0ffee00-0000-4000-8000-000000000001'],
      subscriptionsPerTenant: 2,
      vaultsPerSubscription: [3, 0],
    });
    expect(w.tenants.map((t) => t.tenantId)[0]).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(w.tenants).toHaveLength(3);
    expect(w.subscriptions.every((s) => s.tenantId === w.tenants[0]!.tenantId)).toBe(true);
    expect(w.vaults).toHaveLength(3);
  });
});

describe('Resource Graph KQL subset', () => {
  const rows = buildWorld({ tenants: 1, subscriptionsPerTenant: 1, vaultsPerSubscription: 10 }).vaults.map(
    graphRow,
  );

  it('projects paths with aliases and default column names, orders (desc by default) and limits', () => {
    const q = parseQuery(
      "resources | where type =~ 'Microsoft.KeyVault/vaults' | project name, uri = properties.vaultUri, properties.sku.name | order by name | limit 3",
    );
    const out = runQuery(q, rows);
    expect(out).toHaveLength(3);
    expect(Object.keys(out[0]!)).toEqual(['name', 'uri', 'properties_sku_name']);
    const names = rows
      .map((r) => r.name as string)
      .sort()
      .reverse();
    expect(out.map((r) => r.name)).toEqual(names.slice(0, 3));
  });

  it('filters on properties and strings, case-insensitively with =~', () => {
    const rbac = runQuery(
      parseQuery("where type == 'microsoft.keyvault/vaults' and properties.enableRbacAuthorization == true"),
      rows,
    );
    expect(rbac).toHaveLength(4);
    const loc = rows[0]!.location as string;
    const byLoc = runQuery(
      parseQuery(
        `Resources | where type =~ 'microsoft.keyvault/vaults' | where location =~ '${loc.toUpperCase()}'`,
      ),
      rows,
    );
    expect(byLoc.every((r) => r.location === loc)).toBe(true);
    // == is case-sensitive, and Resource Graph stores the type lower-cased.
    expect(
      parseOrReject("resources | where type == 'Microsoft.KeyVault/vaults'", 'c', new Date(0)),
    ).toBeInstanceOf(ArmError);
  });

  it("answers unsupported queries with Resource Graph's BadRequest, InvalidQuery and ParserFailure at the token", () => {
    const e = parseOrReject(
      "resources | where type =~ 'microsoft.keyvault/vaults' | summarize count()",
      'corr-1',
      new Date(Date.UTC(2026, 11, 3)),
    );
    expect(e).toBeInstanceOf(ArmError);
    expect((e as ArmError).toBody()).toEqual({
      error: {
        code: 'BadRequest',
        message:
          'Please provide below info when asking for support: timestamp = 2026-12-03T00:00:00.000Z, correlationId = corr-1.',
        details: [
          {
            code: 'InvalidQuery',
            message:
              'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
          },
          {
            code: 'ParserFailure',
            message: 'ParserFailure',
            line: 1,
            characterPositionInLine: 56,
            token: 'summarize',
          },
        ],
      },
    });
    for (const bad of [
      "resources | where type =~ 'microsoft.keyvault/vaults",
      'resources',
      'resources | take x',
    ]) {
      expect(parseOrReject(bad, 'c', new Date(0))).toBeInstanceOf(ArmError);
    }
  });
});

describe('routes', () => {
  it('routes ARM paths case-insensitively, and authorization scopes at any level', () => {
    expect(
      route('GET', '/SUBSCRIPTIONS/abc/resourcegroups/rg/providers/microsoft.keyvault/Vaults/kv'),
    ).toMatchObject({
      operation: { op: 'vault', sub: 'abc', rg: 'rg', name: 'kv' },
    });
    expect(route('GET', '/providers/Microsoft.Authorization/roleDefinitions/g')).toMatchObject({
      operation: { op: 'roleDefinition', scope: '', guid: 'g' },
    });
    expect(
      route(
        'GET',
        '/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v/providers/Microsoft.Authorization/roleAssignments',
      ),
    ).toMatchObject({
      operation: {
        op: 'roleAssignments',
        scope: '/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v',
      },
    });
    expect(route('DELETE', '/subscriptions/s')).toBeInstanceOf(ArmError);
    expect(route('GET', '/subscriptions/%E0%A4%A')).toBeInstanceOf(ArmError);
    expect(route('GET', '/subscriptions/s/providers/Microsoft.Compute/virtualMachines')).toBeInstanceOf(
      ArmError,
    );
  });

  it('compares scopes segment-wise', () => {
    expect(scopeCovers('', '/subscriptions/a')).toBe(true);
    expect(scopeCovers('/subscriptions/a', '/subscriptions/A/resourceGroups/x')).toBe(true);
    expect(scopeCovers('/subscriptions/a', '/subscriptions/ab')).toBe(false);
  });
});
