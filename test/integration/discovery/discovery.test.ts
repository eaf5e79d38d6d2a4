import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect, startDiscoveryWorld, type DiscoveryWorld } from '../../support/discovery-world';

/**
 * Core's discovery against the local ARM stand-in with Microsoft's management SDKs, over verified TLS, signed in
 * as a service principal of the test OpenID provider: Resource Graph, the per-subscription fallback, paging,
 * deleted vaults, tenants, and the faults (throttling, one failing subscription, an empty tenant, a wrong audience).
 */
describe('discovery: core against the local ARM stand-in', () => {
  let w: DiscoveryWorld;

  beforeAll(async () => {
    // 3 tenants x 5 subscriptions; 1,100 vaults in the first subscription so Resource Graph pages (1,000 a page).
    w = await startDiscoveryWorld({
      world: {
        tenants: 3,
        emptyTenants: 1,
        subscriptionsPerTenant: 5,
        vaultsPerSubscription: [1100, 40, 40, 40, 40],
      },
    });
  });
  afterAll(() => w?.stop());
  beforeEach(() => {
    w.arm.faults.resourceGraphDenied = false;
    w.arm.faults.failingSubscriptions = {};
  });

  const home = () => w.arm.world.tenants[0]!.tenantId;
  const vaultsOf = (tenantId: string) =>
    w.arm.world.vaults.filter((v) =>
      w.arm.world.subscriptions.some((s) => s.subscriptionId === v.subscriptionId && s.tenantId === tenantId),
    );

  it('lists tenants, the subscriptions and every vault of the tenant with one Resource Graph query, paged', async () => {
    const before = w.arm.requests.length;
    const { pages } = await w.browse();
    const got = collect(pages);
    expect(got.tenants.map((t) => t.tenantId)).toEqual(w.arm.world.tenants.map((t) => t.tenantId));
    expect(got.subscriptions).toHaveLength(5);
    expect(got.sources).toEqual(new Set(['resource-graph']));
    const expected = vaultsOf(home());
    expect(got.vaults).toHaveLength(expected.length);
    expect(new Set(got.vaults.map((v) => v.name))).toEqual(new Set(expected.map((v) => v.name)));
    expect(got.completed).toEqual(new Set(got.subscriptions.map((s) => s.subscriptionId)));
    expect(got.errors).toEqual([]);
    // Vaults stream: the first Resource Graph page arrives before the second is asked for.
    const graphPages = pages.filter((p) => p.source === 'resource-graph' && p.vaults);
    expect(graphPages.map((p) => p.vaults!.length)).toEqual([1000, expected.length - 1000]);
    const graph = w.arm.requests.slice(before).filter((r) => r.path.includes('Microsoft.ResourceGraph'));
    expect(graph).toHaveLength(2);
    // No per-subscription vault listing on this path.
    expect(w.arm.requests.slice(before).some((r) => r.path.endsWith('/Microsoft.KeyVault/vaults'))).toBe(
      false,
    );
    expect(pages.at(-1)).toMatchObject({ done: true, tenantId: home() });
  });

  it('carries what Browse vaults shows for each vault, and marks the ones ARM says cannot be opened from here', async () => {
    const { vaults } = collect((await w.browse()).pages);
    const byName = new Map(vaults.map((v) => [v.name, v]));
    const mine = vaultsOf(home());
    for (const v of mine) {
      const row = byName.get(v.name)!;
      expect(row).toMatchObject({
        id: expect.stringMatching(new RegExp(`/providers/Microsoft\\.KeyVault/vaults/${v.name}$`, 'i')),
        subscriptionId: v.subscriptionId,
        tenantId: home(),
        location: v.location,
        sku: v.sku,
        vaultUri: v.vaultUri,
        softDeleteRetentionDays: v.softDeleteRetentionInDays,
        purgeProtection: v.enablePurgeProtection,
        permissionModel: v.enableRbacAuthorization ? 'rbac' : 'access-policy',
        publicNetworkAccess: v.publicNetworkAccess,
        firewallDenyByDefault: v.networkAcls?.defaultAction === 'Deny',
        privateEndpoints: v.privateEndpointConnections.length,
      });
      expect(row.resourceGroup.toLowerCase()).toBe(v.resourceGroup.toLowerCase());
      // Private-only vaults are marked; the access policies name the caller, so no other vault is.
      expect(row.notOpenable?.reason).toBe(
        v.publicNetworkAccess === 'Disabled' ? 'private-network-only' : undefined,
      );
    }
    expect(mine.some((v) => v.publicNetworkAccess === 'Disabled')).toBe(true);
    // An access-policy vault whose policies do not name the caller is marked, not hidden.
    const target = mine.find((v) => !v.enableRbacAuthorization && v.publicNetworkAccess === 'Enabled')!;
    const policies = target.accessPolicies;
    target.accessPolicies = [];
    try {
      const again = collect((await w.browse()).pages).vaults.find((v) => v.name === target.name)!;
      expect(again.notOpenable).toMatchObject({
        reason: 'no-access-policy',
        message: expect.stringMatching(/az keyvault set-policy/),
      });
    } finally {
      target.accessPolicies = policies;
    }
  });

  it('lists deleted vaults per subscription, read-only, with their purge date', async () => {
    const got = collect((await w.browse()).pages);
    const expected = w.arm.world.deletedVaults.filter((d) =>
      got.subscriptions.some((s) => s.subscriptionId === d.subscriptionId),
    );
    expect(got.deleted.map((d) => d.name).sort()).toEqual(expected.map((d) => d.name).sort());
    for (const d of got.deleted) {
      expect(d.scheduledPurgeDate).toBeGreaterThan(d.deletedOn!);
    }
  });

  it('falls back to listing each subscription (nextLink followed) when Resource Graph is denied', async () => {
    w.arm.faults.resourceGraphDenied = true;
    const before = w.arm.requests.length;
    const got = collect((await w.browse()).pages);
    expect(got.sources).toEqual(new Set(['per-subscription']));
    expect(got.vaults).toHaveLength(vaultsOf(home()).length);
    expect(got.errors).toEqual([]);
    expect(got.completed).toEqual(new Set(got.subscriptions.map((s) => s.subscriptionId)));
    const lists = w.arm.requests.slice(before).filter((r) => r.path.endsWith('/Microsoft.KeyVault/vaults'));
    // 1,100 + 4 x 40 vaults in pages: more requests than subscriptions, so nextLink was followed.
    expect(lists.length).toBeGreaterThan(5);
  });

  it('shows one failing subscription while the others list', async () => {
    w.arm.faults.resourceGraphDenied = true;
    const sub = w.arm.world.subscriptions.find((s) => s.tenantId === home())!;
    w.arm.faults.failingSubscriptions = { [sub.subscriptionId]: 'forbidden' };
    const got = collect((await w.browse()).pages);
    const failed = got.errors.filter((e) => e.subscriptionId === sub.subscriptionId);
    expect(failed.map((e) => Boolean(e.deleted)).sort()).toEqual([false, true]);
    expect(failed[0]!.error).toMatchObject({ kind: 'forbidden', status: 403, code: 'AuthorizationFailed' });
    expect(failed.find((e) => !e.deleted)!.error.message).toMatch(
      /Microsoft\.KeyVault\/vaults\/read.*Reader/,
    );
    expect(got.vaults).toHaveLength(
      vaultsOf(home()).filter((v) => v.subscriptionId !== sub.subscriptionId).length,
    );
    expect(got.completed.has(sub.subscriptionId)).toBe(false);
  });

  it('honours 429 Retry-After through the retry policy, announcing the wait, and lists everything', async () => {
    w.arm.throttleNext(2, { retryAfterSeconds: 0, pathIncludes: 'Microsoft.ResourceGraph' });
    const events = w.core.events.length;
    const got = collect((await w.browse()).pages);
    expect(got.vaults).toHaveLength(vaultsOf(home()).length);
    expect(got.errors).toEqual([]);
    const retries = w.core.events.slice(events).filter((e) => e.name === 'operation.retrying');
    expect(retries.map((e) => e.payload)).toEqual([
      expect.objectContaining({ operation: 'discovery.start', reason: 'throttled', attempt: 2, delayMs: 0 }),
      expect.objectContaining({ operation: 'discovery.start', reason: 'throttled', attempt: 3, delayMs: 0 }),
    ]);
  });

  it('says when throttling outlasts the retries, per listing', async () => {
    w.arm.throttleNext(20, { retryAfterSeconds: 0, pathIncludes: 'Microsoft.ResourceGraph' });
    w.arm.faults.failingSubscriptions = {};
    const got = collect((await w.browse()).pages);
    // Resource Graph gave up: the vaults still arrive per subscription.
    expect(got.sources).toEqual(new Set(['per-subscription']));
    expect(got.vaults).toHaveLength(vaultsOf(home()).length);
    w.arm.throttleNext(0);
  });

  it('switching tenant signs in to that tenant and lists its vaults', async () => {
    const second = w.arm.world.tenants[1]!.tenantId;
    const got = collect((await w.browse({ tenantId: second })).pages);
    expect(got.subscriptions.every((s) => s.tenantId === second)).toBe(true);
    expect(got.vaults).toHaveLength(vaultsOf(second).length);
    expect(got.vaults.every((v) => v.tenantId === second)).toBe(true);
    expect(
      w.provider.tokenRequests.some(
        (r) => r.tenant === second && r.scope.startsWith('https://management.azure.com'),
      ),
    ).toBe(true);
  });

  it('says an empty tenant has no subscriptions, with what to do', async () => {
    const empty = w.arm.world.tenants.at(-1)!.tenantId;
    const { pages } = await w.browse({ tenantId: empty });
    const got = collect(pages);
    expect(got.subscriptions).toEqual([]);
    expect(got.vaults).toEqual([]);
    expect(got.errors.map((e) => e.error)).toEqual([
      expect.objectContaining({
        kind: 'not-found',
        code: 'NoSubscriptions',
        message: expect.stringMatching(/Choose another tenant/),
      }),
    ]);
    expect(pages.at(-1)!.done).toBe(true);
  });

  it('says a token for another audience is refused by Resource Manager, with the fix', async () => {
    const { pages } = await w.browse({ auth: { ...w.auth, armResource: 'https://vault.azure.net' } });
    const errors = collect(pages).errors.map((e) => e.error);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({
      kind: 'unauthenticated',
      status: 401,
      code: 'InvalidAuthenticationTokenAudience',
      message: /issued for another resource.*Resource Manager endpoint/,
    });
  });

  it('adds a found vault with the sign-in that found it, in its own copy', async () => {
    const { browseId, pages } = await w.browse();
    const found = collect(pages).vaults[0]!;
    const vault = await w.core.value('vaults', 'add', {
      vault: found.vaultUri!,
      displayName: found.name,
      auth: w.auth,
      discovered: { browseId },
    });
    expect(vault).toMatchObject({ url: found.vaultUri, displayName: found.name });
    expect(vault.auth).toMatchObject({
      method: 'client-secret',
      clientId: w.sp.clientId,
      tenantId: home(),
      cloud: 'custom',
      resource: 'https://vault.azure.net',
    });
    // Its own stored secret: removing one vault does not sign the other out.
    expect(vault.auth.credentialRef).toBeDefined();
    expect(vault.auth.credentialRef).not.toBe(w.auth.credentialRef);
    const badBrowse = await w.core.call('vaults', 'add', {
      vault: found.vaultUri!,
      auth: w.auth,
      discovered: { browseId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(badBrowse).toMatchObject({
      ok: false,
      error: { kind: 'not-configured', field: 'discovered.browseId' },
    });
  });

  it('a sign-in that fails is one error for the browse, with the fix', async () => {
    const { pages } = await w.browse({ auth: { ...w.auth, clientId: crypto.randomUUID() } });
    const errors = collect(pages).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.subscriptionId).toBeUndefined();
    expect(errors[0]!.error.kind).toBe('unauthenticated');
    expect(collect(pages).vaults).toEqual([]);
    expect(pages.at(-1)!.done).toBe(true);
  });

  it('refuses bad input with a clear error and a cancel stops a browse', async () => {
    const neither = await w.core.call('discovery', 'start', { browseId: crypto.randomUUID() } as never);
    expect(neither).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const noArm = await w.core.call('discovery', 'start', {
      browseId: crypto.randomUUID(),
      auth: { ...w.auth, armEndpoint: undefined, armResource: undefined },
    });
    // Accepted, then the browse says what to add: the custom cloud's Resource Manager endpoint.
    expect(noArm.ok).toBe(true);
    const cancelled = await w.core.value('discovery', 'cancel', { browseId: crypto.randomUUID() });
    expect(cancelled).toEqual({ cancelled: false });
  });
});
