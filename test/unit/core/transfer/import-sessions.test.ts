import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KluisFailure } from '../../../../electron/core/errors/kluis-failure';
import { createImportSessions } from '../../../../electron/core/transfer/import-sessions';
import type { TransferVault } from '../../../../electron/core/transfer/transfer-vault';

/** A vault with no secrets (the dry run lists it); the import's own logic is what is under test. */
const emptyVault: TransferVault = {
  listSecrets: async () => [],
  listDeleted: async () => [],
  readEach: async () => undefined,
};

async function failureOf(run: () => unknown): Promise<KluisFailure> {
  try {
    await run();
  } catch (err) {
    if (err instanceof KluisFailure) return err;
    throw err;
  }
  throw new Error('expected a KluisFailure');
}

describe('import sessions', () => {
  let dir = '';
  afterEach(async () => {
    vi.useRealTimers();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function sessionsWith(text: string, name = 'in.env', idleMs?: number) {
    dir = await mkdtemp(join(tmpdir(), 'kluis-import-unit-'));
    const path = join(dir, name);
    await writeFile(path, text);
    const apply = vi.fn((_vaultId: string, _items: unknown[]) => ({ jobId: 'job-1' }));
    const sessions = createImportSessions({
      vault: emptyVault,
      showOpenDialog: async () => path,
      apply,
      ...(idleMs !== undefined ? { idleMs } : {}),
    });
    return { sessions, apply };
  }

  it('previews names and lines without values, and holds nothing after a parse error', async () => {
    const { sessions } = await sessionsWith('DB_PASSWORD="s3cret value"\nAPI=k3y\n');
    const preview = await sessions.open('v1');
    expect(preview.rows).toEqual([
      { row: 0, line: 1, key: 'DB_PASSWORD', name: 'DB-PASSWORD', hasProperties: false },
      { row: 1, line: 2, key: 'API', name: 'API', hasProperties: false },
    ]);
    expect(JSON.stringify(preview)).not.toContain('s3cret');
    expect(sessions.openCount()).toBe(1);

    const bad = await sessionsWith('A=1\nA=2\n');
    const err = await failureOf(() => bad.sessions.open('v1'));
    expect(err.error).toMatchObject({ kind: 'invalid-input', code: 'ImportDuplicateKey' });
    expect(bad.sessions.openCount()).toBe(0);
  });

  it('refuses a file of more secrets than one import takes, holding nothing', async () => {
    const many = await sessionsWith(Array.from({ length: 5_001 }, (_, i) => `K${i}=v`).join('\n'));
    const err = await failureOf(() => many.sessions.open('v1'));
    expect(err.error).toMatchObject({ kind: 'invalid-input', code: 'ImportTooMany' });
    expect(err.error.message).toContain('5,001 secrets');
    expect(many.sessions.openCount()).toBe(0);
  });

  it('drops an import left alone, and one discarded', async () => {
    vi.useFakeTimers();
    const { sessions } = await sessionsWith('A=1\n', 'in.env', 60_000);
    const first = await sessions.open('v1');
    const second = await sessions.open('v1');
    expect(sessions.discard(second.importId)).toEqual({ discarded: true });
    vi.advanceTimersByTime(60_001);
    expect(sessions.openCount()).toBe(0);
    const err = await failureOf(() => sessions.diff(first.importId, ['A']));
    expect(err.error.kind).toBe('not-found');
  });

  it('hands the rows to the bulk job as write items and lets go of them', async () => {
    const { sessions, apply } = await sessionsWith('NEW_ONE=v1\nbad_name=v2\n');
    const preview = await sessions.open('v1');
    const diff = await sessions.diff(preview.importId, ['NEW-ONE', 'bad_name']);
    expect(diff.counts).toMatchObject({ new: 1, invalid: 1 });
    expect(sessions.apply(preview.importId, 'stop', 'skip')).toEqual({ jobId: 'job-1', total: 1 });
    const items = apply.mock.calls[0]?.[1] as unknown as Array<{
      name: string;
      mode: string;
      read(): Promise<unknown>;
    }>;
    expect(items.map((i) => [i.name, i.mode])).toEqual([['NEW-ONE', 'copy']]);
    expect(await items[0]?.read()).toEqual({ value: 'v1' });
    expect(sessions.openCount()).toBe(0);
  });
});
