import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProtector } from '../support/test-protector';
import {
  connectWithDeviceCode,
  launchWithIdentity,
  type IdentityWorld,
  type SignInSetup,
} from './harness/identity';
import type { KluisHarness } from './harness/launch-kluis';
import { enterDeviceCode } from '../support/oidc-user';

const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .map((f) => join(dir, f))
        .filter((f) => statSync(f).isFile())
    : [];

/**
 * A system whose keychain cannot really protect anything (Linux's basic_text backend of safeStorage): the user is
 * told that sign-ins stay in memory, signs in with a device code, and nothing of the sign-in reaches the disk.
 */
describe('Kluis in Chromium: sign-in without a protected keychain', () => {
  let setup: SignInSetup;
  let world: IdentityWorld;
  let h: KluisHarness;
  let page: Page;

  beforeAll(async () => {
    setup = await launchWithIdentity({ protector: testProtector({ osProtected: false }) });
    ({ world, h } = setup);
    page = h.page;
  });
  afterAll(async () => {
    await setup?.close();
  });

  it('says sign-ins are kept in memory only, signs in, and writes nothing of the sign-in to disk', async () => {
    const notice = page.getByText(/kept in memory only: you will sign in again/);
    await notice.waitFor();

    await connectWithDeviceCode(page, setup);

    const dialog = page.getByRole('dialog', { name: 'Sign in with a code' });
    await dialog.waitFor();
    const code = (await dialog.getByTestId('device-code').textContent())?.trim() ?? '';
    const link = (await dialog.getByRole('link').getAttribute('href')) ?? '';
    expect(await enterDeviceCode(link, code, world.provider.caPem)).toBeLessThan(400);
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    await page.getByText('has no secrets yet').waitFor({ timeout: 20_000 });
    await page.getByTestId('who-am-i').getByText(world.provider.user.preferredUsername).waitFor();
    // Still shown (at the top of the window) once signed in.
    expect(await notice.isVisible()).toBe(true);
    await h.screenshot('43-sign-in-memory-only');

    // Signed in, yet no sign-in files, and no token or account name in any file Kluis wrote.
    expect(filesUnder(join(h.userDataDir, 'sign-in'))).toEqual([]);
    const written = filesUnder(h.userDataDir);
    expect(written.length).toBeGreaterThan(0); // settings.json at least: the scan below looked at something
    for (const file of written) {
      const text = readFileSync(file, 'latin1');
      expect(text, file).not.toContain('eyJ');
      expect(text, file).not.toContain(world.provider.user.preferredUsername);
    }
    expect(h.pageErrors).toEqual([]);
  });
});
