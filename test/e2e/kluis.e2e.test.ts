import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';
import { coreCaller } from '../support/core-caller';

const VALUE = 'pa55-w0rd!\nsecond line';

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** The first-run screen: each test gets a new window on a new core, as a first start has. */
describe('Kluis in Chromium: first run', () => {
  let h: KluisHarness;
  let page: Page;

  beforeEach(async () => {
    h = await launchKluis();
    page = h.page;
  });
  afterEach(async () => {
    await h?.close();
  });

  it('welcomes a first run with the two paths', async () => {
    await page.getByRole('heading', { name: 'Welcome to Kluis' }).waitFor();
    await page.getByRole('heading', { name: /Connect to an Azure Key Vault/ }).waitFor();
    await page.getByRole('heading', { name: /Try the local vault/ }).waitFor();
    await h.screenshot('01-first-run');
    await expectAccessible(page);
  });

  it('opens the local vault and shows its empty list', async () => {
    await page.getByRole('button', { name: 'Try the local vault' }).click();
    await page.getByText('has no secrets yet').waitFor();
    await page.getByText('Local vault running').waitFor();
    await expectAccessible(page);
  });
});

/**
 * The local vault path. One window and core for all tests; before each, the local vault is emptied (secrets
 * deleted and purged) and the window loaded afresh, and each test seeds the secrets it needs through core, so any
 * one runs alone with -t.
 */
