import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreCaller } from '../support/core-caller';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';

const DAY = 86_400_000;
const BULK = Array.from({ length: 30 }, (_, i) => `bulk-${String(i).padStart(2, '0')}`);

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/**
 * One window and core over the local vault, seeded once. Before each test every deleted secret is recovered (backup-me
 * set again if a test purged it and did not restore it) and the window is loaded anew on the local vault, so each
 * test starts from the 36 seeded secrets, none deleted, whatever ran before it.
 */
describe('Kluis in Chromium: the list, many at once, backup, deleted view, palette', () => {
  let h: KluisHarness;
  let page: Page;
  let vaultId = '';
  const row = (name: string) => page.locator(`[role="row"][data-secret-name="${name}"]`);
  const shownNames = () =>
    page
      .locator('[role="row"][data-secret-name]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-secret-name')));
  /** A core call's value (as the renderer would get it), failing the test on an error. */
  let call: ReturnType<typeof coreCaller>['value'];
  const filter = () => page.getByRole('searchbox', { name: 'Filter secrets' });
  const BACKUP_ME = { contentType: 'text/plain', tags: { owner: 'e2e' } };
  /** The names in the vault's deleted view, every page. */
  const deletedNames = async () => {
    const names = new Set<string>();
    let continuationToken: string | undefined;
    do {
      const page = await call('deleted', 'listPage', {
        vaultId,
        ...(continuationToken ? { continuationToken } : {}),
      });
      for (const d of page.items) names.add(d.properties.name);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return names;
  };

  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
    call = coreCaller(h.core.handlers).value;
    vaultId = await openLocalVault(h);
    const now = Date.now();
    const special: Array<[string, Record<string, unknown>]> = [
      ['prod-api', { tags: { env: 'prod' }, expiresOn: now + 10 * DAY, contentType: 'text/plain' }],
      ['prod-db', { tags: { env: 'prod' }, expiresOn: now + 60 * DAY, contentType: 'application/json' }],
      ['dev-key', { tags: { env: 'dev' }, expiresOn: now + 3 * DAY }],
      ['future-key', { notBefore: now + 5 * DAY }],
      ['off-key', { enabled: false }],
      ['backup-me', BACKUP_ME],
    ];
    for (const [name, extra] of special)
      await call('secrets', 'set', { vaultId, name, value: `v-${name}`, ...extra });
    for (const name of BULK) await call('secrets', 'set', { vaultId, name, value: `v-${name}` });
    await page.getByRole('button', { name: 'Refresh (F5)' }).click();
    await row('backup-me').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    for (const name of await deletedNames()) await call('deleted', 'recover', { vaultId, name });
    const live = await call('secrets', 'get', { vaultId, name: 'backup-me' }).catch(() => undefined);
    if (!live)
      await call('secrets', 'set', { vaultId, name: 'backup-me', value: 'v-backup-me', ...BACKUP_ME });
    await call('vaults', 'select', { vaultId });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await row('backup-me').waitFor();
  });

  it('filters with tag:env=prod and expires<30d, and hints at a term it cannot read', async () => {
    await page.keyboard.press('Control+f');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(
      'Filter secrets',
    );
    await page.keyboard.type('tag:env=prod');
    await expect.poll(shownNames).toEqual(['prod-api', 'prod-db']);
    await page.keyboard.type(' expires<30d');
    await expect.poll(shownNames).toEqual(['prod-api']);
    await h.screenshot('30-filter-terms');
    await expectAccessible(page);
    await filter().fill('enabled=maybe');
    await page.getByText(/Not used: "enabled=maybe"/).waitFor();
    await page.getByText('36 of 36 secrets').waitFor();
    await filter().fill('disabled');
    await expect.poll(shownNames).toEqual(['off-key']);
    await expect(row('off-key').textContent()).resolves.toContain('No');
    await filter().fill('future');
    await expect(row('future-key').textContent()).resolves.toContain('not yet');
    await filter().fill('');
  });

  it('sorts by expiry from the header (aria-sort), soonest first, then flips', async () => {
    const expires = page.getByRole('columnheader', { name: 'Expires' });
    await expires.getByRole('button').click();
    await expect(expires.getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect
      .poll(async () => (await shownNames()).slice(0, 3))
      .toEqual(['dev-key', 'prod-api', 'prod-db']);
    await expect(row('dev-key').textContent()).resolves.toContain('in 3 d');
    await h.screenshot('31-sorted-by-expiry');
    await expires.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(expires.getAttribute('aria-sort')).resolves.toBe('descending');
    await expect.poll(async () => (await shownNames()).slice(0, 1)).toEqual(['prod-db']);
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  });

  it('selects 30 rows and deletes them in bulk with progress and per-item results', async () => {
    await filter().fill('bulk-');
    await expect.poll(async () => (await shownNames()).length).toBeGreaterThan(10);
    await row('bulk-00').click({ modifiers: ['Control'] });
    await row('bulk-04').click({ modifiers: ['Shift'] });
    await page.getByText('5 secrets selected').waitFor();
    await page.getByRole('checkbox', { name: /Select all shown secrets/ }).click();
    await page.getByText('30 secrets selected').waitFor();
    await h.screenshot('32-selected');
    await expectAccessible(page);
    await page
      .getByRole('toolbar', { name: 'Selected secrets' })
      .getByRole('button', { name: /Delete/ })
      .click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete 30 secrets' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByText('30 secrets deleted.').waitFor({ timeout: 60_000 });
    expect(await dialog.getByRole('list', { name: 'Results' }).getByRole('listitem').count()).toBe(30);
    await h.screenshot('33-bulk-delete-results');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByText(/No secrets match/).waitFor();
    await filter().fill('');
  });

  it('shows all 30 in the deleted view with dates, and recovers them in bulk', async () => {
    // The 30 deleted, as the bulk delete above leaves them: delete through core those that are not.
    const deleted = await deletedNames();
    for (const name of BULK.filter((n) => !deleted.has(n)))
      await call('secrets', 'delete', { vaultId, name });
    await page
      .getByRole('navigation', { name: 'Vaults' })
      .getByRole('button', { name: 'Deleted secrets' })
      .click();
    await page.locator('[data-deleted-name="bulk-29"]').waitFor();
    expect(await page.locator('[data-deleted-name]').count()).toBe(30);
    await page.getByRole('columnheader', { name: 'Scheduled purge' }).waitFor();
    await page.getByRole('checkbox', { name: /Select all deleted secrets/ }).click();
    await page.getByText('30 secrets selected').waitFor();
    await h.screenshot('34-deleted-selected');
    await expectAccessible(page);
    await page
      .getByRole('toolbar', { name: 'Selected secrets' })
      .getByRole('button', { name: 'Recover' })
      .click();
    const dialog = page.getByRole('alertdialog', { name: 'Recover 30 secrets' });
    await dialog.getByRole('button', { name: 'Recover' }).click();
    await dialog.getByText('30 secrets recovered.').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByText('No deleted secrets in').waitFor();
    await page.keyboard.press('Control+1');
    await row('bulk-29').waitFor();
  });

  it('backs a secret up to a file, purges it (typing the name), and restores it from the file', async () => {
    await row('backup-me').click();
    await page.getByRole('region', { name: 'Details of backup-me' }).waitFor();
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Back up backup-me to a file/ }).click();
    await page.getByText('Backed up backup-me', { exact: true }).waitFor();
    await call('secrets', 'delete', { vaultId, name: 'backup-me' });
    await page
      .getByRole('navigation', { name: 'Vaults' })
      .getByRole('button', { name: 'Deleted secrets' })
      .click();
    await page.locator('[data-deleted-name="backup-me"]').click();
    const panel = page.getByRole('region', { name: 'Deleted secret backup-me' });
    await panel.getByRole('button', { name: 'Purge' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('textbox', { name: /Type backup-me/ }).fill('backup-me');
    await h.screenshot('35-purge-typed');
    await confirm.getByRole('button', { name: 'Purge' }).click();
    await page.getByText('No deleted secrets in').waitFor();
    // As shown, not only as text content: a flex layout once dropped the space ("Purgedbackup-me").
    const purged = page.locator('[id^="toast-title"]', { hasText: 'Purged' });
    expect(await purged.evaluate((el) => (el as HTMLElement).innerText)).toBe('Purged backup-me');
    await page.keyboard.press('Control+1');
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Restore from a backup file/ }).click();
    await page.getByRole('region', { name: 'Details of backup-me' }).waitFor();
    await row('backup-me').waitFor();
    expect((await call('secrets', 'get', { vaultId, name: 'backup-me' })).value).toBe('v-backup-me');
  });

  it('switches vault from the command palette (Ctrl+K)', async () => {
    await call('vaults', 'add', {
      vault: 'https://kluis-e2e-palette.vault.azure.net/',
      auth: { method: 'azure-cli' },
    });
    await call('vaults', 'select', { vaultId });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.getByRole('combobox', { name: 'Command' }).fill('palette');
    await palette.getByRole('option', { name: /Switch to vault: kluis-e2e-palette/ }).waitFor();
    await h.screenshot('36-command-palette');
    await expectAccessible(page);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Secrets in kluis-e2e-palette' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('local');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: /^Secrets in Local vault/ }).waitFor();
  });

  it('looks right in the dark theme with a selection', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('[data-theme="dark"]').waitFor();
    await filter().fill('tag:env');
    await row('prod-api').click({ modifiers: ['Control'] });
    await row('dev-key').click({ modifiers: ['Control'] });
    await page.getByText('2 secrets selected').waitFor();
    await h.screenshot('37-dark-selection');
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
