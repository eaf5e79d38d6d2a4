import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';

const VALUE = 'screen-share-secret-3b9e';

describe('privacy mode', () => {
  let h: KluisHarness;
  let page: Page;

  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('masks names and values, hides a revealed value and turns reveal and copy off (Ctrl+Shift+P)', async () => {
    await page.getByRole('button', { name: 'Try the local vault' }).click();
    await page.getByText('has no secrets yet').waitFor();
    const vaultId = await h.selectedVaultId();
    await h.call('secrets', 'set', {
      vaultId,
      name: 'shared-screen',
      value: VALUE,
      tags: { customer: 'contoso' },
    });
    await page.keyboard.press('F5');
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
