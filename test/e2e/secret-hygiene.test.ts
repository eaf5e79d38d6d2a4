import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';

/**
 * Secret hygiene over a whole session: create, reveal, conceal, copy, new version, delete, recover, export and
 * import. Afterwards no value may appear in any log line, in any file under userData (the local vault's store
 * included: it is encrypted), or in the page's DOM once concealed. The clipboard guard clears only what Kluis copied.
 */

const VALUES = ['Hyg1ene-first-value-9d2f41', 'Hyg1ene-second-value-77ac03'];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every string the page holds: markup, text, form field values and storage. */
async function pageStrings(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea')].map(
      (el) => (el as HTMLInputElement | HTMLTextAreaElement).value,
    );
    const storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    return [document.documentElement.outerHTML, document.body.innerText, ...fields, storage].join('\n');
  });
}

describe('secret hygiene', () => {
  let h: KluisHarness;
  let page: Page;
  const logLines: string[] = [];

  beforeAll(async () => {
    h = await launchKluis({ log: (line) => logLines.push(line) });
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('leaves no value in logs, userData or the concealed DOM after a full session', async () => {
    await page.getByRole('button', { name: 'Try the local vault' }).click();
    await page.getByText('has no secrets yet').waitFor();

    // Create through the form, as a user would.
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('hygiene');
    await form.getByRole('textbox', { name: /^Value/ }).fill(VALUES[0]!);
    await form.getByRole('button', { name: 'Save' }).click();
    const details = page.getByRole('region', { name: 'Details of hygiene' });
    await details.waitFor();

    // A second version, an invalid call that must not echo its value, and a few failing calls.
    const vaultId = await h.selectedVaultId();
    await h.value('secrets', 'set', { vaultId, name: 'hygiene', value: VALUES[1]! });
    const refused = await h.call('secrets', 'set', {
      vaultId,
      name: 'bad name',
      value: VALUES[1]!,
    });
    expect(JSON.stringify(refused)).not.toContain(VALUES[1]);

    // Reveal, conceal.
    await page.keyboard.press('F5');
    await page.locator('[role="row"][data-secret-name="hygiene"]').click();
    await details.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(details.getByTestId('secret-value').textContent()).resolves.toBe(VALUES[1]);
    await details.getByRole('button', { name: 'Conceal', exact: true }).click();
    await expect.poll(() => pageStrings(page)).not.toContain(VALUES[1]);

    // Copy: the value goes to the clipboard through main, never through the page.
    await details.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => h.clipboard.current()).toBe(VALUES[1]);
    for (const value of VALUES) expect(await pageStrings(page)).not.toContain(value);

    // Delete and recover.
    await h.value('secrets', 'delete', { vaultId, name: 'hygiene' });
    await h.value('deleted', 'recover', { vaultId, name: 'hygiene' });

    // Export (the bundle, then .env) and import the .env back under another name: the value goes only to the files
    // the (fake) save dialog chose, outside userData; the import's preview and dry run carry no value.
    for (const format of ['bundle', 'env'] as const) {
      const exported = await h.value('transfer', 'export', {
        vaultId,
        format,
        names: ['hygiene'],
        ...(format === 'bundle'
          ? { passphrase: 'hygiene passphrase' }
          : { plainTextConfirmed: true as const }),
      });
      expect(exported.saved).toBe(true);
    }
    const preview = await h.value('transfer', 'importOpen', { vaultId });
    const diff = await h.value('transfer', 'importDiff', {
      importId: preview.importId,
      names: ['hygiene-copy'],
    });
    expect(JSON.stringify([preview, diff])).not.toContain(VALUES[1]);
    await h.value('transfer', 'importApply', {
      importId: preview.importId,
      conflict: 'skip',
      deleted: 'skip',
    });
    await expect
      .poll(async () => (await h.call('secrets', 'get', { vaultId, name: 'hygiene-copy' })).ok)
      .toBe(true);
    for (const value of VALUES) expect(await pageStrings(page)).not.toContain(value);

    await h.core.dispose(); // flush settings and close the local vault store before reading files
    for (const value of VALUES) {
      expect(logLines.join('\n')).not.toContain(value);
      for (const file of await filesUnder(h.userDataDir)) {
        const bytes = await readFile(file);
        expect(bytes.includes(Buffer.from(value)), file).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(value).toString('base64'))), file).toBe(false);
      }
    }
    expect(logLines.length).toBeGreaterThan(0);
  });
});

describe('clipboard guard', () => {
  let h: KluisHarness;
  beforeAll(async () => {
    h = await launchKluis();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('clears the copied value after the configured time, but not what the user copied since', async () => {
    const vaultId = (await h.value('localVault', 'open', {})).id;
    await h.value('settings', 'updateUi', { clipboardClearSeconds: 5 });
    await h.value('secrets', 'set', { vaultId, name: 'clip', value: VALUES[0]! });

    await h.value('secrets', 'copyValue', { vaultId, name: 'clip' });
    expect(h.clipboard.current()).toBe(VALUES[0]);
    await expect.poll(() => h.clipboard.current(), { timeout: 9_000, interval: 250 }).toBe('');

    await h.value('secrets', 'copyValue', { vaultId, name: 'clip' });
    await h.clipboard.writeText('something the user copied', 'plain');
    await new Promise((r) => setTimeout(r, 6_000));
    expect(h.clipboard.current()).toBe('something the user copied');
  });
});
