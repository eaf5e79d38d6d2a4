import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalArm, type RunningLocalArm } from '../../../electron/local-arm/index';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { all, armClients, fixedCredential } from '../../support/arm-clients';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';

const ARM = 'https://management.azure.com/';
const API = 'api-version=2022-12-01';

let provider: OidcProvider;
let arm: RunningLocalArm;
const delays: number[] = [];

beforeAll(async () => {
  provider = await startOidcProvider();
  arm = await startLocalArm({
    auth: {
      mode: 'jwt',
      issuer: provider.issuer('{tenantid}'),
      jwksUri: provider.jwksUri(),
      ca: provider.caPem,
    },
    world: {
      tenantIds: [provider.tenantId],
      tenants: 3,
      emptyTenants: 1,
      subscriptionsPerTenant: 5,
      vaultsPerSubscription: 4,
      principalId: provider.user.oid,
    },
    sleep: async (ms) => void delays.push(ms),
  });
});
afterAll(async () => {
  await arm?.close();
  await provider?.stop();
});

const tenant = (i: number): string => arm.world.tenants[i]!.tenantId;
const userToken = (tenantId: string, resource = ARM): string =>
  provider.issueAccessToken({ resource, tenantId, asUser: true });
const subsOf = (tenantId: string) => arm.world.subscriptions.filter((s) => s.tenantId === tenantId);

function raw(
  path: string,
  token: string | null,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: unknown }> {
  const url = new URL(path, arm.url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { ca: arm.caPem, headers: token === null ? {} : { authorization: `Bearer ${token}` } },
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

describe('local ARM stand-in: tokens per tenant', () => {
  it('a real credential for the second tenant sees that tenant’s subscriptions, and every tenant', async () => {
    const clientId = randomUUID();
    provider.registerClient({ clientId, secret: 'arm-secret' });
    const credential = new ClientSecretCredential(tenant(1), clientId, 'arm-secret', {
      authorityHost: provider.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: provider.caPem },
    });
    const clients = armClients(arm, credential);
    const subs = await all(clients.subscriptions.subscriptions.list());
    expect(subs.map((s) => s.subscriptionId).sort()).toEqual(
      subsOf(tenant(1))
        .map((s) => s.subscriptionId)
        .sort(),
    );
    const tenants = await all(clients.subscriptions.tenants.list());
    expect(tenants).toHaveLength(4);
    expect(provider.tokenRequests.at(-1)).toMatchObject({ scope: `${ARM}.default`, tenant: tenant(1) });
  });

  it('an empty tenant has no subscriptions but is listed', async () => {
    const clients = armClients(arm, fixedCredential(userToken(tenant(3))));
    expect(await all(clients.subscriptions.subscriptions.list())).toEqual([]);
    expect((await all(clients.subscriptions.tenants.list())).map((t) => t.displayName)).toContain(
      'Empty Tenant 1',
    );
  });

  it('accepts ARM’s audience with or without the trailing slash', async () => {
    for (const aud of ['https://management.azure.com', 'https://management.core.windows.net/']) {
      expect((await raw(`/subscriptions?${API}`, userToken(tenant(0), aud))).status).toBe(200);
    }
  });

  it('refuses a Key Vault token with InvalidAuthenticationTokenAudience and ARM’s challenge', async () => {
    const r = await raw(`/subscriptions?${API}`, userToken(tenant(0), 'https://vault.azure.net'));
    expect(r.status).toBe(401);
    expect(r.json).toEqual({
      error: {
        code: 'InvalidAuthenticationTokenAudience',
        message:
          "The access token has been obtained for wrong audience or resource 'https://vault.azure.net'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.",
      },
    });
    expect(r.headers['www-authenticate']).toMatch(
      /^Bearer authorization_uri="https:\/\/login\.windows\.net\/", error="invalid_token", error_description="The access token has been obtained for wrong audience/,
    );
    const sdk = armClients(arm, fixedCredential(userToken(tenant(0), 'https://vault.azure.net')));
    await expect(all(sdk.subscriptions.subscriptions.list())).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationTokenAudience',
    });
  });

  it('answers no token with AuthenticationFailed and the challenge, and an expired one with ExpiredAuthenticationToken', async () => {
    const none = await raw(`/subscriptions?${API}`, null);
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      error: {
        code: 'AuthenticationFailed',
        message: "Authentication failed. The 'Authorization' header is missing.",
      },
    });
    expect(none.headers['www-authenticate']).toBe(
      'Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
    );
    const expired = provider.issueAccessToken({ resource: ARM, tenantId: tenant(0), lifetimeSeconds: -600 });
    expect(
      ((await raw(`/subscriptions?${API}`, expired)).json as { error: { code: string } }).error.code,
    ).toBe('ExpiredAuthenticationToken');
  });

  it('names the subscription’s tenant when the token is for another one', async () => {
    const other = subsOf(tenant(2))[0]!.subscriptionId;
    const r = await raw(`/subscriptions/${other}?${API}`, userToken(tenant(0)));
    expect(r.status).toBe(401);
    expect((r.json as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'InvalidAuthenticationTokenTenant',
      message: expect.stringContaining(
        `Please use the authority (URL) 'https://login.windows.net/${tenant(2)}'`,
      ),
    });
    expect(r.headers['www-authenticate']).toContain(
      `authorization_uri="https://login.windows.net/${tenant(2)}"`,
    );
  });
});

