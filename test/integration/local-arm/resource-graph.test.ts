import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalArm, type RunningLocalArm } from '../../../electron/local-arm/index';
import { armClients, fixedCredential } from '../../support/arm-clients';

const VAULTS_QUERY =
  "resources | where type =~ 'microsoft.keyvault/vaults' | project id, name, resourceGroup, subscriptionId, location, " +
  'tenantId, sku = properties.sku.name, vaultUri = properties.vaultUri, ' +
  'enableRbacAuthorization = properties.enableRbacAuthorization, ' +
  'softDeleteRetentionInDays = properties.softDeleteRetentionInDays, ' +
  'enablePurgeProtection = properties.enablePurgeProtection, publicNetworkAccess = properties.publicNetworkAccess, ' +
  'privateEndpointConnections = properties.privateEndpointConnections | order by name asc';

/** 2,000 vaults over 50 subscriptions in one tenant, read through ResourceGraphClient.resources with $skipToken. */
describe('local ARM stand-in: Resource Graph', () => {
  let arm: RunningLocalArm;
  let clients: ReturnType<typeof armClients>;

  beforeAll(async () => {
    arm = await startLocalArm({
      world: { tenants: 1, subscriptionsPerTenant: 50, vaultsPerSubscription: 40 },
    });
    clients = armClients(arm, fixedCredential(arm.token!));
  });
  afterAll(() => arm.close());

  it('pages 2,000 vaults with $skipToken, 1,000 per page by default', async () => {
    const first = await clients.graph.resources({ query: VAULTS_QUERY });
    // A pageable rest is announced by $skipToken; resultTruncated stays "false" (it is "true" only without a token).
    expect(first).toMatchObject({ totalRecords: 2000, count: 1000, resultTruncated: 'false' });
    expect(first.skipToken).toEqual(expect.any(String));
    const second = await clients.graph.resources({
      query: VAULTS_QUERY,
      options: { skipToken: first.skipToken },
    });
    expect(second).toMatchObject({ totalRecords: 2000, count: 1000, resultTruncated: 'false' });
    expect(second.skipToken).toBeUndefined();
    const names = [
      ...(first.data as Array<{ name: string }>),
      ...(second.data as Array<{ name: string }>),
    ].map((r) => r.name);
    expect(new Set(names).size).toBe(2000);
    expect(names).toEqual([...arm.world.vaults.map((v) => v.name)].sort());
    const row = (first.data as Array<Record<string, unknown>>)[0]!;
    const v = arm.world.vaults.find((x) => x.name === row.name)!;
    expect(row).toEqual({
      id: `/subscriptions/${v.subscriptionId}/resourceGroups/${v.resourceGroup}/providers/Microsoft.KeyVault/vaults/${v.name}`,
      name: v.name,
      resourceGroup: v.resourceGroup.toLowerCase(),
      subscriptionId: v.subscriptionId,
      location: v.location,
      tenantId: v.tenantId,
      sku: v.sku,
      vaultUri: v.vaultUri,
      enableRbacAuthorization: v.legacy ? null : v.enableRbacAuthorization,
      softDeleteRetentionInDays: v.legacy ? null : v.softDeleteRetentionInDays,
      enablePurgeProtection: v.enablePurgeProtection ? true : null,
      publicNetworkAccess: v.publicNetworkAccess,
      privateEndpointConnections: v.privateEndpointConnections.length > 0 ? expect.any(Array) : null,
    });
  });

  it('honours $top, the subscriptions filter and the table format', async () => {
    const subs = arm.world.subscriptions.slice(0, 3).map((s) => s.subscriptionId);
    let token: string | undefined;
    const names: string[] = [];
    let pages = 0;
    do {
      const page = await clients.graph.resources({
        query: VAULTS_QUERY,
        subscriptions: subs,
        options: { top: 50, ...(token ? { skipToken: token } : {}) },
      });
      expect(page.totalRecords).toBe(120);
      names.push(...(page.data as Array<{ name: string }>).map((r) => r.name));
      token = page.skipToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toHaveLength(120);

    const table = await clients.graph.resources({
      query:
        "resources | where type =~ 'microsoft.keyvault/vaults' | project name, location | order by name desc",
      options: { resultFormat: 'table', top: 2 },
    });
    expect(table.data).toMatchObject({
      columns: [
        { name: 'name', type: 'string' },
        { name: 'location', type: 'string' },
      ],
    });
    expect((table.data as { rows: string[][] }).rows[0]![0]).toBe(
      [...arm.world.vaults.map((v) => v.name)].sort().at(-1),
    );
  });

  it('gives no $skipToken, and resultTruncated "true", to a query that limits itself or has only dynamic columns', async () => {
    const limited = await clients.graph.resources({
      query: "resources | where type =~ 'microsoft.keyvault/vaults' | project name | limit 1500",
    });
    expect(limited).toMatchObject({ totalRecords: 1500, count: 1000, resultTruncated: 'true' });
    expect(limited.skipToken).toBeUndefined();
    const dynamicOnly = await clients.graph.resources({
      query: "resources | where type =~ 'microsoft.keyvault/vaults' | project properties, tags",
    });
    expect(dynamicOnly).toMatchObject({ totalRecords: 2000, count: 1000, resultTruncated: 'true' });
    expect(dynamicOnly.skipToken).toBeUndefined();
  });

  it('filters with where on properties', async () => {
    const r = await clients.graph.resources({
      query:
        "Resources | where type =~ 'Microsoft.KeyVault/vaults' and properties.enableRbacAuthorization == true | project name",
    });
    expect(r.totalRecords).toBe(arm.world.vaults.filter((v) => v.enableRbacAuthorization).length);
  });

  it("answers a query outside its subset with Resource Graph's BadRequest / InvalidQuery", async () => {
    for (const query of [
      'resources | summarize count() by location',
      "resources | where type =~ 'microsoft.compute/virtualmachines'",
    ]) {
      const e = await clients.graph.resources({ query }).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(RestError);
      const err = e as RestError & {
        details?: { error?: { code?: string; details?: Array<{ code?: string }> } };
      };
      expect(err.statusCode).toBe(400);
      expect(err.code).toBe('BadRequest');
      expect(err.details?.error?.details?.map((d) => d.code)).toEqual(['InvalidQuery', 'ParserFailure']);
    }
  });
});
