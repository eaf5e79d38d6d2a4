import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnoseStep, KluisError } from '../../../electron/contract';
import {
  startLocalVault,
  type AccessOptions,
  type RunningLocalVault,
} from '../../../electron/local-vault/index';
import { generateCa, issueLeaf } from '../../../electron/local-vault/tls';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';
import { addServicePrincipalVaults } from '../../support/service-principal-vaults';
import { startTestCore, type TestCore } from '../../support/start-test-core';
import { testProtector } from '../../support/test-protector';

/*
 * The access doctor end to end in core: the real SDK through Kluis core against local vaults that refuse like the
 * service (each 403 flavour, list allowed but get denied), a vault of another tenant (--auth jwt with two issuers), and
 * a name that does not resolve. Every refusal must arrive as data with its diagnosis, and vaults.diagnose must stream
 * each step.
 */
let core: TestCore | undefined;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await core?.dispose();
  core = undefined;
  for (const stop of stops.splice(0)) await stop().catch(() => undefined);
});

/** A core whose embedded local vault answers with these access switches. */
async function coreWithLocalVault(access: AccessOptions) {
  core = await startTestCore({ startLocalVault: (o) => startLocalVault({ ...o, access }) });
  const vault = await core.value('localVault', 'open', {});
  return { c: core, vaultId: vault.id };
}

async function failure(p: Promise<{ ok: boolean; error?: KluisError }>): Promise<KluisError> {
  const r = await p;
  expect(r.ok).toBe(false);
  return r.error as KluisError;
}

async function diagnose(c: TestCore, vaultId: string) {
  const runId = randomUUID();
  const result = await c.value('vaults', 'diagnose', { vaultId, runId });
  const streamed = c.events
    .filter((e) => e.name === 'vaults.diagnoseStep' && (e.payload as DiagnoseStep).runId === runId)
    .map((e) => e.payload as DiagnoseStep);
  expect(streamed).toEqual(result.steps);
  expect(result.steps.map((s) => s.step)).toEqual(['dns', 'tls', 'challenge', 'token', 'list', 'get']);
  return Object.fromEntries(result.steps.map((s) => [s.step, s])) as Record<
    DiagnoseStep['step'],
    DiagnoseStep
  >;
}

const RESOURCE_ID =
  '/subscriptions/5e1f0000-0000-4000-8000-000000000001/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/contoso-kv';