describe('Kluis in Chromium: local vault path', () => {
  let h: KluisHarness;
  let page: Page;
  let vaultId: string;
  const rows = () => page.getByRole('grid', { name: 'Secrets' }).getByRole('row');
  const row = (name: string) => page.locator(`[role="row"][data-secret-name="${name}"]`);
  const stateUi = async () => (await coreCaller(h.core.handlers).value('app', 'getState', {})).settings.ui;
  /** Sets a secret through the same handlers the UI uses. */
  const set = async (name: string, value: string, extra: Record<string, unknown> = {}) => {
    const result = await h.call('secrets', 'set', { vaultId, name, value, ...extra });
    expect(result.ok).toBe(true);
  };
  /** The secret typed in the create form, as "creates a secret typed into the form" saves it. */
  const seedApiKey = () => set('api-key', VALUE, { contentType: 'text/plain' });
  /** More secrets, to show a list with tags and expiry dates. */
  const seedOthers = async () => {
    const day = 86_400_000;
    for (const [name, extra] of [
      [
        'db-connection',
        { contentType: 'application/json', tags: { env: 'prod' }, expiresOn: Date.now() + 12 * day },
      ],
      ['old-token', { enabled: false, expiresOn: Date.now() - 3 * day }],
      ['storage-key', { tags: { env: 'dev', owner: 'platform' } }],
    ] as const) {
      await set(name, `value of ${name}`, extra);
    }
  };
  /** api-key and the others, shown in a freshly loaded list. */
  const seedList = async () => {
    await seedApiKey();
    await seedOthers();
    await page.keyboard.press('F5');
    await row('storage-key').waitFor();
  };
  /** Deletes and purges every secret, so a test starts from an empty vault with nothing deleted. */
  const emptyVault = async () => {
    for (const s of (await h.value('secrets', 'listPage', { vaultId })).items) {
      await h.value('secrets', 'delete', { vaultId, name: s.name });
    }
    for (const d of (await h.value('deleted', 'listPage', { vaultId })).items) {
      await h.value('deleted', 'purge', { vaultId, name: d.properties.name });
    }
  };

  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
    vaultId = await openLocalVault(h);
  });
  beforeEach(async () => {
    await emptyVault();
    await page.reload();
    await page.getByText('has no secrets yet').waitFor();
  });
  afterEach(() => {
    // Checked after each test too, so an error is caught whichever order the tests run in.
    expect(h.pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates a secret typed into the form (Ctrl+N)', async () => {
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('api-key');
    await form.getByRole('textbox', { name: /^Value/ }).fill(VALUE);
    await form.getByRole('textbox', { name: /^Content type/ }).fill('text/plain');
    await h.screenshot('02-create-form');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('region', { name: 'Details of api-key' }).waitFor();
    await row('api-key').waitFor();
  });

  it('lists it with others (refreshed with F5)', async () => {
    await seedApiKey();
    await page.keyboard.press('F5');
    await row('api-key').waitFor();
    await seedOthers();
    await page.locator('[role="row"][data-secret-name="api-key"]').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F5');
    await row('storage-key').waitFor();
    expect(await rows().count()).toBe(5); // header + 4
    await expect(row('old-token').textContent()).resolves.toContain('expired');
    await h.screenshot('03-list');
  });

  it('filters the list', async () => {
    await seedList();
    await page.getByRole('searchbox', { name: 'Filter secrets' }).fill('env=prod');
    await page.waitForFunction(() => document.querySelectorAll('[data-secret-name]').length === 1);
    await expect(row('db-connection').isVisible()).resolves.toBe(true);
    await page.getByRole('searchbox', { name: 'Filter secrets' }).fill('');
    await row('storage-key').waitFor();
  });

  it('opens details with Enter and reveals the value on request', async () => {
    await seedList();
    await row('api-key').focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('region', { name: 'Details of api-key' });
    await details.waitFor();
    await expect(details.textContent()).resolves.not.toContain('pa55');
    await details.getByRole('button', { name: 'Reveal', exact: true }).click();
    await details.getByTestId('secret-value').waitFor();
    await expect(details.getByTestId('secret-value').textContent()).resolves.toBe(VALUE);
    await details.getByRole('timer').waitFor();
    await h.screenshot('04-revealed');
    await expectAccessible(page);
    await details.getByRole('button', { name: 'Conceal', exact: true }).click();
    await expect(details.textContent()).resolves.not.toContain('pa55');
  });

  it('copies the value through main into the clipboard', async () => {
    await seedList();
    await row('api-key').click();
    const details = page.getByRole('region', { name: 'Details of api-key' });
    await details.getByRole('button', { name: 'Copy', exact: true }).click();
    await page
      .getByText(/Copied, clears in \d+ s/)
      .first()
      .waitFor();
    expect(h.clipboard.current()).toBe(VALUE);
    expect(h.clipboard.currentKind()).toBe('secret');
    await page
      .getByText(/Copied, clears in/)
      .first()
      .waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('deletes after one confirm, then shows it deleted and recoverable', async () => {
    await seedList();
    await row('api-key').click();
    await page.keyboard.press('Delete'); // the focused row's secret
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/stays recoverable for \d+ days/).waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const deleted = page.getByRole('region', { name: 'Deleted secret api-key' });
    await deleted.waitFor();
    await deleted.getByText('Deleted, still recoverable').waitFor();
    await expect(deleted.getByTestId('purge-date').textContent()).resolves.not.toBe('—');
    await expect(deleted.getByTestId('deleted-on').textContent()).resolves.not.toBe('—');
    expect(await row('api-key').count()).toBe(0);
    await h.screenshot('05-deleted');
    await expectAccessible(page);
  });

  it('recovers it into the list', async () => {
    // Deleted in the window, which then shows it deleted (as the test above leaves it).
    await seedList();
    await row('api-key').click();
    await page.keyboard.press('Delete');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('region', { name: 'Deleted secret api-key' }).waitFor();
    await page
      .getByRole('region', { name: 'Deleted secret api-key' })
      .getByRole('button', { name: 'Recover' })
      .click();
    await page.getByRole('region', { name: 'Details of api-key' }).waitFor();
    await row('api-key').waitFor();
  });

  it('offers Purge and create when the name belongs to a deleted secret', async () => {
    await seedList();
    expect((await h.call('secrets', 'delete', { vaultId, name: 'storage-key' })).ok).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('storage-key');
    await form.getByRole('textbox', { name: /^Value/ }).fill('fresh value');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('[data-error-kind="conflict-deleted"]').waitFor();
    await form.getByRole('button', { name: 'Recover' }).waitFor();
    await form.getByRole('button', { name: 'Purge and create' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Type storage-key/ }).fill('storage-key');
    await dialog.getByRole('button', { name: 'Purge and create' }).click();
    await page.getByRole('region', { name: 'Details of storage-key' }).waitFor({ timeout: 30_000 });
    await row('storage-key').waitFor();
  });

  it('shows the name rule for an invalid name and keeps the input', async () => {
    await seedList();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'New secret' }).first().click();
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('bad name_1');
    await form.getByRole('textbox', { name: /^Value/ }).fill('kept');
    await form.getByText(/letters, digits and dashes only/).waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('textbox', { name: /^Name/ }).inputValue()).resolves.toBe('bad name_1');
    await expect(form.getByRole('textbox', { name: /^Value/ }).inputValue()).resolves.toBe('kept');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('lists deleted secrets and recovers one from there', async () => {
    await seedList();
    expect((await h.call('secrets', 'delete', { vaultId, name: 'old-token' })).ok).toBe(true);
    await page
      .getByRole('navigation', { name: 'Vaults' })
      .getByRole('button', { name: 'Deleted secrets' })
      .click();
    const deletedRow = page.locator('[data-deleted-name="old-token"]');
    await deletedRow.click();
    const panel = page.getByRole('region', { name: 'Deleted secret old-token' });
    await panel.getByRole('button', { name: 'Purge' }).waitFor();
    await h.screenshot('09-deleted-view');
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Recover' }).click();
    await page.getByText('No deleted secrets in').waitFor();
    await page.keyboard.press('Control+1');
    await row('old-token').waitFor();
  });

  it('looks right in the dark theme', async () => {
    await seedList();
    await row('db-connection').click();
    await page.getByRole('region', { name: 'Details of db-connection' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('[data-theme="dark"]').waitFor();
    await h.screenshot('06-dark');
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('renames the vault and changes the theme in Settings', async () => {
    await seedList();
    await page.getByRole('navigation', { name: 'Vaults' }).getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('main', { name: 'Settings' });
    await settings.getByRole('heading', { name: 'Settings' }).waitFor();
    const name = settings.getByRole('textbox', { name: 'Display name' });
    await name.fill('Sandbox');
    await settings.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('navigation', { name: 'Vaults' }).getByText('Sandbox').waitFor();
    await h.screenshot('08-settings');
    await expectAccessible(page);
    // Content protection while a value shows: on by default, and the switch saves the choice.
    const protection = settings.getByRole('switch', { name: 'Keep values out of screen captures' });
    await expect(protection.isChecked()).resolves.toBe(true);
    await protection.click();
    await expect.poll(async () => (await stateUi()).contentProtection).toBe(false);
    await protection.click();
    await expect.poll(async () => (await stateUi()).contentProtection).toBe(true);
    await settings.getByRole('radio', { name: 'Dark' }).click();
    await page.locator('[data-theme="dark"]').waitFor();
    await h.screenshot('08-settings-dark');
    await settings.getByRole('radio', { name: 'Follow the system' }).click();
    await page.locator('[data-theme="light"]').waitFor();
    await page.keyboard.press('Control+1');
    await row('api-key').waitFor();
  });

  it('kept the page free of errors', () => {
    expect(h.pageErrors).toEqual([]);
  });

  it('runs under Trusted Types: a plain string cannot become markup', async () => {
    const outcome = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<img src=x>';
        return 'assigned';
      } catch (error) {
        return error instanceof TypeError ? 'refused' : String(error);
      }
    });
    expect(outcome).toBe('refused');
    // The refusal is reported on the console: this test's own doing, not an error of the app, so it is taken out of
    // what the page-errors checks count.
    const refusal = () => h.pageErrors.findIndex((e) => /requires 'TrustedHTML' assignment/.test(e));
    await expect.poll(refusal).toBeGreaterThanOrEqual(0);
    h.pageErrors.splice(refusal(), 1);
  });
});

