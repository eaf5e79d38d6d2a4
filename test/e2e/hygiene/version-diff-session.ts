import { expect } from 'vitest';
import type { HygieneSession } from './session';

const VALUES = ['{"token":"Hyg1ene-diff-old-5e01aa"}', '{"token":"Hyg1ene-diff-new-0b7c3d"}'];
const SECRETS = ['Hyg1ene-diff-old-5e01aa', 'Hyg1ene-diff-new-0b7c3d'];

/** Version diff: reveal both versions, see their diff, conceal, restore the older one (in main, no reveal). */
export const versionDiffSession: HygieneSession = {
  name: 'version diff and restore',
  values: [...VALUES, ...SECRETS],
  async run({ h, page, vaultId, pageStrings }) {
    await h.value('secrets', 'set', { vaultId, name: 'hygiene-diff', value: VALUES[0]!, tags: { v: '1' } });
    await h.value('secrets', 'set', { vaultId, name: 'hygiene-diff', value: VALUES[1]!, tags: { v: '2' } });
    await page.keyboard.press('F5');
    await page.locator('[role="row"][data-secret-name="hygiene-diff"]').click();
    const details = page.getByRole('region', { name: 'Details of hygiene-diff' });
    const boxes = details.getByRole('checkbox', { name: /^Select version .* to compare$/ });
    await expect.poll(() => boxes.count()).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await details.getByRole('button', { name: 'Compare (2 of 2)' }).click();
    const dialog = page.getByRole('dialog', { name: /^hygiene-diff: version/ });

    // Nothing before the reveal; both values in the diff after it; nothing again once concealed.
    for (const value of SECRETS) expect(await pageStrings()).not.toContain(value);
    await dialog.getByRole('button', { name: 'Reveal both values' }).click();
    await expect(dialog.getByTestId('json-paths').textContent()).resolves.toContain(SECRETS[0]);
    await dialog.getByRole('button', { name: 'Conceal', exact: true }).click();
    for (const value of SECRETS) await expect.poll(() => pageStrings()).not.toContain(value);

    // Restore the older version: its value goes from the vault to the vault, never through the page.
    await dialog.getByRole('button', { name: /^Restore .* as new version$/ }).click();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await h.value('secrets', 'get', { vaultId, name: 'hygiene-diff' })).value).toBe(VALUES[0]);
    for (const value of SECRETS) expect(await pageStrings()).not.toContain(value);
  },
};
