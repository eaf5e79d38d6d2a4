import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreCaller } from '../support/core-caller';
import { testProtector } from '../support/test-protector';
import { startVaultWorld } from '../integration/dashboard/multi-vault';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';

const VALUES = [
  'same-value-1',
  'local-db-value',
  'prod-db-value',
  'only-local-value',
  'gone-local',
  'gone-prod',
];

/**
 * Compare and promote in Chromium: the embedded local vault (A) against a second real local vault added as an
 * Azure vault (B, service principal through the test OpenID provider). Compare, filter by status, select rows
 * with the mouse and the keyboard, review the dry run, promote, see the results, and the table compared again.
 */
describe('Kluis in Chromium: compare and promote', () => {
  let world: Awaited<ReturnType<typeof startVaultWorld>>;
  let h: KluisHarness;
  let page: Page;
  const logLines: string[] = [];
  const shot = async (name: string) => {
    await h.screenshot(`${name}-light`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await h.screenshot(`${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(400);
  };
  const statusOf = (name: string) =>
    page.locator('tr[data-row]', { hasText: name }).first().getAttribute('data-status');

  beforeAll(async () => {
    // Vault 1 lets the service principal list its secrets but not read their values (RBAC denies get).
    world = await startVaultWorld(2, { access: { 1: { model: 'rbac', deny: ['get'] } } });
    h = await launchKluis({
      testTrust: world.testTrust,
      protector: testProtector(),
      log: (line) => logLines.push(line),
    });
    page = h.page;
    const caller = coreCaller(h.core.handlers);
    const localId = await openLocalVault(h);
    const set = (name: string, value: string, extra: Record<string, unknown> = {}) =>
      caller.value('secrets', 'set', { vaultId: localId, name, value, ...extra });
    await set('api-key', 'same-value-1', { contentType: 'text/plain' });
    await set('db-password', 'local-db-value', { tags: { env: 'dev' } });
    await set('only-local', 'only-local-value', { contentType: 'application/json', tags: { owner: 'ops' } });
    await set('gone', 'gone-local');
    const prod = world.clientOf(0);
    await prod.setSecret('api-key', 'same-value-1', { contentType: 'text/plain' });
    await prod.setSecret('db-password', 'prod-db-value', { tags: { env: 'dev' } });
    await prod.setSecret('only-prod', 'x');
    await prod.setSecret('gone', 'gone-prod');
    await (await prod.beginDeleteSecret('gone')).pollUntilDone();
    await world.clientOf(1).setSecret('api-key', 'same-value-1', { contentType: 'text/plain' });
    await world.connect(caller, ['Prod-EU', 'Locked']);
    await page.reload();
    await page.getByRole('button', { name: 'Compare vaults' }).waitFor();
  });
  afterAll(async () => {
    await h?.close();
    await world?.stop();
  });

  it('compares two vaults into one table, filtered by status chips', async () => {
    await page.getByRole('button', { name: 'Compare vaults' }).click();
    await page.getByLabel('Vault A').selectOption({ label: 'Local vault' });
    await page.getByLabel('Vault B').selectOption({ label: 'Prod-EU' });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByText('5 names compared.').waitFor({ timeout: 30_000 });
    expect(await statusOf('api-key')).toBe('same');
    expect(await statusOf('db-password')).toBe('differs');
    expect(await statusOf('only-local')).toBe('only-a');
    expect(await statusOf('only-prod')).toBe('only-b');
    expect(await statusOf('gone')).toBe('only-a');
    await expect
      .poll(() => page.locator('tr[data-row]', { hasText: 'gone' }).innerText())
      .toMatch(/deleted in Prod-EU/);
    await shot('compare-table');

    await page.getByRole('button', { name: /^Differs/ }).click();
    await expect.poll(() => page.locator('tr[data-row]').count()).toBe(1);
    await page.getByRole('button', { name: /^Differs/ }).click();
    await expect.poll(() => page.locator('tr[data-row]').count()).toBe(5);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('selects with mouse and keyboard, reviews the dry run, promotes, and compares again', async () => {
    await page.getByLabel('Select db-password').check();
    await page.getByLabel('Select only-local').check();
    // Keyboard: focus the row of "gone" and select it with Space; its action is recover-then-update.
    await page.locator('tr[data-row]', { hasText: 'gone' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByLabel('Select gone').isChecked()).toBe(true);
    expect(await page.getByLabel('Promote gone as').inputValue()).toBe('recover-then-update');
    await page.getByText('3 secrets selected').waitFor();

    await page.getByRole('button', { name: 'Review promote…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('table', { name: 'Dry run' }).waitFor();
    expect(await dialog.getByTestId('plan-row').count()).toBe(3);
    const planText = await dialog.innerText();
    expect(planText).toMatch(/Nothing has been written yet/);
    expect(planText).toMatch(/only-local\s+Copy\s+value; content type application\/json; tags owner=ops/);
    expect(planText).toMatch(/db-password\s+Overwrite as new version/);
    expect(planText).toMatch(/gone\s+Recover, then update/);
    await shot('compare-dry-run');

    await dialog.getByRole('button', { name: 'Promote 3 secrets' }).click();
    await dialog.getByText('3 of 3 done.').waitFor({ timeout: 30_000 });
    const results = await dialog.getByRole('list', { name: 'Results' }).innerText();
    expect(results).toMatch(/Created/);
    expect(results).toMatch(/New version written/);
    expect(results).toMatch(/Recovered and updated/);
    await shot('compare-promoted');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Compared again: what was promoted now holds A's value in B.
    await page.getByText('5 names compared.').waitFor({ timeout: 30_000 });
    await expect.poll(() => statusOf('db-password')).toBe('same');
    await expect.poll(() => statusOf('gone')).toBe('same');
    await expect.poll(() => statusOf('only-local')).toBe('same');
    expect((await world.clientOf(0).getSecret('db-password')).value).toBe('local-db-value');

    const html = await page.content();
    for (const v of VALUES) expect(html).not.toContain(v);
  });

  it('a vault that lists but refuses get: its rows say they were not compared, and why', async () => {
    await page.getByLabel('Vault B').selectOption({ label: 'Locked' });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByText(/names compared\./).waitFor({ timeout: 30_000 });
    await expect.poll(() => statusOf('api-key')).toBe('unknown');
    const why = await page
      .locator('tr[data-row]', { hasText: 'api-key' })
      .getByTestId('not-compared')
      .innerText();
    expect(why).toMatch(/Locked: /);
    expect(why).toMatch(/not authorized|permission|role/i);
    expect(await statusOf('only-local')).toBe('only-a');
    await shot('compare-get-denied');
  });

  it('after the session, no compared value is in any log line or any file under userData', async () => {
    await h.core.dispose(); // flush settings and close the local vault store before reading files
    const entries = await readdir(h.userDataDir, { withFileTypes: true, recursive: true });
    const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(0);
    for (const value of VALUES) {
      expect(logLines.join('\n')).not.toContain(value);
      for (const file of files) {
        const bytes = await readFile(file);
        expect(bytes.includes(Buffer.from(value)), file).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(value).toString('base64'))), file).toBe(false);
      }
    }
  });
});
