import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelOf, type Result } from '../../../electron/contract';
import type { FileDialogs, KluisCore } from '../../../electron/core';
import { startTestCore } from '../../support/start-test-core';
import { TRUSTED } from './harness';

const VALUE = 'file-bound-S3cret\nline two';

/** secrets.saveValueToFile over the real local vault, with a save dialog that answers what each test says. */
describe('secrets.saveValueToFile', () => {
  let scratch: string;
  let core: KluisCore;
  let vaultId: string;
  let answer: string | undefined;
  const asked: string[] = [];
  const dialogs: FileDialogs = {
    showSaveDialog: async ({ defaultPath }) => {
      asked.push(defaultPath);
      return answer;
    },
  };
  const call = (method: string, input: unknown) =>
    core.handlers.get(channelOf('secrets', method))!(TRUSTED, input) as Promise<Result<unknown>>;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'kluis-save-file-'));
    ({ core } = await startTestCore({ userDataDir: join(scratch, 'user-data'), fileDialogs: dialogs }));
    const open = await core.handlers.get(channelOf('localVault', 'open'))!(TRUSTED, {});
    if (!open.ok) throw new Error(open.error.message);
    vaultId = (open.value as { id: string }).id;
    expect((await call('set', { vaultId, name: 'cert-pem', value: VALUE })).ok).toBe(true);
  });
  afterAll(async () => {
    await core?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes the value readable by the user only and returns the path, not the value', async () => {
    answer = join(scratch, 'out.txt');
    const result = await call('saveValueToFile', { vaultId, name: 'cert-pem' });
    expect(result).toEqual({ ok: true, value: { saved: true, path: answer } });
    expect(JSON.stringify(result)).not.toContain('S3cret');
    expect(asked.at(-1)).toBe('cert-pem.txt');
    expect(await readFile(answer, 'utf8')).toBe(VALUE);
    expect((await stat(answer)).mode & 0o777).toBe(0o600);
  });

  it('tightens the mode of a file it overwrites', async () => {
    answer = join(scratch, 'existing.txt');
    await writeFile(answer, 'old', { mode: 0o644 });
    expect((await call('saveValueToFile', { vaultId, name: 'cert-pem' })).ok).toBe(true);
    expect(await readFile(answer, 'utf8')).toBe(VALUE);
    expect((await stat(answer)).mode & 0o777).toBe(0o600);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    answer = undefined;
    expect(await call('saveValueToFile', { vaultId, name: 'cert-pem' })).toEqual({
      ok: true,
      value: { saved: false },
    });
  });

  it('says not-found for a missing secret without creating the file', async () => {
    answer = join(scratch, 'missing.txt');
    const result = await call('saveValueToFile', { vaultId, name: 'no-such-secret' });
    expect(result.ok ? undefined : result.error.kind).toBe('not-found');
    await expect(stat(answer)).rejects.toThrow();
  });
});

describe('secrets.saveValueToFile without a dialog', () => {
  it('answers not-configured', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'kluis-save-file-'));
    const { core } = await startTestCore({ userDataDir: scratch });
    try {
      const result = await core.handlers.get(channelOf('secrets', 'saveValueToFile'))!(TRUSTED, {
        vaultId: 'nope',
        name: 'x',
      });
      expect(result.ok ? undefined : result.error.kind).toBe('not-configured');
    } finally {
      await core.dispose();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