describe('access doctor through core', () => {
  it('RBAC, list allowed and get denied: the error names the action, role and command; diagnose fails only get', async () => {
    const { c, vaultId } = await coreWithLocalVault({
      model: 'rbac',
      deny: ['get'],
      vaultName: 'contoso-kv',
      resourceId: RESOURCE_ID,
    });
    await c.value('secrets', 'set', { vaultId, name: 'db-password', value: 'hunter2-value' });
    const page = await c.value('secrets', 'listPage', { vaultId });
    expect(page.items.map((s) => s.name)).toEqual(['db-password']);

    const e = await failure(c.call('secrets', 'get', { vaultId, name: 'db-password' }));
    expect(e).toMatchObject({ kind: 'forbidden', status: 403, code: 'ForbiddenByRbac' });
    expect(e.access).toMatchObject({
      model: 'rbac',
      deniedAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      requiredRole: 'Key Vault Secrets User',
      decisionReason: 'DeniedWithNoValidRBAC',
      scope: RESOURCE_ID.toLowerCase(),
      vaultName: 'contoso-kv',
      propagationNote: true,
    });
    expect(e.access?.command).toBe(
      `az role assignment create --role "Key Vault Secrets User" --assignee-object-id 00000000-0000-0000-0000-000000000000 --scope ${RESOURCE_ID.toLowerCase()}`,
    );
    expect(JSON.stringify(e)).not.toContain('hunter2-value');

    const steps = await diagnose(c, vaultId);
    expect(['dns', 'tls', 'challenge', 'token', 'list'].map((s) => steps[s as 'dns'].status)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(steps.get).toMatchObject({ status: 'failed', access: { model: 'rbac' } });
    expect(steps.get.command).toContain('az role assignment create');
    expect(JSON.stringify(steps)).not.toContain('hunter2-value');
  });

  it('access policy denying list: listPage says which permission and gives set-policy; get still works', async () => {
    const { c, vaultId } = await coreWithLocalVault({ model: 'policy', deny: ['list'], vaultName: 'ops-kv' });
    const e = await failure(c.call('secrets', 'listPage', { vaultId }));
    expect(e).toMatchObject({ kind: 'forbidden', code: 'ForbiddenByPolicy' });
    expect(e.access).toMatchObject({ model: 'policy', missingPermission: 'list', vaultName: 'ops-kv' });
    expect(e.access?.command).toBe(
      'az keyvault set-policy --name ops-kv --object-id 00000000-0000-0000-0000-000000000000 --secret-permissions list',
    );
    expect(e.message).toContain('"list" permission');
    const steps = await diagnose(c, vaultId);
    expect(steps.list).toMatchObject({ status: 'failed', access: { model: 'policy' } });
    expect(steps.get.status).toBe('ok');
  });

  it('firewall: the client address the vault saw and network-rule add', async () => {
    const { c, vaultId } = await coreWithLocalVault({
      firewall: { clientAddress: '203.0.113.7' },
      vaultName: 'fw-kv',
    });
    const e = await failure(c.call('secrets', 'listPage', { vaultId }));
    expect(e.access).toMatchObject({
      model: 'firewall',
      clientAddress: '203.0.113.7',
      command: 'az keyvault network-rule add --name fw-kv --ip-address 203.0.113.7',
    });
    expect(e.message).toContain('203.0.113.7');
  });

  it('private endpoint only: says a private network path is needed', async () => {
    const { c, vaultId } = await coreWithLocalVault({ publicNetworkAccess: 'Disabled' });
    const e = await failure(c.call('secrets', 'get', { vaultId, name: 'x' }));
    expect(e.access?.model).toBe('private-network');
    expect(e.message).toMatch(/private network/);
    const steps = await diagnose(c, vaultId);
    expect(steps.list.access?.model).toBe('private-network');
    expect(steps.get.status).toBe('skipped');
  });

  /** A --auth jwt local vault whose tokens must come from `issuerTenant`; a core signed in to the provider's own tenant. */
  async function otherTenantWorld(issuerTenant: string, challengeNamesCaller = false) {
    const provider: OidcProvider = await startOidcProvider();
    stops.push(() => provider.stop());
    const ca = await generateCa('Kluis access doctor test CA');
    const leaf = await issueLeaf(ca);
    const vault: RunningLocalVault = await startLocalVault({
      auth: {
        mode: 'jwt',
        issuer: provider.issuer(issuerTenant),
        jwksUri: provider.jwksUri(),
        ca: provider.caPem,
      },
      ...(challengeNamesCaller ? { tenantId: provider.tenantId } : {}),
      tls: { certPem: `${leaf.certPem}${ca.certPem}`, keyPem: leaf.keyPem },
    });
    stops.push(() => vault.stop());
    const clientId = randomUUID();
    const secret = `sp-${randomUUID()}`;
    provider.registerClient({ clientId, secret });
    core = await startTestCore({
      protector: testProtector(),
      testTrust: {
        vaultCa: ca.certPem,
        signInCa: provider.caPem,
        disableChallengeResourceVerification: true,
      },
    });
    const [vaultId] = await addServicePrincipalVaults(core, [{ url: vault.url, displayName: 'fabrikam' }], {
      provider,
      clientId,
      secret,
    });
    return { c: core, provider, vaultId: vaultId as string };
  }
  const OTHER = 'fabrikam0-0000-4000-8000-000000000002';

  it('tenant mismatch named by the challenge: Kluis asks for no token, says which tenant, diagnose agrees', async () => {
    const { c, provider, vaultId } = await otherTenantWorld(OTHER);
    const e = await failure(c.call('secrets', 'listPage', { vaultId }));
    expect(e).toMatchObject({ kind: 'unauthenticated', code: 'TokenTenantRefused' });
    expect(e.access).toEqual({
      model: 'tenant',
      vaultTenant: OTHER,
      signedInTenant: provider.tenantId,
      command: `az login --tenant ${OTHER}`,
    });
    const steps = await diagnose(c, vaultId);
    expect(steps.tls.status).toBe('ok');
    expect(steps.challenge).toMatchObject({
      status: 'failed',
      access: { model: 'tenant', vaultTenant: OTHER },
    });
    expect(steps.token).toMatchObject({ status: 'failed', access: { model: 'tenant' } });
    expect(steps.list.status).toBe('skipped');
    expect(JSON.stringify(steps)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no token
  });

  it('tenant mismatch from the service 401 (AKV10032, two issuers): parsed into the vault tenant', async () => {
    // The challenge names the caller's own tenant, so a token is sent; the vault expects another issuer.
    const { c, provider, vaultId } = await otherTenantWorld(OTHER, true);
    const e = await failure(c.call('secrets', 'get', { vaultId, name: 'x' }));
    expect(e.kind).toBe('unauthenticated');
    expect(e.access).toMatchObject({
      model: 'tenant',
      vaultTenant: OTHER,
      signedInTenant: provider.tenantId,
    });
    expect(e.message).toContain(`Sign in to tenant ${OTHER}`);
    const steps = await diagnose(c, vaultId);
    expect(steps.challenge.status).toBe('ok');
    expect(steps.token).toMatchObject({ status: 'failed', access: { model: 'tenant', vaultTenant: OTHER } });
    expect(['list', 'get'].map((s) => steps[s as 'list'].status)).toEqual(['skipped', 'skipped']);
  });

  it('a certificate the vault client does not trust: TLS fails with the verification error, nothing is sent', async () => {
    const requests: string[] = [];
    // Its own generated CA, trusted by nobody here; its log has one line per request it answered.
    const vault = await startLocalVault({ auth: { mode: 'any' }, log: (l) => requests.push(l) });
    stops.push(() => vault.stop());
    core = await startTestCore();
    const added = await core.value('vaults', 'add', {
      vault: vault.url,
      auth: {
        method: 'azure-cli',
        cloud: 'custom',
        authorityHost: 'https://login.example.com',
        resource: 'https://vault.example.com',
      },
    });
    const steps = await diagnose(core, added.id);
    expect(steps.dns.status).toBe('ok');
    expect(steps.tls).toMatchObject({ status: 'failed' });
    expect(steps.tls.detail).toMatch(/not trusted|could not be verified/);
    expect(steps.tls.fix).toMatch(/pin/);
    for (const s of ['challenge', 'token', 'list', 'get'] as const) expect(steps[s].status).toBe('skipped');
    expect(requests).toEqual([]);
  });

  it('a vault name that does not resolve: DNS fails with close matches, the rest is skipped', async () => {
    core = await startTestCore({
      // The real resolver, on a name that can never resolve (RFC 6761 .invalid), whatever the network.
      accessDoctor: {
        probes: {
          lookup: async (h) =>
            (await lookup(h.replace(/\.vault\.azure\.net$/, '.invalid'), { all: true })).map(
              (a) => a.address,
            ),
        },
      },
    });
    const auth = { method: 'azure-cli' as const };
    await core.value('vaults', 'add', { vault: 'contoso-prod-kv', auth });
    const typo = await core.value('vaults', 'add', { vault: 'contoso-prd-kv', auth });
    const steps = await diagnose(core, typo.id);
    expect(steps.dns).toMatchObject({ status: 'failed', suggestions: ['contoso-prod-kv'] });
    expect(steps.dns.fix).toMatch(/mistyped/);
    for (const s of ['tls', 'challenge', 'token', 'list', 'get'] as const)
      expect(steps[s].status).toBe('skipped');
  });
});
