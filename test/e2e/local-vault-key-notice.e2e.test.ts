import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreCaller } from '../support/core-caller';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';

/**
 * A local vault whose key no OS keyring protects (Linux's basic_text): the warning arises when the vault first
 * starts, after the window has read the app state, so it must reach the running window as an event.
 */
describe('Kluis in Chromium: the unprotected local vault key is told to a running window', () => {
  let h: KluisHarness;
  let page: Page;

  beforeAll(async () => {
    h = await launchKluis({ keyProtected: false });
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the notice as soon as the local vault starts, without a reload, once', async () => {
    await page.getByRole('heading', { name: 'Welcome to Kluis' }).waitFor();
    const notice = page.getByText(/encryption key is not protected by your operating system's keyring/);
    expect(await notice.count()).toBe(0);
    // Started by main, not by the page's own first-run button (which reads the whole state again afterwards): only
    // the event can tell this window, as when a listed local vault starts on first use or after a restart.
    await coreCaller(h.core.handlers).value('localVault', 'open', {});
    await page.getByText('has no secrets yet').waitFor();
    await notice.waitFor();
    expect(await notice.count()).toBe(1);
    await h.screenshot('44-local-vault-key-unprotected');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(300);
    await h.screenshot('44-local-vault-key-unprotected-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(h.pageErrors).toEqual([]);
  });
});
