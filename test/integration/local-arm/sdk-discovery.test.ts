import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalArm, vaultId, type RunningLocalArm } from '../../../electron/local-arm/index';
import { all, armClients, fixedCredential, ARM_SCOPE } from '../../support/arm-clients';

/** The real management SDKs against the stand-in in token mode: tenants, subscriptions, vaults, deleted vaults. */
describe('local ARM stand-in: discovery with the management SDKs', () => {
  let arm: RunningLocalArm;
  let clients: ReturnType<typeof armClients>;
  let credential: ReturnType<typeof fixedCredential>;

  beforeAll(async () => {
    arm = await startLocalArm({
      world: { tenants: 3, subscriptionsPerTenant: 5, vaultsPerSubscription: 40 },
    });
    credential = fixedCredential(arm.token!);
    clients = armClients(arm, credential);
  });
  afterAll(() => arm.close());

  it('lists every tenant of the account', async () => {
    const tenants = await all(clients.subscriptions.tenants.list());
    expect(tenants.map((t) => t.tenantId)).toEqual(arm.world.tenants.map((t) => t.tenantId));
    expect(tenants[0]).toMatchObject({
      id: `/tenants/${arm.world.tenants[0]!.tenantId}`,
      displayName: 'Contoso 1',
      defaultDomain: 'contoso1.onmicrosoft.com',
      tenantCategory: 'Home',
    });
    expect(credential.scopes.every((s) => s[0] === ARM_SCOPE)).toBe(true);
  });

  it("lists the token tenant's subscriptions and gets one", async () => {
    const subs = await all(clients.subscriptions.subscriptions.list());
    const home = arm.world.tenants[0]!.tenantId;
    expect(subs).toHaveLength(5);
    expect(subs.every((s) => s.tenantId === home && s.state === 'Enabled')).toBe(true);
    const one = await clients.subscriptions.subscriptions.get(subs[2]!.subscriptionId!);
    expect(one).toMatchObject({ subscriptionId: subs[2]!.subscriptionId, displayName: subs[2]!.displayName });
  });

  it('follows nextLink across vault pages (listBySubscription, $top, listByResourceGroup, list)', async () => {
    const sub = arm.world.subscriptions[0]!;
    const expected = arm.world.vaults.filter((v) => v.subscriptionId === sub.subscriptionId);
    const before = arm.requests.length;
    const vaults = await all(clients.keyVault(sub.subscriptionId).vaults.listBySubscription());
    expect(vaults.map((v) => v.name)).toEqual(expected.map((v) => v.name));
    // 40 vaults at the default 25 per page: two requests, the second following nextLink.
    const listed = arm.requests.slice(before).filter((r) => r.path.endsWith('/Microsoft.KeyVault/vaults'));
    expect(listed).toHaveLength(2);

    const top7 = await all(clients.keyVault(sub.subscriptionId).vaults.listBySubscription({ top: 7 }));
    expect(top7).toHaveLength(40);

    const rg = sub.resourceGroups[1]!;
    const inRg = await all(clients.keyVault(sub.subscriptionId).vaults.listByResourceGroup(rg));
    expect(inRg.map((v) => v.name)).toEqual(
      expected.filter((v) => v.resourceGroup === rg).map((v) => v.name),
    );

    const generic = await all(clients.keyVault(sub.subscriptionId).vaults.list());
    expect(generic).toHaveLength(40);
    expect(generic[0]).toMatchObject({ type: 'Microsoft.KeyVault/vaults', id: vaultId(expected[0]!) });
  });

  it('gets a vault with its full properties', async () => {
    const v = arm.world.vaults.find((x) => x.publicNetworkAccess === 'Disabled')!;
    const got = await clients.keyVault(v.subscriptionId).vaults.get(v.resourceGroup, v.name);
    expect(got.id).toBe(vaultId(v));
    expect(got.location).toBe(v.location);
    expect(got.properties).toMatchObject({
      tenantId: v.tenantId,
      sku: { family: 'A', name: v.sku },
      vaultUri: `https://${v.name}.vault.azure.net/`,
      softDeleteRetentionInDays: v.softDeleteRetentionInDays,
      enableRbacAuthorization: v.enableRbacAuthorization,
      publicNetworkAccess: 'Disabled',
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
      provisioningState: 'Succeeded',
    });
    expect(got.properties.privateEndpointConnections?.[0]).toMatchObject({
      privateEndpoint: { id: v.privateEndpointConnections[0]!.privateEndpointId },
      privateLinkServiceConnectionState: { status: 'Approved' },
    });
    const protectedOne = arm.world.vaults.find((x) => x.enablePurgeProtection)!;
    const open = arm.world.vaults.find((x) => !x.enablePurgeProtection && !x.networkAcls)!;
    expect(
      (
        await clients
          .keyVault(protectedOne.subscriptionId)
          .vaults.get(protectedOne.resourceGroup, protectedOne.name)
      ).properties.enablePurgeProtection,
    ).toBe(true);
    const openGot = await clients.keyVault(open.subscriptionId).vaults.get(open.resourceGroup, open.name);
    // ARM leaves out what a vault never set.
    expect(openGot.properties.enablePurgeProtection).toBeUndefined();
    expect(openGot.properties.networkAcls).toBeUndefined();
  });

  it('leaves out the RBAC and retention properties of a legacy vault, as ARM does', async () => {
    const v = arm.world.vaults.find((x) => x.legacy)!;
    const got = await clients.keyVault(v.subscriptionId).vaults.get(v.resourceGroup, v.name);
    expect(got.properties.enableRbacAuthorization).toBeUndefined();
    expect(got.properties.softDeleteRetentionInDays).toBeUndefined();
    expect(got.properties.enableSoftDelete).toBe(true);
  });

  it('answers a missing vault with ResourceNotFound', async () => {
    const sub = arm.world.subscriptions[0]!;
    await expect(
      clients.keyVault(sub.subscriptionId).vaults.get(sub.resourceGroups[0]!, 'kv-nope'),
    ).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('lists deleted vaults with their deletion and purge dates', async () => {
    const sub = arm.world.subscriptions[1]!;
    const deleted = await all(clients.keyVault(sub.subscriptionId).vaults.listDeleted());
    const expected = arm.world.deletedVaults.filter((d) => d.subscriptionId === sub.subscriptionId);
    expect(deleted).toHaveLength(expected.length);
    expect(deleted[0]!.properties).toMatchObject({
      location: expected[0]!.location,
      deletionDate: new Date(expected[0]!.deletionDate),
      scheduledPurgeDate: new Date(expected[0]!.scheduledPurgeDate),
      vaultId: vaultId(expected[0]!),
    });
    const one = await clients
      .keyVault(sub.subscriptionId)
      .vaults.getDeleted(expected[0]!.name, expected[0]!.location);
    expect(one.name).toBe(expected[0]!.name);
  });

  it('echoes x-ms-client-request-id and counts reads down, as recorded ARM answers do', async () => {
    const r = await raw(arm, `/subscriptions?api-version=2022-12-01`, {
      'x-ms-client-request-id': 'kluis-1',
    });
    expect(r.status).toBe(200);
    expect(r.headers['x-ms-client-request-id']).toBe('kluis-1');
    expect(r.headers['x-ms-correlation-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-ms-routing-request-id']).toBe(
      `LOCAL:${String(r.headers['x-ms-routing-request-id']).split(':')[1]}:${String(r.headers['x-ms-correlation-request-id'])}`,
    );
    expect(Number(r.headers['x-ms-ratelimit-remaining-tenant-reads'])).toBeLessThan(12_000);
  });

  it('answers wire-level mistakes with ARM’s codes', async () => {
    const code = async (path: string, headers: Record<string, string> = {}): Promise<[number, string]> => {
      const r = await raw(arm, path, headers);
      return [r.status, (r.json as { error: { code: string } }).error.code];
    };
    expect(
      await code('/subscriptions?api-version=2022-12-01', { authorization: 'Bearer not-the-token' }),
    ).toEqual([401, 'InvalidAuthenticationToken']);
    expect(await code('/subscriptions?api-version=2022-12-01', { authorization: 'Basic abc' })).toEqual([
      401,
      'AuthenticationFailed',
    ]);
    expect(await code('/subscriptions')).toEqual([400, 'MissingApiVersionParameter']);
    expect(await code('/subscriptions?api-version=2099-01-01')).toEqual([400, 'NoRegisteredProviderFound']);
    expect(await code('/subscriptions/00000000-0000-4000-8000-000000000000?api-version=2022-12-01')).toEqual([
      404,
      'SubscriptionNotFound',
    ]);
    const sub = arm.world.subscriptions[0]!.subscriptionId;
    expect(
      await code(
        `/subscriptions/${sub}/resourceGroups/rg-nope/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`,
      ),
    ).toEqual([404, 'ResourceGroupNotFound']);
    expect(
      await code(`/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`),
    ).toEqual([404, 'NotFound']);
    expect(
      await code(`/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01&$top=0`),
    ).toEqual([400, 'InvalidRequestContent']);
  });

  it("refuses a subscription of another tenant with ARM's InvalidAuthenticationTokenTenant", async () => {
    const other = arm.world.subscriptions.find((s) => s.tenantId === arm.world.tenants[1]!.tenantId)!;
    await expect(clients.subscriptions.subscriptions.get(other.subscriptionId)).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationTokenTenant',
    });
  });
});