/** Azure vaults nobody can reach: each test gets a new window on a new core (the first-run form shows once). */
describe('Kluis in Chromium: connecting to Azure without access', () => {
  let h: KluisHarness;

  beforeEach(async () => {
    h = await launchKluis();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('adds the vault from the first-run form and shows why listing failed', async () => {
    const page = h.page;
    const form = page.getByRole('form', { name: 'Connect to an Azure Key Vault' });
    await form.getByRole('textbox', { name: /^Vault name or URL/ }).fill('kluis-e2e-nowhere');
    await expect(form.getByRole('combobox', { name: /Sign-in method/ }).inputValue()).resolves.toBe(
      'default',
    );
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('navigation', { name: 'Vaults' }).getByText('kluis-e2e-nowhere').waitFor();
    const banner = page.locator('[data-error-kind]');
    await banner.waitFor({ timeout: 90_000 });
    const kind = await banner.getAttribute('data-error-kind');
    expect(['network', 'unauthenticated', 'forbidden', 'tls']).toContain(kind);
    expect((await banner.textContent())?.length).toBeGreaterThan(20);
    await banner.getByRole('button', { name: 'Retry' }).waitFor();
    await h.screenshot('07-azure-error');
    await expectAccessible(page);
  });

  it('adds a second vault from the sidebar and switches with Ctrl+1 / Ctrl+2', async () => {
    const page = h.page;
    // The first vault, added through core as the first-run form adds it.
    await h.value('vaults', 'add', { vault: 'kluis-e2e-nowhere', auth: { method: 'default' } });
    await page.reload();
    const sidebar = page.getByRole('navigation', { name: 'Vaults' });
    await sidebar.getByRole('button', { name: 'Add vault' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an Azure Key Vault' });
    await dialog
      .getByRole('textbox', { name: /^Vault name or URL/ })
      .fill('https://kluis-e2e-second.vault.azure.net/');
    await dialog.getByRole('combobox', { name: /Sign-in method/ }).selectOption('azure-cli');
    await dialog.getByRole('button', { name: 'Add vault' }).click();
    await sidebar.getByText('kluis-e2e-second').waitFor();
    await page.getByRole('region', { name: 'Secrets in kluis-e2e-second' }).waitFor();
    await page.keyboard.press('Control+1');
    await page.getByRole('region', { name: 'Secrets in kluis-e2e-nowhere' }).waitFor();
    await page.keyboard.press('Control+2');
    await page.getByRole('region', { name: 'Secrets in kluis-e2e-second' }).waitFor();
  });
});

describe('Kluis in Chromium: a vault with many secrets', () => {
  let h: KluisHarness;

  beforeAll(async () => {
    h = await launchKluis();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('streams every page into a virtualized list', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Try the local vault' }).click();
    await page.getByText('has no secrets yet').waitFor();
    const vaultId = await h.selectedVaultId();
    const total = 240;
    for (let i = 0; i < total; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          h.call('secrets', 'set', {
            vaultId,
            name: `app-setting-${String(i + j).padStart(3, '0')}`,
            value: 'x',
          }),
        ),
      );
    }
    await page.keyboard.press('F5');
    await page.getByText(`${total} secrets`).waitFor();
    const rendered = await page.locator('[data-secret-name]').count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(80);
    await page.locator('[data-secret-name="app-setting-000"]').focus();
    await page.keyboard.press('End');
    await page.locator(`[data-secret-name="app-setting-${total - 1}"]`).waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-secret-name'))).resolves.toBe(
      `app-setting-${total - 1}`,
    );
  });
});
