import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract, OperationInput } from '../../electron/contract';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';

const FIRST = 'first-value\nline two';
const SECOND = 'second-value';
const JSON_VALUE = '{"host":"db.internal","port":5432,"tls":true}';

/**
 * Secret details, editing and values against the real local vault. Each test seeds the secret it works on
 * through core (its own name, so no test sees another's changes) and starts from a freshly loaded window, so any
 * one runs alone with -t; db-config, which the tests only read, is seeded once.
 */
describe('Kluis in Chromium: secret details, editing and values', () => {
  let h: KluisHarness;
  let page: Page;
  let vaultId: string;
  const row = (name: string) => page.locator(`[role="row"][data-secret-name="${name}"]`);
  const details = (name: string) => page.getByRole('region', { name: `Details of ${name}` });
  const versionsHeading = (d: Locator, n: number) => d.getByText(`Versions (${n})`, { exact: true });
  /** A secrets operation on the local vault, as the window would call it; a failure throws "<method>: <kind>". */
  const call = async <M extends keyof Contract['secrets'] & string>(
    method: M,
    input: Omit<OperationInput<Contract['secrets'][M]>, 'vaultId'>,
  ) => {
    const result = await h.call('secrets', method, {
      vaultId,
      ...input,
    } as OperationInput<Contract['secrets'][M]>);
    if (!result.ok) throw new Error(`${method}: ${result.error.kind}`);
    return result.value;
  };
  const darkScreenshot = async (name: string) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    // Let the theme switch and Fluent's colour transitions finish before the picture.
    await page.waitForTimeout(500);
    await h.screenshot(name);
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const open = async (name: string) => {
    await row(name).click();
    await details(name).waitFor();
  };
  /** A freshly loaded window on the local vault's list (no form, dialog or details left open). */
  const fresh = async () => {
    await page.reload();
    await row('db-config').waitFor();
  };
  /**
   * A secret with these values as its versions, oldest first. Key Vault stamps versions in whole seconds and the
   * window lists them newest first, so each next version waits for the next second to get its own stamp.
   */
  const seed = async (name: string, values: string[], extra: { enabled?: boolean } = {}) => {
    for (const value of values) {
      const { createdOn = 0 } = await call('set', { name, value, ...extra });
      if (value !== values.at(-1))
        await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(Math.floor(createdOn / 1000));
    }
    await fresh();
    await open(name);
  };

  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
    await page.getByRole('button', { name: 'Try the local vault' }).click();
    await page.getByText('has no secrets yet').waitFor();
    vaultId = await h.selectedVaultId();
    await call('set', { name: 'db-config', value: JSON_VALUE, contentType: 'application/json' });
    await page.keyboard.press('F5');
    await row('db-config').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('edits properties (content type, tags, disabled) without a new version', async () => {
    await seed('db-password', [FIRST]);
    await details('db-password').getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit properties of db-password' });
    await form.getByRole('textbox', { name: 'Content type' }).fill('text/plain');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await form.getByRole('textbox', { name: 'Tag 1 name' }).fill('env');
    await form.getByRole('textbox', { name: 'Tag 1 value' }).fill('prod');
    await form.getByRole('switch').click();
    await h.screenshot('20-edit-properties');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await darkScreenshot('20-edit-properties-dark');
    await page.keyboard.press('Control+s');
    const d = details('db-password');
    await d.getByText('No (the value cannot be read)').waitFor();
    await d.getByText('env=prod').waitFor();
    await d.getByText('text/plain').first().waitFor();
    await versionsHeading(d, 1).waitFor();
    const saved = await call('get', { name: 'db-password' }).catch((e: Error) => e.message);
    expect(saved).toBe('get: disabled');
  });

  it('enables again with one click', async () => {
    await seed('disabled-password', [FIRST], { enabled: false });
    const d = details('disabled-password');
    await d.getByText('No (the value cannot be read)').waitFor();
    await d.getByRole('button', { name: 'Enable' }).click();
    await d.getByRole('button', { name: 'Disable' }).waitFor();
    await d.getByText('Yes', { exact: true }).first().waitFor();
    // The vault itself has it enabled again: its value can be read.
    const listed = await h.value('secrets', 'listVersionsPage', { vaultId, name: 'disabled-password' });
    expect(listed.items.map((v) => v.enabled)).toContain(true);
    expect((await call('get', { name: 'disabled-password' })).properties.enabled).toBe(true);
  });

  it('opens a new version prefilled with the current value and saves it', async () => {
    await seed('rotated-password', [FIRST]);
    await details('rotated-password').getByRole('button', { name: 'New version' }).click();
    const form = page.getByRole('form', { name: 'New version of rotated-password' });
    const editor = form.getByRole('textbox', { name: 'New value' });
    await expect.poll(() => editor.inputValue()).toBe(FIRST);
    await editor.fill(SECOND);
    await form.getByText(/12 \/ 25,600 characters, 12 bytes/).waitFor();
    await h.screenshot('21-new-version');
    await darkScreenshot('21-new-version-dark');
    await form.getByRole('button', { name: 'Save new version' }).click();
    await versionsHeading(details('rotated-password'), 2).waitFor();
    expect((await call('get', { name: 'rotated-password' })).value).toBe(SECOND);
  });

  it('reveals an older version on request', async () => {
    await seed('two-versions', [FIRST, SECOND]);
    const d = details('two-versions');
    await versionsHeading(d, 2).waitFor();
    const older = d.getByRole('listitem').nth(1);
    await older.getByRole('button', { name: /^Show value of version/ }).click();
    await expect.poll(() => d.getByTestId('version-value').textContent()).toBe(FIRST);
    await d
      .getByText(/Hides in \d+ s/)
      .first()
      .waitFor();
    await h.screenshot('22-older-version-revealed');
    await older.getByRole('button', { name: /^Hide value of version/ }).click();
    await d.getByTestId('version-value').waitFor({ state: 'detached' });
  });

  it('rolls back to the first version after a confirm', async () => {
    await seed('rolled-back', [FIRST, SECOND]);
    const d = details('rolled-back');
    await versionsHeading(d, 2).waitFor();
    await d
      .getByRole('listitem')
      .nth(1)
      .getByRole('button', { name: /^Roll back to version/ })
      .click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/Roll back to version [0-9a-f]{8}\?/).waitFor();
    await h.screenshot('23-rollback-confirm');
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await versionsHeading(details('rolled-back'), 3).waitFor();
    expect((await call('get', { name: 'rolled-back' })).value).toBe(FIRST);
    const current = details('rolled-back');
    await current.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect.poll(() => current.getByTestId('secret-value').textContent()).toBe(FIRST);
    await current.getByRole('button', { name: 'Conceal' }).click();
  });

  it('shows a JSON value pretty-printed', async () => {
    await fresh();
    await open('db-config');
    const d = details('db-config');
    await d.getByRole('button', { name: 'Reveal', exact: true }).click();
    const shown = d.getByTestId('secret-value');
    await expect.poll(() => shown.textContent()).toBe(JSON.stringify(JSON.parse(JSON_VALUE), null, 2));
    await d.getByText('Valid JSON').waitFor();
    await h.screenshot('24-json-pretty');
    await darkScreenshot('25-json-pretty-dark');
    await d.getByRole('button', { name: 'Conceal' }).click();
  });

  it('copies the selected secret with Ctrl+C when no text is selected', async () => {
    await fresh();
    await row('db-config').click();
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await page.keyboard.press('Control+c');
    await page
      .getByText(/Copied, clears in \d+ s/)
      .first()
      .waitFor();
    expect(h.clipboard.current()).toBe(JSON_VALUE);
  });

  it("copies a secret's id through main, as plain text", async () => {
    await fresh();
    await open('db-config');
    const d = details('db-config');
    await d.getByRole('button', { name: 'Copy the id' }).click();
    await expect
      .poll(() => h.clipboard.current())
      .toMatch(/^https:\/\/.+\/secrets\/db-config\/[0-9a-f]{32}$/);
    expect(h.clipboard.currentKind()).toBe('plain');
  });

  it('saves a value to a file through main', async () => {
    await fresh();
    await open('db-config');
    const d = details('db-config');
    await d.getByRole('button', { name: 'Save to file…' }).click();
    await page
      .getByText(/^Saved to /)
      .first()
      .waitFor();
    expect(await readFile(join(h.savedFilesDir, 'db-config.txt'), 'utf8')).toBe(JSON_VALUE);
    await expect(d.textContent()).resolves.not.toContain('db.internal');
  });

  it('generates a password in the create form', async () => {
    await fresh();
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('button', { name: 'Generate' }).click();
    const popover = page.getByRole('dialog', { name: 'Generate a value' });
    await popover.waitFor();
    await h.screenshot('26-generator');
    await popover.getByRole('button', { name: 'Use this' }).click();
    const value = await form.getByRole('textbox', { name: /^Value/ }).inputValue();
    expect(value).toHaveLength(32);
    expect(value).toMatch(/[a-z]/);
    expect(value).toMatch(/[A-Z]/);
    expect(value).toMatch(/[0-9]/);
  });

  it('creates a secret from a dropped file, with tags and an expiry', async () => {
    await fresh();
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('tls-cert');
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUdGVzdA==\n-----END CERTIFICATE-----\n';
    await form.getByRole('textbox', { name: /^Value/ }).evaluate((textarea, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'cert.pem', { type: 'application/x-pem-file' }));
      textarea.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
      textarea.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, pem);
    await expect.poll(() => form.getByRole('textbox', { name: /^Value/ }).inputValue()).toBe(pem);
    await form.getByText('PEM: 1 block (CERTIFICATE)').waitFor();
    await form.getByRole('textbox', { name: /^Content type/ }).fill('application/x-pem-file');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await form.getByRole('textbox', { name: 'Tag 1 name' }).fill('owner');
    await form.getByRole('textbox', { name: 'Tag 1 value' }).fill('platform');
    await form.getByRole('textbox', { name: 'Expires' }).fill('2031-01-02T03:04');
    await form.getByRole('switch', { name: /Hide the value/ }).click();
    await h.screenshot('27-create-from-file');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save' }).click();
    await details('tls-cert').waitFor();
    const saved = await call('get', { name: 'tls-cert' });
    expect(saved.value).toBe(pem);
    expect(saved.properties).toMatchObject({
      contentType: 'application/x-pem-file',
      tags: { owner: 'platform' },
      expiresOn: new Date('2031-01-02T03:04').getTime(),
    });
  });

  it('refuses a dropped file over the value limit', async () => {
    await fresh();
    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'New secret' });
    await form.getByRole('textbox', { name: /^Value/ }).evaluate((textarea) => {
      const data = new DataTransfer();
      data.items.add(new File(['x'.repeat(25_601)], 'big.txt'));
      textarea.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await form.getByText(/“big.txt” has 25,601 characters; a secret value holds at most 25,600/).waitFor();
    expect(await form.getByRole('textbox', { name: /^Value/ }).inputValue()).toBe('');
    await form.getByRole('textbox', { name: /^Value/ }).fill('y'.repeat(25_700));
    await form.getByText(/over the limit by 100/).waitFor();
    expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await h.screenshot('28-over-limit');
    expect(h.pageErrors).toEqual([]);
  });
});
