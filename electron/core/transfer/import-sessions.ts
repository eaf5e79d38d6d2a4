import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  IMPORT_IDLE_MINUTES,
  MAX_TRANSFER_ITEMS,
  SECRET_NAME_PATTERN,
  type ImportApplyStarted,
  type ImportConflictRule,
  type ImportDiff,
  type ImportDiffRow,
  type ImportPreview,
  type ImportRowStatus,
  type SecretProperties,
} from '../../contract';
import type { BulkWriteItem, BulkWriteValue } from '../bulk/bulk-writes';
import { TokenBucket } from '../bulk/token-bucket';
import { toKluisError } from '../errors/error-mapping';
import { failure } from '../errors/kluis-failure';
import { formatOf, IMPORT_FILTERS, parsePlain, readBundle, type ImportFormat } from './formats';
import { nameCollisions, nameProblem, recordProblem, suggestName } from './import-rows';
import { hasProperties, TransferParseError, type TransferRecord } from './transfer-records';
import type { TransferVault } from './transfer-vault';

/**
 * Every secret an import writes is a create in the service's terms, and a vault takes 300 creates per 10 s. The
 * bulk runner paces requests of all kinds under the 4,000 "other" limit; imports also pace their creates, at 25 a
 * second with a burst of 25, so no 10 s window holds more than 275 of them (room for the user's other writes, and
 * a throttle is the exception).
 */
export const IMPORT_CREATES = { capacity: 25, perSecond: 25 };

/** Larger than any file of 5,000 secrets of 25,600 characters in any of the formats. */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** Starts the bulk runner's write job for the items (BulkRunner.startWrites); answers with its id at once. */
export type ImportApplier = (vaultId: string, items: BulkWriteItem[]) => { jobId: string };

export interface ImportSessionDeps {
  vault: TransferVault;
  showOpenDialog?: (options: {
    filters: Array<{ name: string; extensions: string[] }>;
  }) => Promise<string | undefined>;
  apply?: ImportApplier;
  /** Tests: a shorter idle time than IMPORT_IDLE_MINUTES. */
  idleMs?: number;
}

interface Held {
  id: string;
  vaultId: string;
  fileName: string;
  format: ImportFormat;
  /** A bundle's text until its passphrase opens it. */
  sealed?: string;
  records: TransferRecord[];
  diff?: ImportDiffRow[];
  /** The target's current version of each changed row when it was compared, by row. */
  versions?: Map<number, string>;
  timer?: ReturnType<typeof setTimeout>;
}

const CODES: Record<TransferParseError['code'], string> = {
  syntax: 'ImportSyntax',
  'duplicate-key': 'ImportDuplicateKey',
  'bad-quote': 'ImportBadQuote',
  'not-a-bundle': 'BundleNotABundle',
  'bundle-version': 'BundleVersion',
  'bundle-truncated': 'BundleTruncated',
  'bundle-tampered': 'BundleTampered',
  'wrong-passphrase': 'BundleWrongPassphrase',
  'too-large': 'ImportTooLarge',
};

/** A file's parse error as the user reads it: what and where, and that nothing was imported. */
function parseFailure(err: unknown, fileName: string): unknown {
  if (!(err instanceof TransferParseError)) return err;
  const nothing = err.code === 'wrong-passphrase' ? '' : ' Nothing was imported.';
  return failure('invalid-input', `${fileName}: ${err.message}${nothing}`, {
    code: CODES[err.code],
    ...(err.code === 'wrong-passphrase' ? { field: 'passphrase' } : {}),
  });
}

async function readText(path: string): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw failure('invalid-input', 'Choose a file, not a folder.');
  if (info.size > MAX_IMPORT_BYTES) {
    throw failure(
      'invalid-input',
      'This file is larger than any export of 5,000 secrets: choose another file.',
      {
        code: CODES['too-large'],
      },
    );
  }
  const handle = await open(path, 'r');
  try {
    const bytes = await handle.readFile();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw failure(
        'invalid-input',
        `${basename(path)} is not UTF-8 text: save it as UTF-8 and import it again.`,
        {
          code: CODES.syntax,
        },
      );
    }
  } finally {
    await handle.close();
  }
}

