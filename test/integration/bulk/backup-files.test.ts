import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileDialogs } from '../../../electron/core';
import { startBulkCore } from './bulk-harness';

/** secrets.backupToFile / restoreFromFile over the real local vault, with dialogs that answer what each test says. */
describe('backup and restore through files', () => {
  let h: Awaited<ReturnType<typeof startBulkCore>>;
  let scratch: string;
  let savePath: string | undefined;
  let openPath: string | undefined;
  const asked: unknown[] = [];
  const dialogs: FileDialogs = {
    showSaveDialog: async (options) => {
      asked.push(options);
      return savePath;
    },
    showOpenDialog: async (options) => {
      asked.push(options);
      return openPath;
    },
  };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'kluis-backup-'));
    h = await startBulkCore({ knobs: { throttle: true }, fileDialogs: dialogs });
    await h.value('secrets', 'set', {
      vaultId: h.vaultId,
      name: 'kept',
      value: 'backed-up-value',
      contentType: 'text/plain',
      tags: { env: 'prod' },
    });
  });
  afterAll(async () => {
    await h?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it('backs up to a user-only file, and after delete + purge restores the secret from it', async () => {
    savePath = join(scratch, 'kept.kvbackup');
    const saved = await h.value('secrets', 'backupToFile', { vaultId: h.vaultId, name: 'kept' });
    expect(saved).toEqual({ saved: true, path: savePath });
    expect(asked.at(-1)).toEqual({ defaultPath: 'kept.kvbackup' });
    expect((await stat(savePath)).mode & 0o777).toBe(0o600);
    // The vault's backup blob, byte for byte (the local vault's format starts with its magic).
    expect((await readFile(savePath)).subarray(0, 8).toString('latin1')).toBe('KLUISBK2');

    await h.value('secrets', 'delete', { vaultId: h.vaultId, name: 'kept' });
    await h.value('deleted', 'purge', { vaultId: h.vaultId, name: 'kept' });
    openPath = savePath;
    const restored = await h.value('secrets', 'restoreFromFile', { vaultId: h.vaultId });
    expect(restored).toMatchObject({ name: 'kept', contentType: 'text/plain', tags: { env: 'prod' } });
    expect(asked.at(-1)).toEqual({
      filters: [{ name: 'Key Vault secret backup', extensions: ['kvbackup'] }],
    });
    expect((await h.value('secrets', 'get', { vaultId: h.vaultId, name: 'kept' })).value).toBe(
      'backed-up-value',
    );
  });

  it('says clearly when the file is not a backup, or the name is taken', async () => {
    openPath = join(scratch, 'junk.kvbackup');
    await writeFile(openPath, 'this is not a backup');
    const junk = await h.call('secrets', 'restoreFromFile', { vaultId: h.vaultId });
    expect(junk).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!junk.ok) expect(junk.error.message).toMatch(/not a Key Vault secret backup/);

    openPath = savePath;
    const taken = await h.call('secrets', 'restoreFromFile', { vaultId: h.vaultId });
    expect(taken).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('cancelled dialogs write and restore nothing', async () => {
    savePath = undefined;
    expect(await h.value('secrets', 'backupToFile', { vaultId: h.vaultId, name: 'kept' })).toEqual({
      saved: false,
    });
    openPath = undefined;
    const none = await h.call('secrets', 'restoreFromFile', { vaultId: h.vaultId });
    expect(none).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });
});
