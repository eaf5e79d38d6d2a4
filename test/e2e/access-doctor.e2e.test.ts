import { randomUUID } from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type AccessOptions, type RunningLocalVault } from '../../electron/local-vault';
import { generateCa, issueLeaf } from '../../electron/local-vault/tls';
import { vaultClient } from '../integration/auth/helpers';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider';
import { addServicePrincipalVaults } from '../support/service-principal-vaults';
import { testProtector } from '../support/test-protector';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';

/*
 * The access doctor clicked through: vaults that refuse like the service (RBAC get denied while list works, an access
 * policy without list, a firewall, private endpoint only, another tenant), each added as an Azure vault signed in with
 * a service principal of the local OpenID provider; the embedded local vault is the healthy one. Screenshots in light
 * and dark go to test-results/.
 */
const OTHER_TENANT = 'fabrikam0-0000-4000-8000-000000000002';
const CASES: Array<{ name: string; access?: AccessOptions; otherTenant?: boolean }> = [
  {
    name: 'rbac-kv',
    access: {
      model: 'rbac',
      deny: ['get'],
      vaultName: 'rbac-kv',
      location: 'westeurope',
      resourceId:
        '/subscriptions/5e1f0000-0000-4000-8000-000000000001/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/rbac-kv',
    },
  },
  { name: 'policy-kv', access: { model: 'policy', deny: ['list'], vaultName: 'policy-kv' } },
  { name: 'firewall-kv', access: { firewall: { clientAddress: '203.0.113.7' }, vaultName: 'firewall-kv' } },
  { name: 'private-kv', access: { publicNetworkAccess: 'Disabled', vaultName: 'private-kv' } },
  { name: 'fabrikam-kv', otherTenant: true },
];

