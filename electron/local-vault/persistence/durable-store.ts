import { readdirSync, unlinkSync, mkdirSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalVaultStoreError } from '../errors';
import type { Mutation } from '../model';
import { VaultState } from '../state';
import { checkKey, seal } from './cipher';
import { fsyncDirSync, LOG_RE, logName, SNAPSHOT_RE, snapshotName, writeFileAtomic } from './files';
import { lockDataDir } from './dir-lock';
import { LogWriter } from './log-writer';
import { frame } from './records';
import { createLog, loadSnapshot, replayLog, serializeSnapshot } from './generation-files';

/**
 * Durable vault storage: an encrypted snapshot plus an append-only log of mutations.
 *
 * Generations: snapshot-G holds the state at the moment log-G was started; recovery loads the newest
 * snapshot and replays every log from its generation on. Compaction starts log-(G+1), then writes
 * snapshot-(G+1) and deletes older files, so a crash at any point leaves a replayable set.
 */
export interface DurableStoreOptions {
  dataDir: string;
  key: Buffer;
  onWarning?: (message: string) => void;
  /** Compact once the current log holds this many records (and more than a quarter as many as there are secrets). */
  compactAfterRecords?: number;
}

export class DurableStore {
  private logRecords = 0;
  private compacting: Promise<void> | null = null;
  private closed = false;

  private constructor(
    readonly state: VaultState,
    private readonly opts: DurableStoreOptions,
    private gen: number,
    private writer: LogWriter,
    private seq: number,
    private readonly release: () => void,
  ) {
    this.logRecords = seq - 1;
  }

  static async open(opts: DurableStoreOptions): Promise<DurableStore> {
    try {
      checkKey(opts.key);
    } catch (e) {
      throw new LocalVaultStoreError(`invalid encryption key: ${(e as Error).message}`);
    }
    const dir = opts.dataDir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const release = lockDataDir(dir);
    try {
      return await DurableStore.recover(opts, release);
    } catch (e) {
      release();
      throw e;
    }
  }

  private static async recover(opts: DurableStoreOptions, release: () => void): Promise<DurableStore> {
    const dir = opts.dataDir;
    const names = readdirSync(dir);
    for (const n of names) if (n.endsWith('.tmp')) unlinkSync(join(dir, n));
    const gens = (re: RegExp): number[] =>
      names
        .map((n) => re.exec(n)?.[1])
        .filter((g): g is string => g !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
    const snapshots = gens(SNAPSHOT_RE);
    const snapGen = snapshots[snapshots.length - 1] ?? 0;
    const state = new VaultState();
    if (snapGen > 0) loadSnapshot(dir, snapGen, opts.key, state);
    const logs = gens(LOG_RE).filter((g) => g >= snapGen);

    let seq = 1;
    logs.forEach((g, i) => {
      seq = replayLog(dir, g, opts, state, i === logs.length - 1);
    });
    let gen = logs[logs.length - 1];
    if (gen === undefined) {
      gen = Math.max(snapGen, 1);
      createLog(dir, gen, opts.key);
      seq = 1;
    }
    // Files older than what recovery needs are leftovers of an interrupted compaction.
    for (const n of names) {
      const s = SNAPSHOT_RE.exec(n)?.[1];
      const l = LOG_RE.exec(n)?.[1];
      if ((s !== undefined && Number(s) < snapGen) || (l !== undefined && Number(l) < snapGen)) {
        unlinkSync(join(dir, n));
      }
    }
    const fh = await openFile(join(dir, logName(gen)), 'a');
    const store = new DurableStore(state, opts, gen, new LogWriter(fh), seq, release);
    store.maybeCompact();
    return store;
  }

  persist(m: Mutation): Promise<void> {
    if (this.closed) return Promise.reject(new LocalVaultStoreError('the vault store is closed'));
    const aad = `log-${this.gen}:${this.seq++}`;
    const record = frame(seal(this.opts.key, Buffer.from(JSON.stringify(m), 'utf8'), aad));
    this.logRecords++;
    const done = this.writer.append(record);
    void done.then(
      () => this.maybeCompact(),
      () => undefined,
    );
    return done;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.compacting;
      await this.writer.close();
    } finally {
      this.release();
    }
  }

  /** Compacts in the background; exposed for tests and for seeding large stores. */
  compact(): Promise<void> {
    this.compacting ??= this.doCompact().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private maybeCompact(): void {
    const threshold = this.opts.compactAfterRecords ?? 20_000;
    // A quarter of the live count bounds replay at start (snapshot + log <= 1.25x the secrets) while keeping the
    // synchronous snapshot serialization rare relative to the writes that pay for it.
    const live = this.state.active.size + this.state.deleted.size;
    if (!this.closed && this.logRecords >= threshold && this.logRecords > live / 4) {
      this.compact().catch((e: unknown) =>
        this.opts.onWarning?.(`compaction failed: ${(e as Error).message}`),
      );
    }
  }

  private async doCompact(): Promise<void> {
    const dir = this.opts.dataDir;
    // The old log must be fully on disk before the new one takes writes, or replay order could break.
    while (!this.writer.isIdle()) await this.writer.idle();
    if (this.closed) return;
    // From here to the writer switch everything is synchronous, so no mutation slips in between.
    const oldGen = this.gen;
    const newGen = oldGen + 1;
    const chunks = serializeSnapshot(this.state, newGen, this.opts.key);
    createLog(dir, newGen, this.opts.key);
    const oldWriter = this.writer;
    // No await before the switch: a mutation arriving now must land in the new log.
    this.writer = new LogWriter(openFile(join(dir, logName(newGen)), 'a'));
    this.gen = newGen;
    this.seq = 1;
    this.logRecords = 0;
    await oldWriter.close();
    await writeFileAtomic(dir, snapshotName(newGen), chunks);
    for (const n of readdirSync(dir)) {
      const s = SNAPSHOT_RE.exec(n)?.[1] ?? LOG_RE.exec(n)?.[1];
      if (s !== undefined && Number(s) < newGen) unlinkSync(join(dir, n));
    }
    fsyncDirSync(dir);
  }
}
