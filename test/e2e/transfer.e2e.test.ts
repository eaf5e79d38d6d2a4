import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../electron/contract';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';

/**
 * Export and import through the window: each format exported from the local vault to the file the (fake) save
 * dialog picks, the secrets removed from the vault, and imported back from that file through the wizard (mapping,
 * dry run, conflict rule, progress, results); values compared byte for byte through core, properties where the
 * format holds them. A bad file shows its line and column. No value ever reaches the DOM.
 */

const PASS = 'e2e bundle passphrase';
const SEEDS: Record<string, string> = {
  'tx-multi': 'line one\nline "two"\r\n',
  'tx-quotes': `it's \`odd\` = # $HOME \\n`,
  'tx-unicode': 'ünïcødé ✓ 鍵 🔑',
  'tx-props': 'with properties',
};
const FORMAT_RADIO: Record<ExportFormat, RegExp> = {
  bundle: /^Encrypted Kluis bundle/,
  env: /^\.env/,
  json: /^JSON: /,
  'json-full': /^JSON with properties/,
  csv: /^CSV/,
};
const WITH_PROPERTIES = new Set<ExportFormat>(['bundle', 'json-full', 'csv']);

describe('Kluis in Chromium: export and import', () => {
  let h: KluisHarness;
  let page: Page;
  let vaultId = '';

  const darkScreenshot = async (name: string) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await h.screenshot(name);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(400);
  };
  const openMenu = async (item: RegExp) => {
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: item }).click();
  };
  const seed = async () => {
    for (const [name, value] of Object.entries(SEEDS)) {
      await h.value('secrets', 'set', {
        vaultId,
        name,
        value,
        ...(name === 'tx-props' ? { contentType: 'text/plain', tags: { env: 'e2e', team: 'kluis' } } : {}),
      });
    }
  };
  /** Deletes the seeded secrets (and purges them, unless they should stay deleted for the import to find). */
  const clear = async (purge: boolean) => {
    for (const name of Object.keys(SEEDS)) {
      if ((await h.call('secrets', 'get', { vaultId, name })).ok)
        await h.value('secrets', 'delete', { vaultId, name });
      if (purge && (await h.call('deleted', 'get', { vaultId, name })).ok) {
        await h.value('deleted', 'purge', { vaultId, name });
      }
    }
  };
  const expectNoValueInDom = async () => {
    const html = await page.content();
    for (const value of Object.values(SEEDS)) expect(html).not.toContain(value.trim());
  };

  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
    vaultId = await openLocalVault(h);
    await seed();
    await page.getByRole('button', { name: 'Refresh (F5)' }).click();
    await page.locator('[role="row"][data-secret-name="tx-props"]').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });
  // Each test starts from a freshly loaded window (no dialog left open by another).
  beforeEach(async () => {
    await page.reload();
    await page.getByRole('button', { name: 'More actions' }).waitFor();
  });

  async function exportAs(format: ExportFormat, shots?: string) {
    await openMenu(/Export secrets/);
    const dialog = page.getByRole('dialog', { name: /Export secrets from/ });
    await dialog.getByRole('radio', { name: /^Every secret in/ }).check();
    await dialog.getByRole('radio', { name: FORMAT_RADIO[format] }).check();
    if (format === 'bundle') {
      const [first, again] = [
        dialog.locator('input[type="password"]').nth(0),
        dialog.locator('input[type="password"]').nth(1),
      ];
      await first.fill(PASS);
      await again.fill(`${PASS}!`);
      await dialog.getByText('The two passphrases differ.').waitFor();
      expect(await dialog.getByRole('button', { name: 'Export…' }).isDisabled()).toBe(true);
      await again.fill(PASS);
    } else {
      await dialog.getByText('Values in plain text', { exact: true }).waitFor();
      expect(await dialog.getByRole('button', { name: 'Export…' }).isDisabled()).toBe(true);
      if (shots) {
        await h.screenshot(`${shots}-plain-warning`);
        await darkScreenshot(`${shots}-plain-warning-dark`);
      }
      await dialog.getByRole('checkbox', { name: /I understand/ }).check();
    }
    if (shots && format === 'bundle') {
      await h.screenshot(`${shots}-export`);
      await darkScreenshot(`${shots}-export-dark`);
      expect(await seriousAxeViolations(page)).toEqual([]);
    }
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText(`Exported ${Object.keys(SEEDS).length} secrets to`).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async function importBack(format: ExportFormat, options: { recover: boolean; shots?: string }) {
    await openMenu(/Import secrets/);
    const wizard = page.getByRole('dialog', { name: /Import secrets into/ });
    await wizard.getByRole('button', { name: 'Choose file…' }).click();
    if (format === 'bundle') {
      await wizard.getByLabel('The bundle’s passphrase').fill('not the passphrase');
      await wizard.getByRole('button', { name: 'Open bundle' }).click();
      await wizard.getByText(/The passphrase does not open this bundle/).waitFor();
      // What was typed is still there to correct.
      expect(await wizard.getByLabel('The bundle’s passphrase').inputValue()).toBe('not the passphrase');
      await wizard.getByLabel('The bundle’s passphrase').fill(PASS);
      await wizard.getByRole('button', { name: 'Open bundle' }).click();
    }
    const mapping = wizard.getByRole('table', { name: 'Name mapping' });
    await mapping.waitFor();
    // .env keys come as tx_multi; the suggested names are the secret names again.
    for (const name of Object.keys(SEEDS)) {
      await expect
        .poll(() =>
          mapping.getByRole('textbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
        )
        .toContain(name);
    }
    if (options.shots) {
      await h.screenshot(`${options.shots}-mapping`);
      await darkScreenshot(`${options.shots}-mapping-dark`);
    }
    await wizard.getByRole('button', { name: /^Compare with/ }).click();
    const diff = wizard.getByRole('table', { name: 'What the import would change' });
    await diff.waitFor();
    if (options.recover) {
      await wizard.getByText('Deleted in vault: 4').waitFor();
      await wizard.getByRole('checkbox', { name: /Recover the 4 deleted secrets/ }).check();
    } else {
      await wizard.getByText('New: 4').waitFor();
    }
    if (options.shots) {
      await h.screenshot(`${options.shots}-diff`);
      await darkScreenshot(`${options.shots}-diff-dark`);
      expect(await seriousAxeViolations(page)).toEqual([]);
    }
    await wizard.getByRole('button', { name: 'Import 4 secrets' }).click();
    const results = wizard.getByRole('list', { name: 'Results' });
    await results.waitFor();
    await wizard.getByText(/^4 rows done\./).waitFor();
    await expect(results.textContent()).resolves.toContain(
      options.recover ? 'Recovered and updated' : 'Created',
    );
    if (options.shots) {
      await h.screenshot(`${options.shots}-results`);
      await darkScreenshot(`${options.shots}-results-dark`);
    }
    await expectNoValueInDom();
    await wizard.getByRole('button', { name: 'Close' }).click();
    await wizard.waitFor({ state: 'hidden' });
  }

  async function expectRoundTrip(format: ExportFormat) {
    for (const [name, value] of Object.entries(SEEDS)) {
      const got = await h.value('secrets', 'get', { vaultId, name });
      expect(Buffer.from(got.value).equals(Buffer.from(value))).toBe(true);
      if (name === 'tx-props' && WITH_PROPERTIES.has(format)) {
        expect(got.properties).toMatchObject({
          contentType: 'text/plain',
          tags: { env: 'e2e', team: 'kluis' },
        });
      }
    }
  }

  it('round-trips the encrypted bundle into deleted names (recovered), with screenshots light and dark', async () => {
    await exportAs('bundle', '90-transfer-bundle');
    await clear(false);
    await importBack('bundle', { recover: true, shots: '91-transfer-bundle' });
    await expectRoundTrip('bundle');
    await page.locator('[role="row"][data-secret-name="tx-unicode"]').waitFor();
  });

  it.each(['env', 'json', 'json-full', 'csv'] as ExportFormat[])(
    'round-trips %s through the window',
    async (format) => {
      await clear(true);
      await seed();
      await exportAs(format, format === 'env' ? '92-transfer-env' : undefined);
      await clear(true);
      await importBack(format, { recover: false, ...(format === 'env' ? { shots: '93-transfer-env' } : {}) });
      await expectRoundTrip(format);
    },
  );

  it('exports what the filter shows, or the checked rows, and only those', async () => {
    await clear(true);
    await seed();
    await page.getByRole('button', { name: 'Refresh (F5)' }).click();
    await page.getByRole('searchbox', { name: 'Filter secrets' }).fill('tx-u');
    await page.locator('[role="row"][data-secret-name="tx-unicode"]').waitFor();
    const exportJson = async (scope: RegExp) => {
      await openMenu(/Export secrets/);
      const dialog = page.getByRole('dialog', { name: /Export secrets from/ });
      await dialog.getByRole('radio', { name: scope }).check();
      await dialog.getByRole('radio', { name: FORMAT_RADIO.json }).check();
      await dialog.getByRole('checkbox', { name: /I understand/ }).check();
      await dialog.getByRole('button', { name: 'Export…' }).click();
      await dialog.getByText(/^Exported 1 secret to/).waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      return JSON.parse(await readFile(join(h.savedFilesDir, 'Local-vault.json'), 'utf8')) as Record<
        string,
        string
      >;
    };
    expect(await exportJson(/^The 1 secret the filter shows/)).toEqual({ 'tx-unicode': SEEDS['tx-unicode'] });
    await page.getByRole('searchbox', { name: 'Filter secrets' }).fill('');
    await page.locator('[role="row"][data-secret-name="tx-multi"]').getByRole('checkbox').check();
    expect(await exportJson(/^The 1 selected secret/)).toEqual({ 'tx-multi': SEEDS['tx-multi'] });
  });

  it('shows a bad file’s line and column and imports nothing (the wizard opened from the palette, by keyboard)', async () => {
    await writeFile(join(h.savedFilesDir, 'zz-bad.csv'), 'name,value\r\nok,fine\r\nbad,"oops"x\r\n');
    // By keyboard this time: the command palette opens the wizard, Enter chooses the file.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('import secrets');
    await page.keyboard.press('Enter');
    const wizard = page.getByRole('dialog', { name: /Import secrets into/ });
    await wizard.getByRole('button', { name: 'Choose file…' }).focus();
    await page.keyboard.press('Enter');
    await wizard.getByText(/zz-bad\.csv: line 3, column 11: text follows the closing quote/).waitFor();
    await wizard.getByText(/Nothing was imported/).waitFor();
    await h.screenshot('94-transfer-bad-file');
    await darkScreenshot('94-transfer-bad-file-dark');
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    await wizard.waitFor({ state: 'hidden' });
    expect(h.pageErrors).toEqual([]);
  });
});
