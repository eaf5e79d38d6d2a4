import { closeSync, fsyncSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { LocalVaultStoreError } from '../errors';
import type { DeletedSecret, Mutation, Secret } from '../model';
import type { VaultState } from '../state';
import { open, seal } from './cipher';
import { logName, snapshotName, writeFileAtomicSync } from './files';
import { frame, scanRecords } from './records';

/**
 * The store's file format, one generation at a time (durable-store.ts decides when each is written, replayed and
 * removed). Every file is a sequence of framed, sealed records: record 0 is a header naming the format, the file's
 * kind and its generation; each record's associated data is `<kind>-<gen>:<index>`, so a record moved to another
 * place or file fails authentication. A snapshot holds the state in chunks and ends with an `end` record; a log holds
 * one mutation per record.
 */

const FORMAT = 'kluis-local-vault';
const CHUNK = 1000;

interface Header {
  format: string;
  file: 'log' | 'snapshot';
  gen: number;
}

export interface ReplayOptions {
  key: Buffer;
  onWarning?: (message: string) => void;
}

function headerRecord(kind: 'log' | 'snapshot', gen: number, key: Buffer): Buffer {
  const header: Header = { format: FORMAT, file: kind, gen };
  return frame(seal(key, Buffer.from(JSON.stringify(header)), `${kind}-${gen}:0`));
}

export function createLog(dir: string, gen: number, key: Buffer): void {
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

export function loadSnapshot(dir: string, gen: number, key: Buffer, state: VaultState): void {
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
export function replayLog(
  dir: string,
  gen: number,
  opts: ReplayOptions,
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

export function serializeSnapshot(state: VaultState, gen: number, key: Buffer): Buffer[] {
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
