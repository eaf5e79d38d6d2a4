import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  CompareProgress,
  CompareRow,
  CompareSide,
  DeletedSecretInfo,
  KluisError,
  OperationKey,
  Page,
  SecretProperties,
  SecretWithValue,
} from '../../contract';
import type { BulkRunner } from '../bulk/bulk-runner';
import { failure } from '../errors/kluis-failure';
import { passesFilter, rowOf, sideOf } from './compare-rows';

/*
 * Compares two vaults. Both listings are read through the listing core already uses (secrets.listPage, with its
 * read-ahead); a name seen on both sides has both current values read at once, in main, paced by each vault's
 * bulk rate (the bulk runner's token bucket) and under secrets.get's retry budget. Each value is reduced at once to
 * an HMAC-SHA-256 under a key made for this comparison, and dropped: no value or MAC is kept anywhere else, sent to
 * the renderer, logged or written. The key and the MACs are forgotten when the comparison is closed (or replaced).
 */

export interface CompareDeps {
  listPage(vaultId: string, continuationToken?: string): Promise<Page<SecretProperties>>;
  listDeletedPage(vaultId: string, continuationToken?: string): Promise<Page<DeletedSecretInfo>>;
  /** The current version with its value, under secrets.get's policy (not refused by privacy mode: never shown). */
  readSecret(vaultId: string, name: string): Promise<SecretWithValue>;
  /** The vault's display name; throws (not-found) for a vault that is not in the sidebar. */
  vaultName(vaultId: string): string;
  /** A failure as the user reads it, as that operation on that vault (a 403 names the permission). */
  describe(err: unknown, vaultId: string, operation: OperationKey): KluisError;
  bulk: Pick<BulkRunner, 'startWrites' | 'bucket' | 'backoff'>;
  emit(progress: CompareProgress): void;
  /** Names whose values are read at once (two reads each, one per vault). */
  concurrency?: number;
  /** Attempts of one read the service keeps throttling. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Comparisons kept open at once; starting another forgets the oldest. */
  maxSessions?: number;
}

/** What a comparison keeps for promote: per name (lower case), A's MAC and B's version as compared. */
export interface Session {
  id: string;
  vaultA: string;
  vaultB: string;
  key: Buffer;
  rows: Map<string, CompareRow>;
  macA: Map<string, Buffer>;
  /** Why A's value of a name could not be read (for promote's review). */
  readErrorsA: Map<string, string>;
  cancelled: boolean;
  done: Promise<void>;
}

const BATCH = 100;
const keyOf = (name: string) => name.toLowerCase();

