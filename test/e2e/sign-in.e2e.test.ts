import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectWithDeviceCode,
  launchWithIdentity,
  type IdentityWorld,
  type SignInSetup,
} from './harness/identity';
import type { KluisHarness } from './harness/launch-kluis';
import { enterDeviceCode } from '../support/oidc-user';

describe('Kluis in Chromium: device-code sign-in against a local OpenID provider', () => {
  let setup: SignInSetup;
  let world: IdentityWorld;
  let h: KluisHarness;
  let page: Page;

  beforeAll(async () => {
    setup = await launchWithIdentity();
    ({ world, h } = setup);
    page = h.page;
  });
  afterAll(async () => {
    await setup?.close();
  });

  it('adds a vault with Device code, shows the code, and loads the list once the code is entered', async () => {
    await connectWithDeviceCode(page, setup);

    const dialog = page.getByRole('dialog', { name: 'Sign in with a code' });
    await dialog.waitFor();
    const code = (await dialog.getByTestId('device-code').textContent())?.trim() ?? '';
    expect(code.length).toBeGreaterThan(3);
    const link = await dialog.getByRole('link').getAttribute('href');
    expect(link).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    await h.screenshot('40-device-code');

    // In Electron the page's own clipboard and new windows are denied: both go through main.
    await dialog.getByRole('button', { name: 'Copy code' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(h.clipboard.current()).toBe(code);
    expect(h.clipboard.currentKind()).toBe('plain');
    await dialog.getByRole('link').click();
    await expect.poll(() => h.openedPages).toEqual([link]);
    expect(page.url()).not.toContain('devicelogin');

    expect(await enterDeviceCode(link ?? '', code, world.provider.caPem)).toBeLessThan(400);
    // The dialog closes by itself once the waiting call succeeds.
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    await page.getByText('has no secrets yet').waitFor({ timeout: 20_000 });
    const who = page.getByTestId('who-am-i');
    await who.getByText(world.provider.user.preferredUsername).waitFor();
    await who.getByText('authorized').waitFor();
    await h.screenshot('41-signed-in');
    expect(h.pageErrors).toEqual([]);
  });

  it('signs out in Settings', async () => {
    // A vault signed in with a device code, as the test above leaves it.
    if ((await h.value('app', 'getState', {})).settings.vaults.length === 0) {
      await connectWithDeviceCode(page, setup);
      const dialog = page.getByRole('dialog', { name: 'Sign in with a code' });
      const code = (await dialog.getByTestId('device-code').textContent())?.trim() ?? '';
      const link = (await dialog.getByRole('link').getAttribute('href')) ?? '';
      expect(await enterDeviceCode(link, code, world.provider.caPem)).toBeLessThan(400);
      await page.getByTestId('who-am-i').getByText('authorized').waitFor({ timeout: 20_000 });
    }
    await page.getByRole('navigation', { name: 'Vaults' }).getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('main', { name: 'Settings' });
    await settings.getByRole('button', { name: /^Sign out of / }).click();
    await settings.getByText('Signed out').waitFor();
    await h.screenshot('42-signed-out');
    expect(h.pageErrors).toEqual([]);
  });
});
