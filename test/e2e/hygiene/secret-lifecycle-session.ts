import { expect } from 'vitest';
import type { HygieneSession } from './session';

const VALUES = ['Hyg1ene-first-value-9d2f41', 'Hyg1ene-second-value-77ac03'];

/** Create, new version, reveal, conceal, copy, delete, recover; and invalid calls that must not echo a value. */
export const secretLifecycleSession: HygieneSession = {
  name: 'create, reveal, copy, delete, recover',
  values: VALUES,
  async run({ h, page, vaultId, pageStrings }) {
    // Create through the form, as a user would.
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('hygiene');
    await form.getByRole('textbox', { name: /^Value/ }).fill(VALUES[0]!);
    await form.getByRole('button', { name: 'Save' }).click();
    const details = page.getByRole('region', { name: 'Details of hygiene' });
    await details.waitFor();

    // A second version, an invalid call that must not echo its value, and a few failing calls.
    await h.value('secrets', 'set', { vaultId, name: 'hygiene', value: VALUES[1]! });
    const refused = await h.call('secrets', 'set', { vaultId, name: 'bad name', value: VALUES[1]! });
    expect(JSON.stringify(refused)).not.toContain(VALUES[1]);

    // Reveal, conceal.
    await page.keyboard.press('F5');
    await page.locator('[role="row"][data-secret-name="hygiene"]').click();
    await details.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(details.getByTestId('secret-value').textContent()).resolves.toBe(VALUES[1]);
    await details.getByRole('button', { name: 'Conceal', exact: true }).click();
    await expect.poll(() => pageStrings()).not.toContain(VALUES[1]);

    // Copy: the value goes to the clipboard through main, never through the page.
    await details.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => h.clipboard.current()).toBe(VALUES[1]);
    for (const value of VALUES) expect(await pageStrings()).not.toContain(value);

    // Delete and recover.
    await h.value('secrets', 'delete', { vaultId, name: 'hygiene' });
    await h.value('deleted', 'recover', { vaultId, name: 'hygiene' });
    await page.keyboard.press('F5');
  },
};