describe('the access doctor in the window', () => {
  let h: KluisHarness;
  let page: Page;
  let provider: OidcProvider;
  const servers: RunningLocalVault[] = [];

  const shoot = async (name: string) => {
    await h.screenshot(`${name}-light`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await h.screenshot(`${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(400);
  };
  const vaultButton = (name: string) =>
    page.getByRole('navigation', { name: 'Vaults' }).getByRole('button', { name, exact: true });
  const banner = () => page.locator('[data-error-kind]').first();

  beforeAll(async () => {
    provider = await startOidcProvider();
    const ca = await generateCa('Kluis access doctor e2e CA');
    const clientId = randomUUID();
    const secret = `sp-${randomUUID()}`;
    provider.registerClient({ clientId, secret });
    const credential = new ClientSecretCredential(provider.tenantId, clientId, secret, {
      authorityHost: provider.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: provider.caPem },
    });
    for (const c of CASES) {
      const leaf = await issueLeaf(ca);
      const server = await startLocalVault({
        auth: {
          mode: 'jwt',
          issuer: provider.issuer(c.otherTenant ? OTHER_TENANT : undefined),
          jwksUri: provider.jwksUri(),
          ca: provider.caPem,
        },
        tls: { certPem: `${leaf.certPem}${ca.certPem}`, keyPem: leaf.keyPem },
        ...(c.access ? { access: c.access } : {}),
      });
      servers.push(server);
      if (c.name === 'rbac-kv') {
        const client = vaultClient({ ...server, caPem: ca.certPem }, credential);
        await client.setSecret('db-password', 'hunter2-e2e-value');
      }
    }
    h = await launchKluis({
      protector: testProtector(),
      testTrust: {
        vaultCa: ca.certPem,
        signInCa: provider.caPem,
        disableChallengeResourceVerification: true,
      },
    });
    page = h.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Try the local vault' }).click();
    await page.getByRole('region', { name: /^Secrets in Local vault/ }).waitFor({ timeout: 60_000 });
    await addServicePrincipalVaults(
      { call: h.call, value: h.value },
      CASES.map((c, i) => ({ url: (servers[i] as RunningLocalVault).url, displayName: c.name })),
      { provider, clientId, secret },
    );
    await page.reload();
    await vaultButton('rbac-kv').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await h?.close();
    for (const s of servers) await s.stop().catch(() => undefined);
    await provider?.stop();
  });

  it('a healthy vault: Diagnose from the context menu by keyboard, every check OK', async () => {
    await vaultButton('Local vault').click();
    await vaultButton('Local vault').focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: /Diagnose access/ }).click();
    const panel = page.getByRole('dialog', { name: 'Diagnose Local vault' });
    await panel.locator('[data-step="get"][data-status="ok"]').waitFor({ timeout: 30_000 });
    const statuses = await panel
      .locator('[data-step]')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-status')}`),
      );
    expect(statuses).toEqual(['dns:ok', 'tls:ok', 'challenge:ok', 'token:ok', 'list:ok', 'get:ok']);
    await shoot('80-diagnose-healthy');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('RBAC, list allowed and get denied: the reveal error names the action and role, with the command', async () => {
    await vaultButton('rbac-kv').click();
    await page.locator('[role="row"][data-secret-name="db-password"]').click({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Reveal' }).click();
    const details = page.locator('[data-testid="access-details"][data-access-model="rbac"]');
    await details.waitFor({ timeout: 30_000 });
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('Microsoft.KeyVault/vaults/secrets/getSecret/action');
    expect(text).toContain('Key Vault Secrets User');
    expect(text).toContain('DeniedWithNoValidRBAC');
    expect(await page.content()).not.toContain('hunter2-e2e-value');
    await details.getByRole('button', { name: /^Copy the command/ }).click();
    await details.getByText('Copied', { exact: true }).waitFor();
    expect(h.clipboard.current()).toMatch(
      /^az role assignment create --role "Key Vault Secrets User" --assignee-object-id \S+ --scope \/subscriptions\/5e1f0000-0000-4000-8000-000000000001\/resourcegroups\/rg-app\/providers\/microsoft\.keyvault\/vaults\/rbac-kv$/,
    );
    await shoot('81-access-rbac-get-denied');

    await vaultButton('rbac-kv').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Diagnose access/ }).click();
    const panel = page.getByRole('dialog', { name: 'Diagnose rbac-kv' });
    await panel.locator('[data-step="get"][data-status="failed"]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('[data-step="list"]').getAttribute('data-status')).toBe('ok');
    expect(await panel.locator('[data-step="get"] [data-testid="fix-command"]').textContent()).toContain(
      'az role assignment create',
    );
    await shoot('82-diagnose-rbac-get-denied');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('access policy without list: the list banner names the permission and set-policy; Diagnose from it', async () => {
    await vaultButton('policy-kv').click();
    const details = page.locator('[data-testid="access-details"][data-access-model="policy"]');
    await details.waitFor({ timeout: 30_000 });
    expect(await details.textContent()).toContain('secrets list');
    expect(await details.locator('[data-testid="fix-command"]').textContent()).toMatch(
      /^az keyvault set-policy --name policy-kv --object-id \S+ --secret-permissions list$/,
    );
    await shoot('83-access-policy-list-denied');
    await banner().getByRole('button', { name: 'Diagnose' }).click();
    const panel = page.getByRole('dialog', { name: 'Diagnose policy-kv' });
    await panel.locator('[data-step="get"][data-status="ok"]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('[data-step="list"]').getAttribute('data-status')).toBe('failed');
    await shoot('84-diagnose-policy');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('firewall: the address the vault saw and network-rule add', async () => {
    await vaultButton('firewall-kv').click();
    const details = page.locator('[data-testid="access-details"][data-access-model="firewall"]');
    await details.waitFor({ timeout: 30_000 });
    expect(await details.textContent()).toContain('203.0.113.7');
    expect(await details.locator('[data-testid="fix-command"]').textContent()).toBe(
      'az keyvault network-rule add --name firewall-kv --ip-address 203.0.113.7',
    );
    await shoot('85-access-firewall');
    // From the vault's list toolbar: More actions, Diagnose access.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Diagnose access/ }).click();
    const panel = page.getByRole('dialog', { name: 'Diagnose firewall-kv' });
    await panel.locator('[data-step="get"][data-status="skipped"]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('[data-step="list"]').getAttribute('data-status')).toBe('failed');
    expect(await panel.locator('[data-step="token"]').getAttribute('data-status')).toBe('ok');
    await shoot('89-diagnose-firewall');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('private endpoint only: a private network path is needed', async () => {
    await vaultButton('private-kv').click();
    const details = page.locator('[data-testid="access-details"][data-access-model="private-network"]');
    await details.waitFor({ timeout: 30_000 });
    expect(await banner().textContent()).toMatch(/private network/);
    await shoot('86-access-private-network');
  });

  it('another tenant: says which, offers to sign in there, and Diagnose shows the failing steps', async () => {
    await vaultButton('fabrikam-kv').click();
    const details = page.locator('[data-testid="access-details"][data-access-model="tenant"]');
    await details.waitFor({ timeout: 30_000 });
    expect(await details.textContent()).toContain(OTHER_TENANT);
    await banner()
      .getByRole('button', { name: `Sign in to tenant ${OTHER_TENANT}` })
      .waitFor();
    await shoot('87-access-tenant');
    await banner().getByRole('button', { name: 'Diagnose' }).click();
    const panel = page.getByRole('dialog', { name: 'Diagnose fabrikam-kv' });
    await panel.locator('[data-step="get"][data-status="skipped"]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('[data-step="challenge"]').getAttribute('data-status')).toBe('failed');
    await panel
      .getByRole('button', { name: `Sign in to tenant ${OTHER_TENANT}` })
      .first()
      .waitFor();
    await shoot('88-diagnose-tenant');
    await panel.getByRole('button', { name: 'Close' }).click();
    expect(h.pageErrors).toEqual([]);
  });
});