/** One import is one bulk job, which takes at most MAX_TRANSFER_ITEMS secrets. */
function withinLimit(records: TransferRecord[], fileName: string): TransferRecord[] {
  if (records.length > MAX_TRANSFER_ITEMS) {
    throw failure(
      'invalid-input',
      `${fileName} holds ${records.length.toLocaleString('en-US')} secrets; one import takes at most ${MAX_TRANSFER_ITEMS.toLocaleString('en-US')}. Split the file and import each part. Nothing was imported.`,
      { code: 'ImportTooMany' },
    );
  }
  return records;
}

const sameTags = (a: Record<string, string>, b: Record<string, string>) => {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => b[k] === a[k]);
};

/** Which properties the file gives differently from the target's current version (only those it gives). */
function propertyDifferences(r: TransferRecord, p: SecretProperties): string[] {
  const out: string[] = [];
  if (r.contentType !== undefined && (r.contentType || undefined) !== (p.contentType || undefined)) {
    out.push('content type');
  }
  if (r.tags !== undefined && !sameTags(r.tags, p.tags)) out.push('tags');
  if (r.enabled !== undefined && r.enabled !== (p.enabled ?? true)) out.push('enabled');
  if (r.notBefore !== undefined && r.notBefore !== p.notBefore) out.push('activation date');
  if (r.expiresOn !== undefined && r.expiresOn !== p.expiresOn) out.push('expiry');
  return out;
}

/**
 * Imports in progress, each held in main under its id: the parsed values never leave main, and are dropped when
 * the import is applied (handed to the bulk job), discarded, or left alone for IMPORT_IDLE_MINUTES.
 */
