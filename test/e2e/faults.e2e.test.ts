import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault } from '../../electron/local-vault';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';

/**
 * A vault that fails every request (the local vault's fault injection at rate 1): the UI shows that Kluis is
 * retrying, then a clear error; what the user typed into the create form survives the failed save.
 */
describe('Kluis against a failing vault', () => {
  let h: KluisHarness;
  let page: Page;
  const retryNotices: string[] = [];

  beforeAll(async () => {
    h = await launchKluis({
      startLocalVault: (options) => startLocalVault({ ...options, faults: { rate: 1, seed: 7 } }),
    });
    page = h.page;
    await page.exposeFunction('__recordRetry', (text: string) => retryNotices.push(text));
    await page.evaluate(() => {
      new MutationObserver(() => {
        const text = [...document.querySelectorAll('[role="status"]')]
          .map((n) => n.textContent ?? '')
          .find((t) => t.includes('retrying'));
        if (text) (window as unknown as { __recordRetry(t: string): void }).__recordRetry(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // Both tests work on the failing local vault; its first listing's retries show after this click.
    await page.getByRole('button', { name: 'Try the local vault' }).click();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the retries, then an error that says what to do', async () => {
    const banner = page.getByRole('button', { name: 'Retry' });
    await banner.waitFor({ timeout: 60_000 });
    expect(retryNotices.some((t) => /retrying \(\d\/\d\)/.test(t))).toBe(true);
    expect(retryNotices.join('\n')).toMatch(/Key Vault had a problem|connection to the vault failed/);
    await h.screenshot('10-failing-vault');
  });

  it('keeps what the user typed when a save fails', async () => {
    await page.getByRole('region', { name: /^Secrets in Local vault/ }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('kept-name');
    await form.getByRole('textbox', { name: /^Value/ }).fill('kept value typed by the user');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').or(form.locator('.fui-MessageBar')).first().waitFor({ timeout: 60_000 });
    const text = (await form.textContent()) ?? '';
    expect(text).toMatch(/not saved|try again/i);
    await expect(form.getByRole('textbox', { name: /^Name/ }).inputValue()).resolves.toBe('kept-name');
    await expect(form.getByRole('textbox', { name: /^Value/ }).inputValue()).resolves.toBe(
      'kept value typed by the user',
    );
  });
});