describe('local ARM stand-in: fault knobs', () => {
  it('throttles with 429, Retry-After and ARM’s wording; the SDK retries and gets through', async () => {
    const sub = subsOf(tenant(0))[0]!.subscriptionId;
    const token = userToken(tenant(0));
    arm.throttleNext(1, { retryAfterSeconds: 0, pathIncludes: sub });
    const before = arm.requests.length;
    const retrying = armClients(arm, fixedCredential(token), { maxRetries: 3 });
    expect(await all(retrying.keyVault(sub).vaults.listBySubscription())).toHaveLength(4);
    expect(arm.requests.slice(before).map((r) => r.status)).toEqual([429, 200]);

    arm.throttleNext(1, { retryAfterSeconds: 7 });
    const r = await raw(`/subscriptions/${sub}?${API}`, token);
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('7');
    expect((r.json as { error: { code: string; message: string } }).error).toEqual({
      code: 'SubscriptionRequestsThrottled',
      message: `Number of 'read' requests for subscription '${sub}' actor '${provider.user.oid}' exceeded. Please try again after '7' seconds after the last request.`,
    });
  });

  it('throttles Resource Graph with its own 429 RateLimiting and quota headers', async () => {
    const clients = armClients(arm, fixedCredential(userToken(tenant(2))));
    const query = { query: "resources | where type =~ 'microsoft.keyvault/vaults' | project name" };
    arm.throttleNext(1, { retryAfterSeconds: 3, pathIncludes: 'Microsoft.ResourceGraph' });
    await expect(clients.graph.resources(query)).rejects.toMatchObject({
      statusCode: 429,
      code: 'RateLimiting',
    });
    const saved = arm.faults.graphQuota;
    arm.faults.graphQuota = { requests: 1, windowMs: 5_000, enforced: true };
    try {
      const before = arm.requests.length;
      expect((await clients.graph.resources(query)).totalRecords).toBe(20);
      await expect(clients.graph.resources(query)).rejects.toMatchObject({
        statusCode: 429,
        code: 'RateLimiting',
      });
      expect(arm.requests.slice(before).map((r) => r.status)).toEqual([200, 429]);
    } finally {
      arm.faults.graphQuota = saved;
    }
  });

  it('counts reads down in x-ms-ratelimit-remaining-* and answers 429 beyond the budget', async () => {
    const saved = arm.faults.readBudget;
    arm.faults.readBudget = { reads: 2, windowMs: 3_600_000, retryAfterSeconds: 30 };
    try {
      const token = userToken(tenant(1));
      const sub = subsOf(tenant(1))[1]!.subscriptionId;
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(await raw(`/subscriptions/${sub}?${API}`, token));
      expect(seen.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(seen.map((r) => r.headers['x-ms-ratelimit-remaining-subscription-reads'])).toEqual([
        '1',
        '0',
        '0',
      ]);
      expect(seen[2]!.headers['retry-after']).toBe('30');
      const t = await raw(`/tenants?${API}`, token);
      expect(t.headers['x-ms-ratelimit-remaining-tenant-reads']).toBe('1');
    } finally {
      arm.faults.readBudget = saved;
    }
  });

  it('fails one subscription’s vault listing (403 or 500) while the others answer', async () => {
    const subs = subsOf(tenant(0));
    const [bad, broken, good] = [subs[0]!.subscriptionId, subs[1]!.subscriptionId, subs[2]!.subscriptionId];
    arm.faults.failingSubscriptions = { [bad]: 'forbidden', [broken]: 'error' };
    try {
      const clients = armClients(arm, fixedCredential(userToken(tenant(0))));
      // A failed page of a paged list: the new SDKs keep ARM's code and status, not its message.
      await expect(all(clients.keyVault(bad).vaults.listBySubscription())).rejects.toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
        message: 'Pagination failed with unexpected statusCode 403',
      });
      // A single GET carries ARM's body in `details`.
      const v = arm.world.vaults.find((x) => x.subscriptionId === bad)!;
      await expect(clients.keyVault(bad).vaults.get(v.resourceGroup, v.name)).rejects.toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
        // "The client" names the token's app id (appid / azp), "object id" its oid, as ARM words it.
        message: expect.stringMatching(
          new RegExp(
            `^The client '[0-9a-f-]{36}' with object id '${provider.user.oid}' does not have authorization to perform action 'Microsoft\\.KeyVault/vaults/read' over scope '/subscriptions/${bad}' or the scope is invalid\\. If access was recently granted, please refresh your credentials\\.$`,
          ),
        ),
      });
      await expect(all(clients.keyVault(broken).vaults.listBySubscription())).rejects.toMatchObject({
        statusCode: 500,
      });
      expect(await all(clients.keyVault(good).vaults.listBySubscription())).toHaveLength(4);
      // Resource Graph lists what the caller may read: the forbidden subscription is left out, the broken one is not.
      const graph = await clients.graph.resources({
        query: "resources | where type =~ 'microsoft.keyvault/vaults' | project subscriptionId",
      });
      const seen = new Set((graph.data as Array<{ subscriptionId: string }>).map((r) => r.subscriptionId));
      expect(seen.has(bad)).toBe(false);
      expect(seen.has(broken)).toBe(true);
      expect(graph.totalRecords).toBe(16);
    } finally {
      arm.faults.failingSubscriptions = {};
    }
  });

  it('denies Resource Graph so a caller must fall back to per-subscription listing', async () => {
    arm.faults.resourceGraphDenied = true;
    try {
      const clients = armClients(arm, fixedCredential(userToken(tenant(0))));
      await expect(
        clients.graph.resources({ query: "resources | where type =~ 'microsoft.keyvault/vaults'" }),
      ).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
      expect(
        await all(clients.keyVault(subsOf(tenant(0))[0]!.subscriptionId).vaults.listBySubscription()),
      ).toHaveLength(4);
    } finally {
      arm.faults.resourceGraphDenied = false;
    }
  });

  it('adds the configured latency to every request', async () => {
    arm.faults.latencyMs = 20;
    try {
      delays.length = 0;
      const clients = armClients(arm, fixedCredential(userToken(tenant(0))));
      await all(clients.subscriptions.subscriptions.list());
      await all(clients.subscriptions.tenants.list());
      expect(delays).toEqual([20, 20]);
    } finally {
      arm.faults.latencyMs = 0;
    }
  });
});

