import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreCaller } from '../support/core-caller';
import { testProtector } from '../support/test-protector';
import { startVaultWorld } from '../integration/dashboard/multi-vault';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';

const DAY = 86_400_000;

/**
 * The dashboard and the search across vaults in Chromium over three vaults: the embedded local vault, a second
 * real local vault added as an Azure vault (service principal through a test OpenID provider), and a third that
 * turns the sign-in away. Rows name their vault, counts stream in, the vault that fails shows its message, and opening a row
 * opens the secret in its vault. The two expiries the bulk extend changes are set back through core before each test,
 * from a freshly loaded window, so every test counts the seed's classes whatever ran before it.
 */
describe('Kluis in Chromium: dashboard and search across vaults', () => {
  let world: Awaited<ReturnType<typeof startVaultWorld>>;
  let h: KluisHarness;
  let page: Page;
  let localId = '';
  const rows = () =>
    page
      .locator('[role="grid"] [role="row"][data-secret-key]')
      .evaluateAll((els) =>
        els.map((r) => `${r.getAttribute('data-vault-name')}/${r.getAttribute('data-secret-name')}`),
      );
  const darkScreenshot = async (name: string) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(500);
    await h.screenshot(name);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(500);
  };

  /** The dashboard, once every vault has answered (the counts cover all three). */
  const openDashboard = async () => {
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await page.getByText(/6 secrets in 3 vaults/).waitFor({ timeout: 30_000 });
  };

  beforeAll(async () => {
    world = await startVaultWorld(2, { refuse: [1] });
    h = await launchKluis({ testTrust: world.testTrust, protector: testProtector() });
    page = h.page;
    const caller = coreCaller(h.core.handlers);
    localId = await openLocalVault(h);
    const now = Date.now();
    const local: Array<[string, Record<string, unknown>]> = [
      ['db-password', { expiresOn: now - 2 * DAY, contentType: 'text/plain', tags: { env: 'dev' } }],
      ['api-token', { expiresOn: now + 5 * DAY, contentType: 'text/plain' }],
      [
        'future-cert',
        { notBefore: now + 3 * DAY, expiresOn: now + 400 * DAY, contentType: 'application/x-pem-file' },
      ],
      ['healthy', { expiresOn: now + 200 * DAY, contentType: 'text/plain' }],
    ];
    for (const [name, extra] of local)
      await caller.value('secrets', 'set', { vaultId: localId, name, value: `v-${name}`, ...extra });
    const prod = world.clientOf(0);
    await prod.setSecret('db-password', 'x', {
      expiresOn: new Date(now + 12 * DAY),
      contentType: 'text/plain',
      tags: { env: 'prod' },
    });
    await prod.setSecret('old-flag', 'x', { enabled: false });
    await world.connect(caller, ['Prod-EU', 'Staging']);
    await page.reload();
    await page.getByRole('button', { name: 'Dashboard' }).waitFor();
  });
  afterAll(async () => {
    await h?.close();
    await world?.stop();
  });
  beforeEach(async () => {
    // As seeded: api-token expires in 5 days, Prod-EU's db-password in 12 (the bulk extend test adds 60 to both).
    const now = Date.now();
    const { settings } = await h.value('app', 'getState', {});
    const prodId = settings.vaults.find((v) => v.displayName === 'Prod-EU')?.id ?? '';
    await h.value('secrets', 'updateProperties', {
      vaultId: localId,
      name: 'api-token',
      expiresOn: now + 5 * DAY,
    });
    await h.value('secrets', 'updateProperties', {
      vaultId: prodId,
      name: 'db-password',
      expiresOn: now + 12 * DAY,
    });
    await page.reload();
    await page.getByRole('button', { name: 'Dashboard' }).waitFor();
  });

  it('counts and lists what needs attention across vaults; the vault that refuses shows its message', async () => {
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await page.getByText(/6 secrets in 3 vaults/).waitFor({ timeout: 30_000 });
    await expect
      .poll(rows)
      .toEqual([
        'Local vault/db-password',
        'Local vault/api-token',
        'Prod-EU/db-password',
        'Local vault/future-cert',
        'Prod-EU/old-flag',
      ]);
    const count = (c: string) => page.locator(`[data-class="${c}"]`).textContent();
    await expect(count('expired')).resolves.toMatch(/Expired\s*1/);
    await expect(count('expiring')).resolves.toMatch(/Expires within 30 days\s*2/);
    await expect(count('not-yet-active')).resolves.toMatch(/1$/);
    await expect(count('disabled')).resolves.toMatch(/1$/);
    await expect(count('no-expiry')).resolves.toMatch(/1$/);
    const down = page.locator('[data-error-kind="unauthenticated"]');
    await expect(down.textContent()).resolves.toMatch(/^.*Staging: /);
    await h.screenshot('60-dashboard');
    await darkScreenshot('60-dashboard-dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('filters with the list terms and vault:NAME, and sorts by vault', async () => {
    await openDashboard();
    const filter = page.getByRole('searchbox', { name: 'Filter the dashboard' });
    await filter.fill('vault:prod');
    await expect.poll(rows).toEqual(['Prod-EU/db-password', 'Prod-EU/old-flag']);
    await filter.fill('tag:env=prod');
    await expect.poll(rows).toEqual(['Prod-EU/db-password']);
    await filter.fill('');
    await page.locator('[data-class="expired"]').click();
    await expect.poll(rows).toEqual(['Local vault/db-password']);
    await page.locator('[data-class="attention"]').click();
    await page.getByRole('columnheader', { name: 'Vault' }).getByRole('button').click();
    await expect.poll(async () => (await rows())[0]).toMatch(/^Local vault\//);
  });

  it('from the keyboard: a row opens with Enter, as that secret in its vault', async () => {
    await openDashboard();
    const filter = page.getByRole('searchbox', { name: 'Filter the dashboard' });
    await filter.fill('vault:prod db');
    await expect.poll(rows).toEqual(['Prod-EU/db-password']);
    await filter.press('ArrowDown');
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('data-secret-key')),
    ).resolves.toMatch(/db-password$/);
    await page.keyboard.press('Enter');
    await page.locator('[role="row"][aria-current="true"][data-secret-name="db-password"]').waitFor();
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toContain('Prod-EU');
  });

  it('Ctrl+Shift+F searches every vault, streams, and opens a hit in its vault', async () => {
    await page.keyboard.press('Control+Shift+F');
    const box = page.getByRole('searchbox', { name: 'Search all vaults' });
    await box.waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(
      'Search all vaults',
    );
    await page.keyboard.type('password');
    // Hits stream in as the vaults answer.
    await expect.poll(rows, { timeout: 15_000 }).toEqual(['Local vault/db-password', 'Prod-EU/db-password']);
    await box.fill('text/plain expires<30d');
    await expect
      .poll(rows)
      .toEqual(['Local vault/api-token', 'Local vault/db-password', 'Prod-EU/db-password']);
    await box.fill('vault:local pem');
    await expect.poll(rows).toEqual(['Local vault/future-cert']);
    await box.fill('password');
    await h.screenshot('61-search');
    await darkScreenshot('61-search-dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await box.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('[role="row"][aria-current="true"][data-secret-name="db-password"]').waitFor();
    await expect(page.locator('nav [aria-current="page"]').textContent()).resolves.toContain('Local vault');
    expect(h.pageErrors.filter((e) => !/ERR_CONNECTION_REFUSED|net::/.test(e))).toEqual([]);
  });

  it('bulk extend from the dashboard: progress, per-item results naming the vault, no new version', async () => {
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await page.locator('[data-class="expiring"]').click();
    await expect.poll(rows, { timeout: 15_000 }).toEqual(['Local vault/api-token', 'Prod-EU/db-password']);
    await page.getByRole('checkbox', { name: 'Select api-token in Local vault' }).check();
    // Space checks a row from the keyboard.
    await page.locator('[role="row"][data-vault-name="Prod-EU"][data-secret-name="db-password"]').focus();
    await page.keyboard.press(' ');
    await page.getByText('2 secrets selected').waitFor();
    await page.getByRole('button', { name: 'Extend expiry…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('spinbutton', { name: /Extend by/ }).fill('60');
    await h.screenshot('62-dashboard-bulk-extend-form');
    await dialog.getByRole('button', { name: 'Extend 2 secrets' }).click();
    await dialog.getByText('2 secrets: expiry extended.').waitFor();
    await expect(dialog.getByRole('list', { name: 'Results' }).textContent()).resolves.toMatch(
      /Local vault \/ api-token.*Prod-EU \/ db-password/,
    );
    await h.screenshot('63-dashboard-bulk-extend-results');
    await darkScreenshot('63-dashboard-bulk-extend-results-dark');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Listed anew: both now expire in more than 30 days, so the class is empty.
    await expect.poll(rows, { timeout: 15_000 }).toEqual([]);
    await expect(page.locator('[data-class="expiring"]').textContent()).resolves.toMatch(/0$/);
    const call = coreCaller(h.core.handlers).value;
    const local = await call('secrets', 'listVersionsPage', { vaultId: localId, name: 'api-token' });
    expect(local.items).toHaveLength(1);
    expect(local.items[0]!.expiresOn! - Date.now()).toBeGreaterThan(64 * DAY);
    const prod = [];
    for await (const v of world.clientOf(0).listPropertiesOfSecretVersions('db-password')) prod.push(v);
    expect(prod).toHaveLength(1);
    expect(prod[0]!.expiresOn!.getTime() - Date.now()).toBeGreaterThan(71 * DAY);
  });

  it('rotation helper: one step to a new version with a generated value and the same validity period', async () => {
    await page.getByRole('button', { name: /^Local vault/ }).click();
    await page.locator('[role="row"][data-secret-name="healthy"]').click();
    const details = page.getByRole('region', { name: 'Details of healthy' });
    await details.getByRole('button', { name: 'Rotate' }).click();
    const form = page.getByRole('form', { name: 'Rotate healthy' });
    const generated = await form.getByRole('textbox', { name: /New value/ }).inputValue();
    expect(generated).toHaveLength(32);
    expect(generated).not.toBe('v-healthy');
    await expect(form.getByRole('note').textContent()).resolves.toMatch(
      /as long from now as the current version was valid \(200 days\)/,
    );
    await h.screenshot('64-rotate');
    await form.getByRole('button', { name: 'Save new version' }).click();
    await details.waitFor();
    const call = coreCaller(h.core.handlers).value;
    const versions = await call('secrets', 'listVersionsPage', { vaultId: localId, name: 'healthy' });
    expect(versions.items).toHaveLength(2);
    const newest = [...versions.items].sort((a, b) => (b.createdOn ?? 0) - (a.createdOn ?? 0))[0]!;
    expect(Math.round((newest.expiresOn! - Date.now()) / DAY)).toBe(200);
    const now = await call('secrets', 'get', { vaultId: localId, name: 'healthy' });
    expect(now.value).toBe(generated);
  });

  it('settings: the warning and unchanged days and the reminders switch', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Expiry dashboard and reminders' });
    await section.scrollIntoViewIfNeeded();
    const reminders = section.getByRole('switch', { name: /Notify me/ });
    await expect(reminders.isChecked()).resolves.toBe(true);
    await h.screenshot('65-settings-expiry');
    await darkScreenshot('65-settings-expiry-dark');
    await reminders.click();
    const call = coreCaller(h.core.handlers).value;
    await expect
      .poll(async () => (await call('app', 'getState', {})).settings.ui.remindersEnabled)
      .toBe(false);
    const stale = section.getByRole('spinbutton', { name: /Unchanged/ });
    await stale.fill('90');
    await stale.press('Enter');
    await expect.poll(async () => (await call('app', 'getState', {})).settings.ui.staleDays).toBe(90);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
