import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreCaller } from '../support/core-caller';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';

/** More than fit on screen, so keyboard moves have to scroll the virtual list. */
const NAMES = Array.from({ length: 120 }, (_, i) => `key-${i}`);

describe('Kluis in Chromium: the list by keyboard, mouse gestures and the filter', () => {
  let h: KluisHarness;
  let page: Page;
  const row = (name: string) => page.locator(`[role="row"][data-secret-name="${name}"]`);
  const focusedRow = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-secret-name') ?? null);
  const checkedNames = () =>
    page
      .locator('[role="row"][data-secret-name][aria-selected="true"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-secret-name')));
  /** A core call's value (as the renderer would get it), failing the test on an error. */
  let call: ReturnType<typeof coreCaller>['value'];
  const filter = () => page.getByRole('searchbox', { name: 'Filter secrets' });

  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
    call = coreCaller(h.core.handlers).value;
    const vaultId = await openLocalVault(h);
    for (const name of NAMES) await call('secrets', 'set', { vaultId, name, value: `v-${name}` });
    await page.getByRole('button', { name: 'Refresh (F5)' }).click();
    await row('key-0').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sorts names by number (key-2 before key-10) and moves through them with the arrows, End and Home', async () => {
    const first = await page
      .locator('[role="row"][data-secret-name]')
      .evaluateAll((rows) => rows.slice(0, 4).map((r) => r.getAttribute('data-secret-name')));
    expect(first).toEqual(['key-0', 'key-1', 'key-2', 'key-3']);
    await row('key-0').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedRow).toBe('key-2');
    await page.keyboard.press('End');
    await expect.poll(focusedRow).toBe('key-119');
    await page.keyboard.press('PageUp');
    await expect.poll(focusedRow).toBe('key-109');
    await page.keyboard.press('Home');
    await expect.poll(focusedRow).toBe('key-0');
  });

  it('checks with Space, Ctrl+click and Shift+click, all by Ctrl+A, and keeps only shown rows when filtered', async () => {
    await row('key-1').focus();
    await page.keyboard.press(' ');
    await expect.poll(checkedNames).toEqual(['key-1']);
    await row('key-4').click({ modifiers: ['Shift'] });
    await expect.poll(checkedNames).toEqual(['key-1', 'key-2', 'key-3', 'key-4']);
    await row('key-3').click({ modifiers: ['Control'] });
    await expect.poll(checkedNames).toEqual(['key-1', 'key-2', 'key-4']);
    await page.getByText('3 secrets selected').waitFor();

    // Typing narrows the list at once (no deferred render), and the selection keeps only shown rows.
    await filter().fill('key-1');
    await expect.poll(() => row('key-2').count()).toBe(0);
    await page.getByText(/^31 of 120 secrets$/).waitFor();
    await expect.poll(checkedNames).toEqual(['key-1']);
    await filter().fill('key-11');
    await page.getByText(/^11 of 120 secrets$/).waitFor();
    await filter().fill('key-1');
    await page.getByText(/^31 of 120 secrets$/).waitFor();

    await row('key-10').focus();
    await page.keyboard.press('Control+a');
    await expect.poll(async () => (await checkedNames()).length).toBeGreaterThan(10);
    await page.getByText('31 secrets selected').waitFor();
    await filter().fill('');
    await page.getByText(/^120 secrets/).waitFor();
    await page.getByText('31 secrets selected').waitFor();
    await page.getByRole('button', { name: 'Clear the selection' }).click();
    await expect.poll(checkedNames).toEqual([]);
  });

  it('opens a secret with Enter and with a click', async () => {
    await row('key-5').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row('key-5').getAttribute('aria-current')).toBe('true');
    await row('key-7').click();
    await expect.poll(() => row('key-7').getAttribute('aria-current')).toBe('true');
    await expect.poll(() => row('key-5').getAttribute('aria-current')).toBeNull();
  });
});