describe('local ARM stand-in: a discovered vault opens', () => {
  let vault: RunningLocalVault;
  afterAll(() => vault?.stop());

  it('pointVault makes a vault’s vaultUri a real local vault the same user can open', async () => {
    vault = await startLocalVault({
      auth: {
        mode: 'jwt',
        issuer: provider.issuer(tenant(0)),
        jwksUri: provider.jwksUri(),
        ca: provider.caPem,
      },
    });
    const target = arm.world.vaults.find((v) => v.tenantId === tenant(0))!;
    arm.pointVault(target.name, vault.url);
    const armToken = userToken(tenant(0));
    const clients = armClients(arm, fixedCredential(armToken));
    const found = await clients.keyVault(target.subscriptionId).vaults.get(target.resourceGroup, target.name);
    expect(found.properties.vaultUri).toBe(`${vault.url}/`);
    const others = await all(clients.keyVault(target.subscriptionId).vaults.listBySubscription());
    expect(
      others
        .filter((v) => v.name !== target.name)
        .every((v) => v.properties.vaultUri === `https://${v.name}.vault.azure.net/`),
    ).toBe(true);
    const secrets = new SecretClient(
      found.properties.vaultUri!,
      fixedCredential(userToken(tenant(0), 'https://vault.azure.net')),
      {
        tlsOptions: { ca: vault.caPem },
        disableChallengeResourceVerification: true,
      },
    );
    await secrets.setSecret('via-discovery', 'ok');
    expect((await secrets.getSecret('via-discovery')).value).toBe('ok');
  });
});
