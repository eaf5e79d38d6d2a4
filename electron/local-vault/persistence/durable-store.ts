import {
  readdirSync,
  readFileSync,
  truncateSync,
  unlinkSync,
  mkdirSync,
  openSync,
  fsyncSync,
  closeSync,
} from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalVaultStoreError } from '../errors';
import type { DeletedSecret, Mutation, Secret } from '../model';
import { VaultState } from '../state';
import { checkKey, open, seal } from './cipher';
import {
  fsyncDirSync,
  LOG_RE,
  logName,
  SNAPSHOT_RE,
  snapshotName,
  writeFileAtomic,
  writeFileAtomicSync,
} from './files';
import { lockDataDir } from './dir-lock';
import { LogWriter } from './log-writer';
import { frame, scanRecords } from './records';

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

const FORMAT = 'kluis-local-vault';
const CHUNK = 1000;

interface Header {
  format: string;
  file: 'log' | 'snapshot';
  gen: number;
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

function headerRecord(kind: 'log' | 'snapshot', gen: number, key: Buffer): Buffer {
  const header: Header = { format: FORMAT, file: kind, gen };
  return frame(seal(key, Buffer.from(JSON.stringify(header)), `${kind}-${gen}:0`));
}

function createLog(dir: string, gen: number, key: Buffer): void {
  writeFileAtomicSync(dir, logName(gen), headerRecord('log', gen, key));
}

/** Opens record 0 of a file: failing to decrypt an intact header means the key is wrong. */
function checkHeader(
  file: string,
  kind: 'log' | 'snapshot',
  gen: number,
  payload: Buffer | undefined,
  key: Buffer,
): void {
  if (!payload) throw new LocalVaultStoreError(`${file} has no valid header; the vault store is damaged`);
  let header: Header;
  try {
    header = JSON.parse(open(key, payload, `${kind}-${gen}:0`).toString('utf8')) as Header;
  } catch {
    throw new LocalVaultStoreError(
      `cannot decrypt ${file}: the encryption key is not the one this vault store was created with`,
    );
  }
  if (header.format !== FORMAT || header.file !== kind || header.gen !== gen) {
    throw new LocalVaultStoreError(`${file} is not a ${kind} of this vault store`);
  }
}

function decryptRecord(file: string, payload: Buffer, key: Buffer, aad: string): unknown {
  try {
    return JSON.parse(open(key, payload, aad).toString('utf8'));
  } catch {
    throw new LocalVaultStoreError(
      `${file}: record ${aad} failed authentication; the vault store is damaged`,
    );
  }
}

function loadSnapshot(dir: string, gen: number, key: Buffer, state: VaultState): void {
  const file = snapshotName(gen);
  const scan = scanRecords(readFileSync(join(dir, file)));
  if (scan.damage) {
    throw new LocalVaultStoreError(
      `${file} is damaged at byte ${scan.damage.offset} (${scan.damage.reason})`,
    );
  }
  checkHeader(file, 'snapshot', gen, scan.records[0], key);
  let ended = false;
  for (let i = 1; i < scan.records.length; i++) {
    const rec = decryptRecord(file, scan.records[i] as Buffer, key, `snapshot-${gen}:${i}`) as {
      active?: Secret[];
      deleted?: DeletedSecret[];
      end?: boolean;
    };
    if (rec.end) ended = true;
    for (const s of rec.active ?? []) state.apply({ op: 'restore', secret: s });
    for (const d of rec.deleted ?? []) state.deleted.set(d.name.toUpperCase(), d);
  }
  if (!ended) throw new LocalVaultStoreError(`${file} is incomplete; the vault store is damaged`);
}

/** Replays one log; returns the next record sequence number. Only the last log may have a torn tail. */
function replayLog(
  dir: string,
  gen: number,
  opts: DurableStoreOptions,
  state: VaultState,
  last: boolean,
): number {
  const file = logName(gen);
  const path = join(dir, file);
  const scan = scanRecords(readFileSync(path));
  checkHeader(file, 'log', gen, scan.records[0], opts.key);
  if (scan.damage && !(last && scan.damage.tornTail)) {
    throw new LocalVaultStoreError(
      `${file} is damaged at byte ${scan.damage.offset} (${scan.damage.reason}) and intact records follow; ` +
        'refusing to open it rather than lose them',
    );
  }
  for (let i = 1; i < scan.records.length; i++) {
    const m = decryptRecord(file, scan.records[i] as Buffer, opts.key, `log-${gen}:${i}`) as Mutation;
    try {
      state.apply(m);
    } catch (e) {
      throw new LocalVaultStoreError(`${file}: record ${i} cannot be applied (${(e as Error).message})`);
    }
  }
  if (scan.damage) {
    opts.onWarning?.(
      `vault log ${file} had a damaged tail at byte ${scan.damage.offset} (${scan.damage.reason}); ` +
        `cut it off (${scan.records.length - 1} intact records kept). Only unacknowledged writes are lost.`,
    );
    truncateSync(path, scan.validLength);
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return scan.records.length;
}

function serializeSnapshot(state: VaultState, gen: number, key: Buffer): Buffer[] {
  const out: Buffer[] = [headerRecord('snapshot', gen, key)];
  let i = 1;
  const push = (payload: object): void => {
    out.push(frame(seal(key, Buffer.from(JSON.stringify(payload), 'utf8'), `snapshot-${gen}:${i++}`)));
  };
  const active = [...state.active.values()];
  const deleted = [...state.deleted.values()];
  for (let a = 0; a < active.length; a += CHUNK) push({ active: active.slice(a, a + CHUNK) });
  for (let d = 0; d < deleted.length; d += CHUNK) push({ deleted: deleted.slice(d, d + CHUNK) });
  push({ end: true });
  return out;
}