export function createCompareEngine(deps: CompareDeps) {
  const concurrency = deps.concurrency ?? 32;
  const maxAttempts = deps.maxAttempts ?? 8;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxSessions = deps.maxSessions ?? 3;
  const sessions = new Map<string, Session>();

  const mac = (key: Buffer, value: string) => createHmac('sha256', key).update(value, 'utf8').digest();

  /** One value read, paced by the vault's bulk rate, retried after a throttle the retry budget did not outlast. */
  async function readPaced(vaultId: string, name: string): Promise<SecretWithValue> {
    const bucket = deps.bulk.bucket(vaultId);
    for (let attempt = 1; ; attempt++) {
      await bucket.take(1);
      try {
        return await deps.readSecret(vaultId, name);
      } catch (err) {
        const error = deps.describe(err, vaultId, 'secrets.get');
        if (error.kind !== 'throttled' || attempt >= maxAttempts) throw err;
        const delay = deps.bulk.backoff(attempt);
        bucket.pause(delay);
        await sleep(delay);
      }
    }
  }

  function forget(session: Session): void {
    session.cancelled = true;
    session.key.fill(0);
    for (const m of session.macA.values()) m.fill(0);
    session.macA.clear();
    session.readErrorsA.clear();
    session.rows.clear();
    sessions.delete(session.id);
  }

  async function run(session: Session, filter: string | undefined): Promise<void> {
    const { id, vaultA, vaultB, key } = session;
    const nameA = deps.vaultName(vaultA);
    const nameB = deps.vaultName(vaultB);
    const a = new Map<string, SecretProperties>();
    const b = new Map<string, SecretProperties>();
    const deletedB = new Map<string, DeletedSecretInfo>();
    const warnings: string[] = [];
    let batch: CompareRow[] = [];
    let decided = 0;
    let listed = false;
    const total = () => new Set([...a.keys(), ...b.keys()]).size;
    const flush = (force = false) => {
      if (session.cancelled && !force) return;
      if (!force && batch.length < BATCH) return;
      deps.emit({ compareId: id, rows: batch, decided, total: total(), listed });
      batch = [];
    };
    const decide = (row: CompareRow) => {
      if (session.cancelled) return;
      session.rows.set(keyOf(row.name), row);
      decided += 1;
      batch.push(row);
      flush();
    };

    // Names on both sides wait here for their values; workers take them as the listings find them. Names only in A
    // follow once the listings are read: A's value is read (MAC kept) so a promote can tell whether it changed.
    const queue: string[] = [];
    const onlyA: string[] = [];
    let listingsDone = false;
    let wake: (() => void) | undefined;
    const poke = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const seen = (k: string) => {
      const pa = a.get(k);
      const pb = b.get(k);
      if (!pa || !pb) return;
      // A disabled secret's value cannot be read (the service answers 403 SecretDisabled): say so, read nothing.
      if (pa.enabled === false || pb.enabled === false) {
        const where = pa.enabled === false ? nameA : nameB;
        decide(
          rowOf({
            name: pa.name,
            a: sideOf(pa),
            b: sideOf(pb),
            valueError: `Disabled in ${where}: Key Vault does not give the value of a disabled secret.`,
          }),
        );
        return;
      }
      queue.push(k);
      poke();
    };

    async function listAll(vaultId: string, into: Map<string, SecretProperties>): Promise<void> {
      let token: string | undefined;
      do {
        if (session.cancelled) return;
        const page = await deps.listPage(vaultId, token);
        for (const p of page.items) {
          if (!passesFilter(p.name, filter)) continue;
          const k = keyOf(p.name);
          into.set(k, p);
          seen(k);
        }
        token = page.continuationToken;
      } while (token);
    }

    async function listDeleted(): Promise<void> {
      let token: string | undefined;
      try {
        do {
          if (session.cancelled) return;
          const page = await deps.listDeletedPage(vaultB, token);
          for (const d of page.items) {
            if (passesFilter(d.properties.name, filter)) deletedB.set(keyOf(d.properties.name), d);
          }
          token = page.continuationToken;
        } while (token);
      } catch (err) {
        const e = deps.describe(err, vaultB, 'deleted.listPage');
        warnings.push(
          `The deleted secrets of ${nameB} could not be listed, so names held by a deleted secret there are not marked: ${e.message}`,
        );
      }
    }

    async function compareValues(k: string): Promise<void> {
      const pa = a.get(k) as SecretProperties;
      const pb = b.get(k) as SecretProperties;
      const read = async (vaultId: string, vaultName: string, p: SecretProperties) => {
        try {
          const s = await readPaced(vaultId, p.name);
          // Reduced at once, in main; the value goes no further than this line.
          return { mac: mac(key, s.value), side: sideOf(s.properties) };
        } catch (err) {
          return { error: `${vaultName}: ${deps.describe(err, vaultId, 'secrets.get').message}` };
        }
      };
      const [ra, rb] = await Promise.all([read(vaultA, nameA, pa), read(vaultB, nameB, pb)]);
      if (session.cancelled) return;
      const sideA = ra.side ?? sideOf(pa);
      const sideB = rb.side ?? sideOf(pb);
      if (ra.mac) session.macA.set(k, ra.mac);
      if (ra.error) session.readErrorsA.set(k, ra.error);
      const errors = [ra.error, rb.error].filter((e): e is string => e !== undefined);
      const valueEqual = ra.mac && rb.mac ? timingSafeEqual(ra.mac, rb.mac) : undefined;
      rb.mac?.fill(0);
      decide(
        rowOf({
          name: pa.name,
          a: sideA,
          b: sideB,
          ...(valueEqual !== undefined ? { valueEqual } : {}),
          ...(errors.length > 0 ? { valueError: `Could not compare the values. ${errors.join(' ')}` } : {}),
        }),
      );
    }

    async function readOnlyA(k: string): Promise<void> {
      const pa = a.get(k) as SecretProperties;
      if (pa.enabled === false) {
        session.readErrorsA.set(
          k,
          `Disabled in ${nameA}: Key Vault does not give the value of a disabled secret.`,
        );
        return;
      }
      try {
        const s = await readPaced(vaultA, pa.name);
        if (!session.cancelled) session.macA.set(k, mac(key, s.value));
      } catch (err) {
        session.readErrorsA.set(k, `${nameA}: ${deps.describe(err, vaultA, 'secrets.get').message}`);
      }
    }

    async function worker(): Promise<void> {
      for (;;) {
        if (session.cancelled) return;
        const k = queue.shift();
        if (k !== undefined) {
          await compareValues(k);
          continue;
        }
        const ka = listingsDone ? onlyA.shift() : undefined;
        if (ka !== undefined) {
          await readOnlyA(ka);
          continue;
        }
        if (listingsDone) return;
        await new Promise<void>((resolve) => (wake = chain(wake, resolve)));
      }
    }

    const workers = Array.from({ length: concurrency }, () => worker());
    let error: KluisError | undefined;
    const failed = (vaultId: string) => (err: unknown) => {
      error ??= deps.describe(err, vaultId, 'secrets.listPage');
      session.cancelled = true;
    };
    await Promise.all([
      listAll(vaultA, a).catch(failed(vaultA)),
      listAll(vaultB, b).catch(failed(vaultB)),
      listDeleted(),
    ]);
    listingsDone = true;
    listed = !error;
    if (!session.cancelled) {
      for (const [k, pa] of a) {
        if (!b.has(k)) {
          onlyA.push(k);
          const d = deletedB.get(k);
          decide(rowOf({ name: pa.name, a: sideOf(pa), ...(d ? { deletedOnB: d } : {}) }));
        }
      }
      for (const [k, pb] of b) if (!a.has(k)) decide(rowOf({ name: pb.name, b: sideOf(pb) }));
    }
    // Wake every waiting worker: the listings are read, what is left is in the queues.
    poke();
    await Promise.all(workers);
    const last: CompareProgress = {
      compareId: id,
      rows: session.cancelled ? [] : batch,
      decided,
      total: total(),
      listed,
      done: true,
    };
    if (error) last.error = error;
    else if (session.cancelled) last.cancelled = true;
    if (warnings.length > 0) last.warnings = warnings;
    batch = [];
    deps.emit(last);
  }

  return {
    sessions,
    start(input: { vaultA: string; vaultB: string; filter?: string }): { compareId: string } {
      // Both vaults must be in the sidebar (throws not-found otherwise).
      deps.vaultName(input.vaultA);
      deps.vaultName(input.vaultB);
      while (sessions.size >= maxSessions) forget(sessions.values().next().value as Session);
      const session: Session = {
        id: randomUUID(),
        vaultA: input.vaultA,
        vaultB: input.vaultB,
        key: randomBytes(32),
        rows: new Map(),
        macA: new Map(),
        readErrorsA: new Map(),
        cancelled: false,
        done: Promise.resolve(),
      };
      sessions.set(session.id, session);
      session.done = run(session, input.filter?.trim() || undefined).catch((err: unknown) => {
        deps.emit({
          compareId: session.id,
          rows: [],
          decided: 0,
          total: 0,
          listed: false,
          done: true,
          error: deps.describe(err, input.vaultA, 'secrets.listPage'),
        });
      });
      return { compareId: session.id };
    },
    cancel(compareId: string): { cancelled: boolean } {
      const s = sessions.get(compareId);
      if (!s || s.cancelled) return { cancelled: false };
      s.cancelled = true;
      return { cancelled: true };
    },
    close(compareId: string): { closed: boolean } {
      const s = sessions.get(compareId);
      if (!s) return { closed: false };
      forget(s);
      return { closed: true };
    },
    /** The open comparison, or a not-found failure that says to compare again. */
    session(compareId: string): Session {
      const s = sessions.get(compareId);
      if (!s) throw failure('not-found', 'This comparison has ended. Compare the vaults again.');
      return s;
    },
    mac,
    readPaced,
    async dispose(): Promise<void> {
      const all = [...sessions.values()];
      for (const s of all) s.cancelled = true;
      await Promise.allSettled(all.map((s) => s.done));
      for (const s of all) forget(s);
    },
  };
}

export type CompareEngine = ReturnType<typeof createCompareEngine>;

/** Several workers may wait at once: each wake resolves every waiter (they look at the queue again). */
function chain(prev: (() => void) | undefined, next: () => void): () => void {
  return prev
    ? () => {
        prev();
        next();
      }
    : next;
}

export type { CompareSide };
