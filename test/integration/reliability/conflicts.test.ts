import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReliabilityCore } from './harness';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Another client changes a secret while the user has it open; the user's save must not silently overwrite it. */
describe('conflicting edits', () => {
  let h: Awaited<ReturnType<typeof startReliabilityCore>>;

  beforeAll(async () => {
    h = await startReliabilityCore({});
  });
  afterAll(() => h?.dispose());

  it('a save based on an old version fails with conflict, and nothing is written', async () => {
    await h.value('secrets', 'set', { vaultId: h.vaultId, name: 'shared', value: 'first' });
    const opened = await h.value('secrets', 'get', { vaultId: h.vaultId, name: 'shared' });
    await h.otherClient().setSecret('shared', 'someone-else');

    const result = await h.call('secrets', 'set', {
      vaultId: h.vaultId,
      name: 'shared',
      value: 'mine',
      expectedVersion: opened.properties.version,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('conflict');
    expect(result.error.message).toMatch(/Someone else saved a new version of "shared"/);
    expect(result.error.message).toMatch(/Refresh .* then apply your change again/);
    expect(result.error.message).not.toMatch(/mine|someone-else/);
    expect((await h.otherClient().getSecret('shared')).value).toBe('someone-else');
  });

  it('a save based on the current version goes through', async () => {
    const opened = await h.value('secrets', 'get', { vaultId: h.vaultId, name: 'shared' });
    const saved = await h.value('secrets', 'set', {
      vaultId: h.vaultId,
      name: 'shared',
      value: 'mine',
      expectedVersion: opened.properties.version,
      expectedUpdatedOn: opened.properties.updatedOn,
    });
    expect(saved.version).not.toBe(opened.properties.version);
    expect((await h.otherClient().getSecret('shared')).value).toBe('mine');
  });

  it('a property edit after someone else changed the properties fails with conflict', async () => {
    const opened = await h.value('secrets', 'get', { vaultId: h.vaultId, name: 'shared' });
    // The service keeps times in whole seconds: let the other change land in a later second.
    await wait(1_100);
    await h.otherClient().updateSecretProperties('shared', opened.properties.version ?? '', {
      tags: { owner: 'someone-else' },
    });
    const result = await h.call('secrets', 'updateProperties', {
      vaultId: h.vaultId,
      name: 'shared',
      tags: { owner: 'me' },
      expectedVersion: opened.properties.version,
      expectedUpdatedOn: opened.properties.updatedOn,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'conflict' });
    expect(await h.otherClient().getSecret('shared')).toMatchObject({
      properties: { tags: { owner: 'someone-else' } },
    });
  });

  it('a save to a secret someone else deleted fails with conflict', async () => {
    const opened = await h.value('secrets', 'set', { vaultId: h.vaultId, name: 'gone-soon', value: 'x' });
    await (await h.otherClient().beginDeleteSecret('gone-soon', { intervalInMs: 50 })).pollUntilDone();
    const result = await h.call('secrets', 'set', {
      vaultId: h.vaultId,
      name: 'gone-soon',
      value: 'y',
      expectedVersion: opened.version,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Someone else deleted "gone-soon"/);
  });
});
