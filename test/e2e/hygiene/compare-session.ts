import { expect } from 'vitest';
import type { HygieneSession } from './session';

const LOCAL = { 'hyg-cmp-same': 'Hyg1ene-cmp-same-4a1f', 'hyg-cmp-diff': 'Hyg1ene-cmp-local-8b2e' };
const SECOND = { 'hyg-cmp-same': 'Hyg1ene-cmp-same-4a1f', 'hyg-cmp-diff': 'Hyg1ene-cmp-second-c3d9' };

/** Compare the local vault with a second vault and promote the differing secret: values stay in main throughout. */
export const compareSession: HygieneSession = {
  name: 'compare and promote',
  values: [...new Set([...Object.values(LOCAL), ...Object.values(SECOND)])],
  async run({ h, page, vaultId, second }) {
    for (const [name, value] of Object.entries(LOCAL))
      await h.value('secrets', 'set', { vaultId, name, value });
    for (const [name, value] of Object.entries(SECOND)) await second.client.setSecret(name, value);
    await second.connect();
    await page.reload();

    await page.getByRole('button', { name: 'Compare vaults' }).click();
    await page.getByLabel('Vault A').selectOption({ label: 'Local vault' });
    await page.getByLabel('Vault B').selectOption({ label: second.displayName });
    await page.getByLabel('Name filter').fill('hyg-cmp');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByText('2 names compared.').waitFor({ timeout: 30_000 });
    const statusOf = (name: string) =>
      page.locator('tr[data-row]', { hasText: name }).first().getAttribute('data-status');
    expect(await statusOf('hyg-cmp-same')).toBe('same');
    expect(await statusOf('hyg-cmp-diff')).toBe('differs');

    await page.getByLabel('Select hyg-cmp-diff').check();
    await page.getByRole('button', { name: 'Review promote…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('table', { name: 'Dry run' }).waitFor();
    await dialog.getByRole('button', { name: 'Promote 1 secret' }).click();
    await dialog.getByText('1 of 1 done.').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => statusOf('hyg-cmp-diff'), { timeout: 30_000 }).toBe('same');
    expect((await second.client.getSecret('hyg-cmp-diff')).value).toBe(LOCAL['hyg-cmp-diff']);

    // Back to the local vault for whatever session comes next.
    await page.getByRole('navigation', { name: 'Vaults' }).getByText('Local vault').click();
    await page.getByRole('region', { name: 'Secrets in Local vault' }).waitFor();
  },
};
