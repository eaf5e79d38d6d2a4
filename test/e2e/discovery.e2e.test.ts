import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalArm, type RunningLocalArm } from '../../electron/local-arm/index';
import { startLocalVault, type RunningLocalVault } from '../../electron/local-vault/index';
import { ARM_AUDIENCE } from '../support/discovery-world';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider';
import { enterDeviceCode } from '../support/oidc-user';
import { testProtector } from '../support/test-protector';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';

/**
 * Browse vaults in Chromium: a device-code sign-in from the local OpenID provider, the local ARM stand-in with
 * 3 tenants x 5 subscriptions x 40 vaults, filter, add two vaults, open one whose vaultUri is a real local vault.
 */
describe('Kluis in Chromium: Browse vaults', () => {
  let provider: OidcProvider;
  let arm: RunningLocalArm;
  let vault: RunningLocalVault;
  let h: KluisHarness;
  let page: Page;
  const clientId = randomUUID();
  let openable = '';

  beforeAll(async () => {
    provider = await startOidcProvider();
    provider.registerClient({ clientId });
    arm = await startLocalArm({
      auth: {
        mode: 'jwt',
        issuer: provider.issuer('{tenantid}'),
        jwksUri: provider.jwksUri(),
        ca: provider.caPem,
      },
      world: {
        tenants: 3,
        subscriptionsPerTenant: 5,
        vaultsPerSubscription: 40,
        tenantIds: [provider.tenantId],
        principalId: provider.user.oid,
      },
    });
    vault = await startLocalVault({
      auth: { mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem },
    });
    // One vault of the first tenant answers at a real local vault (reachable, accepting the provider's tokens).
    openable = arm.world.vaults.find(
      (v) =>
        v.tenantId === provider.tenantId && !v.enableRbacAuthorization && v.publicNetworkAccess === 'Enabled',
    )!.name;
    arm.pointVault(openable, vault.url);
    h = await launchKluis({
      log: (l) => process.env.DEBUG_DISCOVERY && console.log('CORE', l),
      protector: testProtector(),
      testTrust: {
        vaultCa: vault.caPem,
        signInCa: provider.caPem,
        armCa: arm.caPem,
        disableChallengeResourceVerification: true,
      },
    });
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
    await vault?.stop();
    await arm?.close();
    await provider?.stop();
  });

  const darkScreenshot = async (name: string) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await h.screenshot(name);
    await page.emulateMedia({ colorScheme: 'light' });
  };

  /** The device-code dialog: reads the code, enters it at the provider as the user would, waits for it to close. */
  async function enterShownCode(): Promise<void> {
    const dialog = page.getByRole('dialog', { name: 'Sign in with a code' });
    await dialog.waitFor({ timeout: 20_000 });
    const code = (await dialog.getByTestId('device-code').textContent())?.trim() ?? '';
    const link = (await dialog.getByRole('link').getAttribute('href')) ?? '';
    expect(await enterDeviceCode(link, code, provider.caPem)).toBeLessThan(400);
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  }

  const rows = () => page.getByRole('table', { name: 'Vaults found' }).locator('tbody tr');
  const tenantVaults = (tenantId: string) => arm.world.vaults.filter((v) => v.tenantId === tenantId);

  it('signs in with a device code and lists the first tenant: skeleton, then rows as pages arrive', async () => {
    await page.getByRole('button', { name: 'Browse vaults in your subscriptions' }).click();
    const form = page.getByRole('form', { name: 'Sign in to browse vaults' });
    await form.getByRole('combobox', { name: /Sign-in method/ }).selectOption('device-code');
    await form.getByRole('combobox', { name: /^Cloud/ }).selectOption('custom');
    await form.getByRole('textbox', { name: /Sign-in host/ }).fill(provider.authorityHost);
    await form.getByRole('textbox', { name: /Key Vault resource/ }).fill('https://vault.azure.net');
    await form.getByRole('textbox', { name: /Application \(client\) ID/ }).fill(clientId);
    await form.getByRole('textbox', { name: /Tenant/ }).fill(provider.tenantId);
    await form.getByRole('textbox', { name: /Resource Manager endpoint/ }).fill(arm.url);
    await form.getByRole('textbox', { name: /Resource Manager audience/ }).fill(ARM_AUDIENCE);
    await h.screenshot('90-browse-sign-in');
    // Resource Graph answers late (a throttled first try, honoured), so the skeleton shows after the sign-in.
    arm.throttleNext(1, { retryAfterSeconds: 3, pathIncludes: 'Microsoft.ResourceGraph' });
    await form.getByRole('button', { name: 'Browse vaults' }).click();
    await enterShownCode();
    await h.screenshot('91-browse-skeleton');
    await page.getByTestId('discovery-skeleton').waitFor();
    await h.screenshot('91-browse-skeleton');
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(tenantVaults(provider.tenantId).length);
    await page.getByRole('status').getByText('200 vaults in 5 subscriptions').waitFor();
    await page.getByRole('tab', { name: 'Contoso 1' }).waitFor();
    // Private-only vaults are listed, marked.
    expect(await page.locator('[data-not-openable="private-network-only"]').count()).toBe(
      tenantVaults(provider.tenantId).filter((v) => v.publicNetworkAccess === 'Disabled').length,
    );
    // Deleted vaults in their own read-only section.
    await page.getByRole('table', { name: 'Deleted vaults' }).locator('tbody tr').first().waitFor();
    expect(await page.getByRole('table', { name: 'Deleted vaults' }).locator('tbody tr').count()).toBe(10);
    await h.screenshot('92-browse-tenant-1');
    await darkScreenshot('92-browse-tenant-1-dark');
    expect(h.pageErrors).toEqual([]);
  });

  it('switches tenant (signing in there), shows a failing subscription inline, and keeps every tenant filterable', async () => {
    const second = arm.world.tenants[1]!;
    const failing = arm.world.subscriptions.find((s) => s.tenantId === second.tenantId)!;
    arm.faults.resourceGraphDenied = true;
    arm.faults.failingSubscriptions = { [failing.subscriptionId]: 'forbidden' };
    await page.getByRole('tab', { name: second.displayName }).click();
    await enterShownCode();
    await page.locator(`[data-subscription-error="${failing.subscriptionId}"]`).waitFor({ timeout: 20_000 });
    await page
      .getByRole('status')
      .getByText(/Resource Graph not allowed/)
      .waitFor();
    await expect
      .poll(() => rows().count(), { timeout: 20_000 })
      .toBe(tenantVaults(second.tenantId).filter((v) => v.subscriptionId !== failing.subscriptionId).length);
    await h.screenshot('93-browse-subscription-error');
    await darkScreenshot('93-browse-subscription-error-dark');
    arm.faults.resourceGraphDenied = false;
    arm.faults.failingSubscriptions = {};

    const third = arm.world.tenants[2]!;
    await page.getByRole('tab', { name: third.displayName }).click();
    await enterShownCode();
    // Without a filter the table shows the chosen tenant; the others stay found.
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(tenantVaults(third.tenantId).length);
    expect(h.pageErrors).toEqual([]);
  });

  it('filters across every tenant, adds two vaults in one click, and opens one', async () => {
    const filter = page.getByRole('textbox', { name: 'Filter vaults' });
    // A filter searches every tenant browsed: this vault is in the first tenant, the third is shown.
    await filter.fill(openable);
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByRole('columnheader', { name: 'Tenant' }).waitFor();
    await page.getByRole('checkbox', { name: `Select ${openable}` }).check();
    const other = tenantVaults(arm.world.tenants[2]!.tenantId)[3]!.name;
    await filter.fill(other.split('-')[2]!);
    await expect.poll(() => rows().count()).toBeGreaterThan(1);
    await page.getByRole('checkbox', { name: `Select ${other}` }).check();
    await h.screenshot('94-browse-filtered-two-picked');
    await darkScreenshot('94-browse-filtered-two-picked-dark');
    await page.getByRole('button', { name: 'Add 2 vaults' }).click();

    const nav = page.getByRole('navigation', { name: 'Vaults' });
    await nav.getByRole('button', { name: openable }).waitFor({ timeout: 20_000 });
    await nav.getByRole('button', { name: other }).waitFor();
    const settings = (await h.value('app', 'getState', {})).settings;
    const added = settings.vaults.find((v) => v.displayName === openable)!;
    expect(added.url).toBe(`${vault.url.replace(/\/$/, '')}/`);
    expect(added.auth).toMatchObject({ method: 'device-code', tenantId: provider.tenantId, clientId });
    // The vault kept the browse's sign-in: it opens without another code.
    await nav
      .getByRole('button', { name: openable })
      .click()
      .catch(async (error: unknown) => {
        await h.screenshot('95-browse-open-failed');
        throw error;
      });
    await page.getByText('has no secrets yet').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('dialog', { name: 'Sign in with a code' }).count()).toBe(0);
    await h.screenshot('95-browse-opened');
    expect(h.pageErrors).toEqual([]);
  });
});