export function createImportSessions(deps: ImportSessionDeps) {
  const held = new Map<string, Held>();
  const creates = new Map<string, TokenBucket>();
  const createsFor = (vaultId: string) => {
    let bucket = creates.get(vaultId);
    if (!bucket) creates.set(vaultId, (bucket = new TokenBucket(IMPORT_CREATES)));
    return bucket;
  };
  const idleMs = deps.idleMs ?? IMPORT_IDLE_MINUTES * 60_000;

  const drop = (h: Held) => {
    if (h.timer) clearTimeout(h.timer);
    for (const r of h.records) r.value = '';
    h.records = [];
    delete h.sealed;
    held.delete(h.id);
  };
  const touch = (h: Held) => {
    if (h.timer) clearTimeout(h.timer);
    h.timer = setTimeout(() => drop(h), idleMs);
    h.timer.unref?.();
  };
  const find = (importId: string): Held => {
    const h = held.get(importId);
    if (!h) {
      throw failure(
        'not-found',
        `This import is no longer open (it is dropped after ${IMPORT_IDLE_MINUTES} minutes unused): choose the file again.`,
      );
    }
    touch(h);
    return h;
  };

  const preview = (h: Held): ImportPreview => ({
    importId: h.id,
    fileName: h.fileName,
    format: h.format,
    needsPassphrase: h.sealed !== undefined,
    rows: h.records.map((r, row) => {
      const problem = recordProblem(r);
      return {
        row,
        line: r.line,
        key: r.key,
        name: SECRET_NAME_PATTERN.test(r.key) ? r.key : suggestName(r.key),
        hasProperties: hasProperties(r),
        ...(problem ? { problem } : {}),
      };
    }),
  });

  async function diff(importId: string, names: string[]): Promise<ImportDiff> {
    const h = find(importId);
    if (h.sealed !== undefined)
      throw failure('invalid-input', 'Type the bundle’s passphrase first.', { field: 'passphrase' });
    if (names.length !== h.records.length) {
      throw failure('invalid-input', 'Give one secret name per row of the file.', { field: 'names' });
    }
    const [current, deleted] = await Promise.all([
      deps.vault.listSecrets(h.vaultId),
      deps.vault.listDeleted(h.vaultId).catch((err: unknown) => {
        // Without the list permission on deleted secrets the import still works; such names then fail on write.
        if (toKluisError(err).kind === 'forbidden') return [];
        throw err;
      }),
    ]);
    const byName = new Map(current.map((p) => [p.name.toLowerCase(), p]));
    const deletedNames = new Set(deleted.map((d) => d.properties.name.toLowerCase()));
    const collisions = nameCollisions(names.map((name, i) => ({ name, line: h.records[i]?.line ?? 0 })));
    const rows: ImportDiffRow[] = h.records.map((r, row) => {
      const name = names[row] as string;
      const base = { row, line: r.line, key: r.key, name };
      const problem = recordProblem(r) ?? nameProblem(name) ?? collisions.get(row);
      if (problem) return { ...base, status: 'invalid', reason: problem };
      const existing = byName.get(name.toLowerCase());
      if (existing?.managed) {
        return {
          ...base,
          status: 'invalid',
          reason: 'This name belongs to a certificate’s secret, which only the certificate changes.',
        };
      }
      if (existing) return { ...base, status: 'same' };
      if (deletedNames.has(name.toLowerCase())) {
        return {
          ...base,
          status: 'deleted',
          reason:
            'A deleted secret holds this name: recover it and write this value as a new version, or skip it.',
        };
      }
      return { ...base, status: 'new' };
    });

    // Values are compared by HMAC-SHA-256 under a key made for this one comparison: each target value is read,
    // hashed and dropped at once; neither values nor their hashes leave this function.
    const key = randomBytes(32);
    const mac = (value: string) => createHmac('sha256', key).update(value, 'utf8').digest();
    const existingRows = rows.filter((r) => r.status === 'same');
    const versions = new Map<number, string>();
    const rowOf = new Map(
      existingRows.map((r) => [(byName.get(r.name.toLowerCase()) as SecretProperties).name, r]),
    );
    await deps.vault.readEach(h.vaultId, [...rowOf.keys()], (name, read) => {
      const row = rowOf.get(name) as ImportDiffRow;
      const record = h.records[row.row] as TransferRecord;
      if ('error' in read) {
        row.status = 'changed';
        row.reason = `Its current value could not be read to compare: ${toKluisError(read.error, { operation: 'secrets.get', secretName: name }).message}`;
        return;
      }
      if (read.secret.properties.version) versions.set(row.row, read.secret.properties.version);
      const valueDiffers = !timingSafeEqual(mac(read.secret.value), mac(record.value));
      const properties = propertyDifferences(record, read.secret.properties);
      if (valueDiffers) {
        row.status = 'changed';
        row.reason =
          properties.length > 0 ? `The value differs; also ${properties.join(', ')}.` : 'The value differs.';
      } else if (properties.length > 0) {
        row.status = 'changed';
        row.reason = `Same value, different ${properties.join(', ')}.`;
      }
    });
    key.fill(0);
    h.diff = rows;
    h.versions = versions;
    const counts: Record<ImportRowStatus, number> = { new: 0, changed: 0, same: 0, invalid: 0, deleted: 0 };
    for (const r of rows) counts[r.status] += 1;
    return { rows, counts };
  }

  function apply(
    importId: string,
    conflict: ImportConflictRule,
    deleted: 'skip' | 'recover',
  ): ImportApplyStarted {
    const h = find(importId);
    if (!deps.apply) throw failure('not-configured', 'Importing is not available in this build of Kluis.');
    if (!h.diff) throw failure('invalid-input', 'Review the differences first (the dry run), then import.');
    const changed = h.diff.filter((r) => r.status === 'changed');
    if (conflict === 'stop' && changed.length > 0) {
      throw failure(
        'conflict',
        `${changed.length} of these secrets already exist with other values or properties (${changed
          .slice(0, 3)
          .map((r) => r.name)
          .join(
            ', ',
          )}${changed.length > 3 ? ', …' : ''}), so nothing was imported. Choose "skip" or "new version" for them.`,
      );
    }
    // Rows with a valid name all go to the job, those not written as 'skip', so its results cover them too.
    const items: BulkWriteItem[] = [];
    for (const row of h.diff) {
      if (row.status === 'invalid') continue;
      const mode: BulkWriteItem['mode'] =
        row.status === 'new'
          ? 'copy'
          : row.status === 'changed' && conflict === 'new-version'
            ? 'new-version'
            : row.status === 'deleted' && deleted === 'recover'
              ? 'recover-then-update'
              : 'skip';
      const r = h.records[row.row] as TransferRecord;
      const value: BulkWriteValue = { value: r.value };
      if (r.contentType !== undefined) value.contentType = r.contentType;
      if (r.tags !== undefined) value.tags = { ...r.tags };
      if (r.enabled !== undefined) value.enabled = r.enabled;
      if (r.notBefore !== undefined) value.notBefore = r.notBefore;
      if (r.expiresOn !== undefined) value.expiresOn = r.expiresOn;
      const expectedVersion = mode === 'new-version' ? h.versions?.get(row.row) : undefined;
      items.push({
        name: row.name,
        mode,
        // A new version is refused if the secret changed after the dry run compared it.
        ...(expectedVersion ? { expectedVersion } : {}),
        // Called when the item runs (again after a throttle), right before its write: the create is paced here.
        read: async () => {
          await createsFor(h.vaultId).take(1);
          return value;
        },
      });
    }
    if (items.length === 0) {
      throw failure(
        'invalid-input',
        'Nothing to import: every row is invalid. Fix the names in the mapping, or the file.',
      );
    }
    const started = deps.apply(h.vaultId, items);
    // The job holds what it writes; the import's own copy of the values goes now.
    drop(h);
    return { jobId: started.jobId, total: items.length };
  }

  return {
    async open(vaultId: string): Promise<ImportPreview> {
      if (!deps.showOpenDialog)
        throw failure('not-configured', 'Opening files is not available in this build of Kluis.');
      const path = await deps.showOpenDialog({ filters: IMPORT_FILTERS });
      if (!path) throw failure('cancelled', 'No file was chosen.');
      const fileName = basename(path);
      const text = await readText(path);
      const format = formatOf(path, text);
      const h: Held = { id: randomUUID(), vaultId, fileName, format, records: [] };
      if (format === 'bundle') h.sealed = text;
      else {
        try {
          h.records = withinLimit(parsePlain(format, text), fileName);
        } catch (err) {
          throw parseFailure(err, fileName);
        }
      }
      held.set(h.id, h);
      touch(h);
      return preview(h);
    },
    async unlock(importId: string, passphrase: string): Promise<ImportPreview> {
      const h = find(importId);
      if (h.sealed === undefined) return preview(h);
      try {
        h.records = withinLimit(await readBundle(h.sealed, passphrase), h.fileName);
      } catch (err) {
        // A wrong passphrase may be typed again; a damaged bundle cannot be opened at all.
        const mapped = parseFailure(err, h.fileName);
        if (!(err instanceof TransferParseError && err.code === 'wrong-passphrase')) drop(h);
        throw mapped;
      }
      delete h.sealed;
      return preview(h);
    },
    diff,
    apply,
    discard(importId: string): { discarded: boolean } {
      const h = held.get(importId);
      if (!h) return { discarded: false };
      drop(h);
      return { discarded: true };
    },
    /** How many imports hold values now (tests). */
    openCount: () => held.size,
    dispose() {
      for (const h of [...held.values()]) drop(h);
    },
  };
}
export type ImportSessions = ReturnType<typeof createImportSessions>;
