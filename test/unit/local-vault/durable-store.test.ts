import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalVaultStoreError } from '../../../electron/local-vault/errors';
import type { Mutation, SecretVersion } from '../../../electron/local-vault/model';
import { DurableStore } from '../../../electron/local-vault/persistence/durable-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kluis-store-'));
  dirs.push(d);
  return d;
}

function version(i: number): SecretVersion {
  return {
    version: i.toString(16).padStart(32, '0'),
    value: `value-${i}`,
    enabled: true,
    created: i,
    updated: i,
  };
}

async function write(store: DurableStore, m: Mutation): Promise<void> {
  store.state.apply(m);
  await store.persist(m);
}

describe('DurableStore', () => {
  it('replays the log on reopen', async () => {
    const d = dir();
    const key = randomBytes(32);
    const a = await DurableStore.open({ dataDir: d, key });
    await write(a, { op: 'set', name: 'One', version: version(1) });
    await write(a, { op: 'set', name: 'one', version: version(2) });
    await write(a, { op: 'delete', key: 'ONE', deletedDate: 10, scheduledPurgeDate: 20 });
    await a.close();
    const b = await DurableStore.open({ dataDir: d, key });
    expect(b.state.deleted.get('ONE')?.versions).toHaveLength(2);
    expect(b.state.deleted.get('ONE')?.name).toBe('One');
    await b.close();
  });

  it('compacts into a snapshot and keeps writing to a new log generation', async () => {
    const d = dir();
    const key = randomBytes(32);
    const a = await DurableStore.open({ dataDir: d, key, compactAfterRecords: 1_000_000 });
    for (let i = 0; i < 50; i++) await write(a, { op: 'set', name: `s${i}`, version: version(i) });
    await write(a, { op: 'delete', key: 'S0', deletedDate: 1, scheduledPurgeDate: 2 });
    await a.compact();
    await write(a, { op: 'set', name: 'after', version: version(99) });
    await a.close();
    expect(readdirSync(d).sort()).toEqual(['log-00000002.kvl', 'snapshot-00000002.kvs']);
    const b = await DurableStore.open({ dataDir: d, key });
    expect(b.state.active.size).toBe(50);
    expect(b.state.deleted.has('S0')).toBe(true);
    expect(b.state.active.get('AFTER')?.versions[0]?.value).toBe('value-99');
    await b.close();
  });

  it('compacts by itself once the log is long', async () => {
    const d = dir();
    const key = randomBytes(32);
    const a = await DurableStore.open({ dataDir: d, key, compactAfterRecords: 20 });
    for (let i = 0; i < 30; i++) await write(a, { op: 'set', name: 'same', version: version(i) });
    await a.close();
    expect(readdirSync(d).some((n) => n.startsWith('snapshot-'))).toBe(true);
    const b = await DurableStore.open({ dataDir: d, key });
    expect(b.state.active.get('SAME')?.versions).toHaveLength(30);
    await b.close();
  });

  it('loses nothing when writes race with repeated compactions', async () => {
    const d = dir();
    const key = randomBytes(32);
    const a = await DurableStore.open({ dataDir: d, key, compactAfterRecords: 20 });
    const pending: Promise<void>[] = [];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 25; i++)
        pending.push(write(a, { op: 'set', name: `r${round}-${i}`, version: version(i) }));
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(pending);
    await a.close();
    const b = await DurableStore.open({ dataDir: d, key });
    expect(b.state.active.size).toBe(250);
    await b.close();
  });

  it('recovers when a compaction was interrupted before its snapshot landed', async () => {
    const d = dir();
    const key = randomBytes(32);
    const a = await DurableStore.open({ dataDir: d, key });
    await write(a, { op: 'set', name: 'early', version: version(1) });
    await a.compact();
    await write(a, { op: 'set', name: 'late', version: version(2) });
    await a.close();
    // Simulate the crash window: new log exists, its snapshot does not; the old log is gone too,
    // so here we only check that a lone later log is replayed on top of no snapshot.
    unlinkSync(join(d, 'snapshot-00000002.kvs'));
    const b = await DurableStore.open({ dataDir: d, key });
    expect(b.state.active.has('LATE')).toBe(true);
    await b.close();
  });

  it('allows one open store per directory and takes over a lock left by a dead process', async () => {
    const d = dir();
    const key = randomBytes(32);
    const a = await DurableStore.open({ dataDir: d, key });
    await expect(DurableStore.open({ dataDir: d, key })).rejects.toThrow(/already open/);
    await a.close();
    // 2^22 + 1 can never be a live pid: Linux caps pid_max at 2^22 (macOS and Windows lower still).
    writeFileSync(join(d, 'lock'), String(4_194_305));
    const b = await DurableStore.open({ dataDir: d, key });
    await b.close();
    writeFileSync(join(d, 'lock'), '1');
    await expect(DurableStore.open({ dataDir: d, key })).rejects.toThrow(/in use by process 1/);
    unlinkSync(join(d, 'lock'));
  });

  it('reports a wrong key as LocalVaultStoreError', async () => {
    const d = dir();
    const a = await DurableStore.open({ dataDir: d, key: randomBytes(32) });
    await write(a, { op: 'set', name: 'x', version: version(1) });
    await a.close();
    await expect(DurableStore.open({ dataDir: d, key: randomBytes(32) })).rejects.toThrow(
      LocalVaultStoreError,
    );
    await expect(DurableStore.open({ dataDir: d, key: randomBytes(31) })).rejects.toThrow(/32 bytes/);
  });
});
