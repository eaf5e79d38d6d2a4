import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';
import { pageStrings, type HygieneContext, type HygieneSession, type SecondVault } from './hygiene/session';
import { secretLifecycleSession } from './hygiene/secret-lifecycle-session';
import { versionDiffSession } from './hygiene/version-diff-session';
import { transferSession } from './hygiene/transfer-session';
import { compareSession } from './hygiene/compare-session';
import { startVaultWorld } from '../integration/dashboard/multi-vault';
import { coreCaller } from '../support/core-caller';
import { testProtector } from '../support/test-protector';

/**
 * Secret hygiene over a whole session: each feature adds its part (test/e2e/hygiene/*-session.ts) to SESSIONS, and
 * they run one after another in one app. Afterwards no value of any session may appear in any log line, in the
 * settings, in any file under userData (the local vault's store included: it is encrypted) or among the saved
 * files other than those the user chose to write, or in the page's DOM once concealed. The clipboard guard
 * clears only what Kluis copied.
 */

const SESSIONS: HygieneSession[] = [
  secretLifecycleSession,
  versionDiffSession,
  transferSession,
  compareSession,
];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The value as it could be written: plain, and in base64 (JSON bodies, backups). */
const spellings = (value: string) => [Buffer.from(value), Buffer.from(Buffer.from(value).toString('base64'))];

describe('secret hygiene', () => {
  let h: KluisHarness;
  let page: Page;
  let world: Awaited<ReturnType<typeof startVaultWorld>>;
  const logLines: string[] = [];

  beforeAll(async () => {
    // A second real local vault, added as an Azure vault, for the sessions that work across two vaults.
    world = await startVaultWorld(1);
    h = await launchKluis({
      log: (line) => logLines.push(line),
      testTrust: world.testTrust,
      protector: testProtector(),
    });
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
    await world?.stop();
  });

  it('leaves no value in logs, settings, userData, unchosen files or the concealed DOM after every session', async () => {
    await page.getByRole('button', { name: 'Try the local vault' }).click();
    await page.getByText('has no secrets yet').waitFor();
    const vaultId = await h.selectedVaultId();
    let secondId: Promise<string> | undefined;
    const second: SecondVault = {
      displayName: 'Hygiene-B',
      client: world.clientOf(0),
      connect: () =>
        (secondId ??= world.connect(coreCaller(h.core.handlers), ['Hygiene-B']).then((ids) => ids[0]!)),
    };
    const ctx: HygieneContext = { h, page, vaultId, pageStrings: () => pageStrings(page), second };

    const chosen = new Set<string>();
    const values: string[] = [];
    for (const session of SESSIONS) {
      const result = await session.run(ctx);
      for (const file of result?.chosenFiles ?? []) chosen.add(file);
      values.push(...session.values);
      // Each session ends with every value concealed.
      const strings = await pageStrings(page);
      for (const value of session.values) expect(strings.includes(value), `${session.name}: DOM`).toBe(false);
    }
    const settings = JSON.stringify(await h.value('app', 'getState', {}));

    await h.core.dispose(); // flush settings and close the local vault store before reading files
    const files = [...(await filesUnder(h.userDataDir)), ...(await filesUnder(h.savedFilesDir))];
    const logs = logLines.join('\n');
    for (const value of values) {
      expect(logs.includes(value), `log holds ${value}`).toBe(false);
      expect(settings.includes(value), `settings hold ${value}`).toBe(false);
      for (const file of files.filter((f) => !chosen.has(f))) {
        const bytes = await readFile(file);
        for (const spelling of spellings(value)) expect(bytes.includes(spelling), file).toBe(false);
      }
    }
    // The files the user chose hold what they asked for (so the check above looked at the right place).
    for (const file of chosen) expect((await readFile(file)).length, file).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(0);
  });
});

const CLIP_VALUE = 'Hyg1ene-clip-value-3c81e2';

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
    await h.value('secrets', 'set', { vaultId, name: 'clip', value: CLIP_VALUE });

    await h.value('secrets', 'copyValue', { vaultId, name: 'clip' });
    expect(h.clipboard.current()).toBe(CLIP_VALUE);
    await expect.poll(() => h.clipboard.current(), { timeout: 9_000, interval: 250 }).toBe('');

    await h.value('secrets', 'copyValue', { vaultId, name: 'clip' });
    await h.clipboard.writeText('something the user copied', 'plain');
    await new Promise((r) => setTimeout(r, 6_000));
    expect(h.clipboard.current()).toBe('something the user copied');
  });
});
