import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, openLocalVault, type KluisHarness } from './harness/launch-kluis';

const OLD_JSON = '{"db":{"host":"old-host","password":"Diff-old-S3cret"},"port":1}';
const NEW_JSON = '{"port":2,"db":{"password":"Diff-new-S3cret","host":"new-host"},"tls":true}';
const OLD_TEXT = 'line one\nline two\nDiff-text-old-S3cret\nline four\n';
const NEW_TEXT = 'line one\nline two\nDiff-text-new-S3cret\nline four';
const VALUES = [OLD_JSON, NEW_JSON, 'Diff-old-S3cret', 'Diff-new-S3cret', 'Diff-text-old-S3cret'];

/** Every string the page holds: markup, text and form fields. */
const pageText = (page: Page) =>
  page.evaluate(() =>
    [
      document.documentElement.outerHTML,
      document.body.innerText,
      ...[...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value),
    ].join('\n'),
  );

describe('version diff', () => {
  let h: KluisHarness;
  let page: Page;
  let vaultId = '';

  beforeAll(async () => {
    h = await launchKluis();
    page = h.page;
    vaultId = await openLocalVault(h);
    await h.value('secrets', 'set', {
      vaultId,
      name: 'app-config',
      value: OLD_JSON,
      contentType: 'application/json',
      tags: { env: 'staging' },
    });
    await h.value('secrets', 'set', {
      vaultId,
      name: 'app-config',
      value: NEW_JSON,
      contentType: 'application/json',
      tags: { env: 'prod', owner: 'ops' },
      expiresOn: Date.now() + 30 * 86_400_000,
    });
    await h.value('secrets', 'set', { vaultId, name: 'notes', value: OLD_TEXT });
    // Saved within the same second as the first: its content type tells the current version (use-versions.ts).
    await h.value('secrets', 'set', { vaultId, name: 'notes', value: NEW_TEXT, contentType: 'text/plain' });
    await page.keyboard.press('F5');
    await page.locator('[role="row"][data-secret-name="app-config"]').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  const darkScreenshot = async (name: string) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await h.screenshot(name);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(400);
  };

  /** Opens the secret, picks its two versions by keyboard (Space on each checkbox) and opens the diff. */
  const openDiff = async (name: string) => {
    await page.locator(`[role="row"][data-secret-name="${name}"]`).click();
    const details = page.getByRole('region', { name: `Details of ${name}` });
    const boxes = details.getByRole('checkbox', { name: /^Select version .* to compare$/ });
    await expect.poll(() => boxes.count()).toBeGreaterThanOrEqual(2);
    await expect(details.getByRole('button', { name: /^Compare/ }).isDisabled()).resolves.toBe(true);
    await boxes.nth(0).focus();
    await page.keyboard.press('Space');
    await boxes.nth(1).focus();
    await page.keyboard.press('Space');
    const compare = details.getByRole('button', { name: 'Compare (2 of 2)' });
    await compare.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${name}: version`) });
    await dialog.waitFor();
    return { details, dialog };
  };

  it('shows properties at once and the values only after reveal; JSON by paths, normalised and by lines', async () => {
    const { dialog } = await openDiff('app-config');
    const props = dialog.getByRole('table', { name: 'Properties of both versions' });
    await expect(props.getByRole('row', { name: /^Tags/ }).textContent()).resolves.toContain('differs');
    await expect(props.getByRole('row', { name: /^Content type/ }).textContent()).resolves.not.toContain(
      'differs',
    );
    await expect(dialog.getByRole('img', { name: 'Values hidden' }).isVisible()).resolves.toBe(true);
    for (const value of VALUES) expect(await pageText(page)).not.toContain(value);
    await h.screenshot('version-diff-concealed-light');

    await dialog.getByRole('button', { name: 'Reveal both values' }).click();
    const paths = dialog.getByTestId('json-paths');
    await paths.waitFor();
    await expect.poll(() => h.contentProtection.at(-1)).toBe(true);
    const items = await paths.getByRole('listitem').allTextContents();
    expect(items).toEqual([
      'changed$.db.host: "old-host" → "new-host"',
      'changed$.db.password: "Diff-old-S3cret" → "Diff-new-S3cret"',
      'changed$.port: 1 → 2',
      'added$.tls: true',
    ]);
    await expect(dialog.getByRole('timer').textContent()).resolves.toMatch(/^Hides in \d+ s$/);
    await h.screenshot('version-diff-json-light');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await darkScreenshot('version-diff-json-dark');
    // Axe in the dark theme too, once its colours have settled (Fluent's transitions).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(400);

    // The tabs by keyboard: the normalised view sorts keys, so only the changed lines differ.
    await dialog.getByRole('tab', { name: 'JSON paths' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const normalised = dialog.getByRole('table', { name: 'Normalised JSON diff' });
    await normalised.waitFor();
    await expect(normalised.locator('[data-kind="added"]').count()).resolves.toBe(4);
    await expect(normalised.locator('[data-kind="removed"]').count()).resolves.toBe(3);

    // Conceal: values, diff and timer leave the page; content protection goes off.
    await dialog.getByRole('button', { name: 'Conceal', exact: true }).click();
    await dialog.getByRole('img', { name: 'Values hidden' }).waitFor();
    for (const value of VALUES) await expect.poll(() => pageText(page)).not.toContain(value);
    await expect.poll(() => h.contentProtection.at(-1)).toBe(false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('diffs text by lines, shows line endings that changed, and conceals on the privacy shortcut', async () => {
    const { dialog } = await openDiff('notes');
    await dialog.getByRole('button', { name: 'Reveal both values' }).click();
    const lines = dialog.getByRole('table', { name: 'Line diff' });
    await lines.waitFor();
    await expect(dialog.getByRole('tablist').count()).resolves.toBe(0);
    await expect(lines.locator('[data-kind="removed"]').allTextContents()).resolves.toEqual([
      '3−Diff-text-old-S3cret[LF]',
      '4−line four[LF]',
    ]);
    await expect(lines.locator('[data-kind="added"]').allTextContents()).resolves.toEqual([
      '3+Diff-text-new-S3cret[LF]',
      '4+line four[no newline at end]',
    ]);
    await h.screenshot('version-diff-lines-light');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await darkScreenshot('version-diff-lines-dark');

    await page.keyboard.press('Control+Shift+P');
    await page.getByText(/^Privacy mode is on:/).waitFor();
    await dialog.getByRole('img', { name: 'Values hidden' }).waitFor();
    await expect.poll(() => pageText(page)).not.toContain('Diff-text-old-S3cret');
    await expect(dialog.getByRole('button', { name: 'Reveal both values' }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Control+Shift+P');
    await page.getByText(/^Privacy mode is on:/).waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('restores the older version as a new one after a confirm, and refuses when someone saved meanwhile', async () => {
    // Someone else saves a version while the diff is open: the restore must not hide it.
    let { dialog } = await openDiff('app-config');
    await h.value('secrets', 'set', { vaultId, name: 'app-config', value: '{"someone":"else"}' });
    await dialog.getByRole('button', { name: /^Restore .* as new version$/ }).click();
    let confirm = dialog.getByRole('region', { name: 'Confirm restore' });
    await confirm.waitFor();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await dialog.locator('[data-error-kind="conflict"]').waitFor();
    await h.screenshot('version-diff-conflict-light');
    expect((await h.value('secrets', 'get', { vaultId, name: 'app-config' })).value).toBe(
      '{"someone":"else"}',
    );
    // The versions are loaded again at once (before any refresh), so the user sees what someone else saved.
    const details = page.getByRole('region', { name: 'Details of app-config' });
    const boxes = details.getByRole('checkbox', { name: /^Select version .* to compare$/ });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => boxes.count()).toBe(3);
    // Refreshed as the message says: the listing tells the current version among those saved in one second.
    await page.keyboard.press('F5');
    await expect
      .poll(() => details.locator('li[aria-label$="(current)"]').getAttribute('data-version'))
      .toBe(
        (await h.value('secrets', 'listVersionsPage', { vaultId, name: 'app-config' })).items.find(
          (v) => !v.contentType,
        )?.version,
      );

    // The user picks the first version (tagged staging) and the current one, and restores the first.
    await boxes.nth(0).uncheck();
    await boxes.nth(1).uncheck();
    const listed = await h.value('secrets', 'listVersionsPage', { vaultId, name: 'app-config' });
    const staging = listed.items.find((v) => v.tags.env === 'staging')!.version!;
    await details.locator(`li[data-version="${staging}"]`).getByRole('checkbox').check();
    await boxes.nth(0).check();
    await details.getByRole('button', { name: 'Compare (2 of 2)' }).click();
    dialog = page.getByRole('dialog', { name: /^app-config: version/ });
    await dialog.getByRole('button', { name: /^Restore .* as new version$/ }).click();
    confirm = dialog.getByRole('region', { name: 'Confirm restore' });
    await confirm.waitFor();
    await h.screenshot('version-diff-restore-confirm-light');
    await darkScreenshot('version-diff-restore-confirm-dark');
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByText(/^Restored version .* as the new current version$/)
      .first()
      .waitFor();

    const current = await h.value('secrets', 'get', { vaultId, name: 'app-config' });
    expect(current.value).toBe(OLD_JSON);
    expect(current.properties).toMatchObject({ contentType: 'application/json', tags: { env: 'staging' } });
    await expect.poll(() => boxes.count()).toBe(4);
    for (const value of VALUES) expect(await pageText(page)).not.toContain(value);
    expect(h.pageErrors).toEqual([]);
  });
});
