import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';

const VALUE = 'screen-share-secret-3b9e';

describe('privacy mode', () => {
  let h: KluisHarness;
  let page: Page;
  let vaultId = '';

  // The tests only read shared-screen (edits and deletes are cancelled), so it is seeded once.
  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
    vaultId = await openLocalVault(h);
    await h.call('secrets', 'set', {
      vaultId,
      name: 'shared-screen',
      value: VALUE,
      tags: { customer: 'contoso' },
    });
    await page.keyboard.press('F5');
    await page.locator('[role="row"][data-secret-name="shared-screen"]').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('masks names and values, hides a revealed value and turns reveal and copy off (Ctrl+Shift+P)', async () => {
    await page.locator('[role="row"][data-secret-name="shared-screen"]').click();
    const details = page.getByRole('region', { name: 'Details of shared-screen' });
    await details.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(details.getByTestId('secret-value').textContent()).resolves.toBe(VALUE);

    await page.keyboard.press('Control+Shift+P');
    await page.getByText('Privacy mode is on').waitFor();
    await expect.poll(() => page.content()).not.toContain(VALUE);
    await expect(details.getByRole('button', { name: 'Reveal', exact: true }).isDisabled()).resolves.toBe(
      true,
    );
    await expect(details.getByRole('button', { name: 'Copy', exact: true }).isDisabled()).resolves.toBe(true);
    const blurred = await page
      .locator('[role="row"][data-secret-name="shared-screen"] [role="gridcell"]')
      .nth(1)
      .evaluate((cell) => getComputedStyle(cell).filter);
    expect(blurred).toContain('blur');
    await h.screenshot('11-privacy-mode');

    // Main refuses too, whatever the page does.
    const refused = await h.call('secrets', 'get', {
      vaultId,
      name: 'shared-screen',
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'privacy-mode' } });
    const copy = await h.call('secrets', 'copyValue', {
      vaultId,
      name: 'shared-screen',
    });
    expect(copy).toMatchObject({ ok: false, error: { kind: 'privacy-mode' } });
    expect(h.clipboard.current()).toBe('');

    await page.keyboard.press('Control+Shift+P');
    await page.getByText('Privacy mode is on').waitFor({ state: 'detached' });
    await expect(details.getByRole('button', { name: 'Reveal', exact: true }).isEnabled()).resolves.toBe(
      true,
    );
  });

  it('keeps the window out of screen captures while a value shows, and masks editors and dialogs', async () => {
    const row = page.locator('[role="row"][data-secret-name="shared-screen"]');
    // The banner only: the masked editor's note says "privacy mode is on" too.
    const banner = () => page.getByText(/^Privacy mode is on:/);
    const details = page.getByRole('region', { name: 'Details of shared-screen' });
    const darkScreenshot = async (name: string) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForTimeout(500);
      await h.screenshot(name);
      await page.emulateMedia({ colorScheme: 'light' });
    };
    await row.click();
    await details.getByRole('button', { name: 'Reveal', exact: true }).click();
    await details.getByTestId('secret-value').waitFor();
    await expect.poll(() => h.contentProtection.at(-1)).toBe(true);
    await details.getByRole('button', { name: 'Conceal' }).click();
    await expect.poll(() => h.contentProtection.at(-1)).toBe(false);

    // The new-version editor shows the current value; privacy mode masks it and keeps it.
    await details.getByRole('button', { name: 'New version' }).click();
    const form = page.getByRole('form', { name: 'New version of shared-screen' });
    const editor = form.getByRole('textbox', { name: 'New value' });
    await expect.poll(() => editor.inputValue()).toBe(VALUE);
    await expect.poll(() => h.contentProtection.at(-1)).toBe(true);
    await page.keyboard.press('Control+Shift+P');
    await form.getByTestId('value-masked').waitFor();
    await expect.poll(() => page.content()).not.toContain(VALUE);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(VALUE);
    await expect(form.getByRole('button', { name: 'Save new version' }).isDisabled()).resolves.toBe(true);
    await expect.poll(() => h.contentProtection.at(-1)).toBe(false);
    await h.screenshot('12-privacy-editor');
    await darkScreenshot('13-privacy-editor-dark');
    await page.keyboard.press('Control+Shift+P');
    await banner().waitFor({ state: 'detached' });
    await expect.poll(() => editor.inputValue()).toBe(VALUE);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });

    // A dialog renders in a portal outside the app's frame: the mask reaches it too.
    await page.keyboard.press('Control+Shift+P');
    await banner().waitFor();
    await row.click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    const nameFilter = await dialog
      .locator('[data-private]')
      .first()
      .evaluate((el) => getComputedStyle(el).filter);
    expect(nameFilter).toContain('blur');
    await h.screenshot('14-privacy-dialog');
    await darkScreenshot('15-privacy-dialog-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Control+Shift+P');
    await banner().waitFor({ state: 'detached' });
    expect(h.pageErrors).toEqual([]);
  });

  it('can be turned on from the command palette too', async () => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.getByRole('combobox', { name: 'Command' }).fill('privacy');
    await palette.getByRole('option', { name: /Turn privacy mode on/ }).click();
    await page.getByText('Privacy mode is on').waitFor();
    await page.keyboard.press('Control+Shift+P');
    await page.getByText('Privacy mode is on').waitFor({ state: 'detached' });
  });
});
