import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../electron/contract';
import { coreCaller } from '../../support/core-caller';
import { startTestCore, type TestCore } from '../../support/start-test-core';

/** Reminders as core wires them: a real core over the real local vault, with main's notifications stood in for. */
describe('expiry reminders in core', () => {
  let core: TestCore | undefined;
  let dir = '';
  afterAll(async () => {
    await core?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a pinned vault with a secret expiring soon gets one notification naming vault and secret, never a value', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kluis-reminders-it-'));
    const shown: Array<{ title: string; body: string }> = [];
    // One core (without notifications) sets the vault up; a second, started with reminders due at once, checks it.
    const setup = await startTestCore({ userDataDir: dir });
    const caller = coreCaller(setup.handlers);
    const vault = await caller.value('localVault', 'open', {});
    await caller.value('vaults', 'setPinned', { vaultId: vault.id, pinned: true });
    await caller.value('secrets', 'set', {
      vaultId: vault.id,
      name: 'expiring-api-key',
      value: 'never-in-a-notification',
      expiresOn: Date.now() + 5 * DAY_MS,
    });
    await caller.value('secrets', 'set', { vaultId: vault.id, name: 'no-expiry', value: 'x' });
    await setup.dispose();

    core = await startTestCore({
      userDataDir: dir,
      notifications: { isSupported: () => true, show: (n) => shown.push(n) },
      remindersStartDelayMs: 0,
    });
    const until = Date.now() + 30_000;
    while (shown.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe(`${vault.displayName}: expiring-api-key expires soon`);
    expect(shown[0]!.body).toMatch(/expiring-api-key \(in 5 d\)/);
    expect(JSON.stringify(shown)).not.toContain('never-in-a-notification');
    const marks = await readFile(join(dir, 'reminders.json'), 'utf8');
    expect(Object.keys(JSON.parse(marks).marks)).toEqual([`${vault.id}/expiring-api-key`]);
    expect(marks).not.toContain('never-in-a-notification');
  });
});