describe('local ARM stand-in: sparse pages, as a recorded vault list shows', () => {
  let sparse: RunningLocalArm;
  beforeAll(async () => {
    sparse = await startLocalArm({
      world: { tenants: 1, subscriptionsPerTenant: 2, vaultsPerSubscription: 40 },
      paging: { mode: 'sparse', seed: 3 },
      pageSize: 10,
    });
  });
  afterAll(() => sparse.close());

  it('serves short and empty pages that still link on; the SDK follows them all', async () => {
    const sub = sparse.world.subscriptions[0]!.subscriptionId;
    const clients = armClients(sparse, fixedCredential(sparse.token!));
    const names = (await all(clients.keyVault(sub).vaults.listBySubscription())).map((v) => v.name);
    expect(names).toEqual(sparse.world.vaults.filter((v) => v.subscriptionId === sub).map((v) => v.name));
    // Walk the same pages by hand: some are empty and still link on.
    const sizes: number[] = [];
    let next: string | undefined =
      `/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`;
    while (next) {
      const page = (await raw(sparse, next)).json as { value: unknown[]; nextLink?: string };
      sizes.push(page.value.length);
      next = page.nextLink ? `${new URL(page.nextLink).pathname}${new URL(page.nextLink).search}` : undefined;
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(40);
    expect(sizes.slice(0, -1).some((n) => n === 0)).toBe(true);
    expect(sizes.length).toBeGreaterThan(4);
  });
});

/** A plain HTTPS GET with the stand-in's token, trusting only its CA. */
function raw(
  arm: RunningLocalArm,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, arm.url),
      { ca: arm.caPem, headers: { authorization: `Bearer ${arm.token!}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
