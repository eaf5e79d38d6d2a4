import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { HygieneContext, HygieneSession } from './session';

const SEEDS: Record<string, string> = {
  'hyg-tx-one': 'Hyg1ene-tx-one-71c0e4',
  'hyg-tx-two': 'Hyg1ene-tx-two-\nsecond line-2d9a55',
};
const PASS = 'Hyg1ene bundle passphrase 0e3f';

/** The files the (fake) save dialog wrote while `work` ran: the ones the user chose. */
async function written(dir: string, work: () => Promise<void>): Promise<string[]> {
  const before = new Set(await readdir(dir));
  await work();
  return (await readdir(dir)).filter((f) => !before.has(f)).map((f) => join(dir, f));
}

async function exportShown({ page }: HygieneContext, format: RegExp, passphrase?: string) {
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: /Export secrets/ }).click();
  const dialog = page.getByRole('dialog', { name: /Export secrets from/ });
  await dialog.getByRole('radio', { name: /the filter shows$/ }).check();
  await dialog.getByRole('radio', { name: format }).check();
  if (passphrase) {
    await dialog.locator('input[type="password"]').nth(0).fill(passphrase);
    await dialog.locator('input[type="password"]').nth(1).fill(passphrase);
  } else {
    await dialog.getByRole('checkbox', { name: /I understand/ }).check();
  }
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await dialog.getByText('Exported 2 secrets to').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Export the filtered secrets as an encrypted bundle and as .env (the files the user chose), remove them, and
 * import them back from the .env file through the wizard.
 */
export const transferSession: HygieneSession = {
  name: 'export and import',
  values: [...Object.values(SEEDS), PASS],
  async run(ctx) {
    const { h, page, vaultId } = ctx;
    for (const [name, value] of Object.entries(SEEDS))
      await h.value('secrets', 'set', { vaultId, name, value });
    await page.keyboard.press('F5');
    await page.getByLabel('Filter secrets').fill('hyg-tx');
    await page.locator('[role="row"][data-secret-name="hyg-tx-two"]').waitFor();

    const bundle = await written(h.savedFilesDir, () => exportShown(ctx, /^Encrypted Kluis bundle/, PASS));
    const env = await written(h.savedFilesDir, () => exportShown(ctx, /^\.env/));
    expect(bundle).toHaveLength(1);
    expect(env).toHaveLength(1);
    // The plain-text file the user chose holds the values (so the checks after the sessions look past it).
    expect(await readFile(env[0]!, 'utf8')).toContain(SEEDS['hyg-tx-one']);

    for (const name of Object.keys(SEEDS)) {
      await h.value('secrets', 'delete', { vaultId, name });
      await h.value('deleted', 'purge', { vaultId, name });
    }
    // The open dialog picks the newest saved file of the kind it asks for: the .env just written.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Import secrets/ }).click();
    const wizard = page.getByRole('dialog', { name: /Import secrets into/ });
    await wizard.getByRole('button', { name: 'Choose file…' }).click();
    await wizard.getByRole('table', { name: 'Name mapping' }).waitFor();
    await wizard.getByRole('button', { name: /^Compare with/ }).click();
    await wizard.getByText('New: 2').waitFor();
    await wizard.getByRole('button', { name: 'Import 2 secrets' }).click();
    await wizard.getByText(/^2 rows done\./).waitFor({ timeout: 30_000 });
    await wizard.getByRole('button', { name: 'Close' }).click();
    await wizard.waitFor({ state: 'hidden' });
    for (const [name, value] of Object.entries(SEEDS)) {
      expect((await h.value('secrets', 'get', { vaultId, name })).value).toBe(value);
    }
    // The same import through core, under other names: its preview and dry run carry no value.
    const preview = await h.value('transfer', 'importOpen', { vaultId });
    const diff = await h.value('transfer', 'importDiff', {
      importId: preview.importId,
      names: ['hyg-tx-one-copy', 'hyg-tx-two-copy'],
    });
    // Line by line: JSON would spell the newline in the two-line value as \n.
    const answers = JSON.stringify([preview, diff]);
    for (const part of Object.values(SEEDS).flatMap((v) => v.split('\n')))
      expect(answers).not.toContain(part);
    await h.value('transfer', 'importDiscard', { importId: preview.importId });
    await page.getByLabel('Filter secrets').fill('');
    return { chosenFiles: [...bundle, ...env] };
  },
};
