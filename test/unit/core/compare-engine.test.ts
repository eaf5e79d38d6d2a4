import { describe, expect, it } from 'vitest';
import type { CompareProgress, KluisError, SecretProperties } from '../../../electron/contract';
import { TokenBucket } from '../../../electron/core/bulk/token-bucket';
import { differencesOf, rowOf, sideOf } from '../../../electron/core/compare/compare-rows';
import { createCompareEngine, type CompareDeps } from '../../../electron/core/compare/compare-vaults';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';

const props = (name: string, extra: Partial<SecretProperties> = {}): SecretProperties => ({
  name,
  id: `https://v/secrets/${name}`,
  vaultUrl: 'https://v',
  tags: {},
  enabled: true,
  updatedOn: 1_000,
  ...extra,
});

describe('compare rows', () => {
  it('tells only-a, only-b, same, differs (value or properties) and not compared', () => {
    const a = sideOf(props('x', { contentType: 'text/plain', tags: { env: 'prod' } }));
    expect(rowOf({ name: 'x', a }).status).toBe('only-a');
    expect(rowOf({ name: 'x', b: a }).status).toBe('only-b');
    expect(rowOf({ name: 'x', a, b: a, valueEqual: true })).toMatchObject({
      status: 'same',
      differences: [],
    });
    expect(rowOf({ name: 'x', a, b: a, valueEqual: false })).toMatchObject({
      status: 'differs',
      differences: ['value'],
    });
    expect(rowOf({ name: 'x', a, b: a, valueError: 'why' })).toMatchObject({
      status: 'unknown',
      valueError: 'why',
    });
    const b = sideOf(props('x', { tags: { env: 'dev' }, expiresOn: 5, updatedOn: 2_000 }));
    const row = rowOf({ name: 'x', a, b, valueEqual: true });
    expect(row.differences).toEqual(['contentType', 'tags', 'expiresOn']);
    expect(row.newer).toBe('b');
  });

  it('treats an empty content type as none and tag order as irrelevant', () => {
    const a = sideOf(props('x', { contentType: '', tags: { a: '1', b: '2' } }));
    const b = sideOf(props('x', { tags: { b: '2', a: '1' } }));
    expect(differencesOf(a, b, true)).toEqual([]);
  });

  it('marks a deleted secret on B only where B has no live one', () => {
    const a = sideOf(props('x'));
    const deleted = { properties: props('x'), deletedOn: 10, scheduledPurgeDate: 20 };
    expect(rowOf({ name: 'x', a, deletedOnB: deleted }).deletedOnB).toEqual({
      deletedOn: 10,
      scheduledPurgeDate: 20,
    });
  });
});

describe('compare engine', () => {
  const throttled = () =>
    new KluisFailure({ kind: 'throttled', message: 'Key Vault is throttling.', status: 429 });

  function engine(overrides: Partial<CompareDeps> = {}, values: Record<string, Record<string, string>> = {}) {
    const events: CompareProgress[] = [];
    const reads: string[] = [];
    const buckets = new Map<string, TokenBucket>();
    const pauses: number[] = [];
    const deps: CompareDeps = {
      listPage: async (vaultId) => ({ items: Object.keys(values[vaultId] ?? {}).map((n) => props(n)) }),
      listDeletedPage: async () => ({ items: [] }),
      readSecret: async (vaultId, name) => {
        reads.push(`${vaultId}/${name}`);
        return { properties: props(name, { version: 'a'.repeat(32) }), value: values[vaultId]?.[name] ?? '' };
      },
      vaultName: (id) => id.toUpperCase(),
      describe: (err): KluisError =>
        err instanceof KluisFailure ? err.error : { kind: 'internal', message: String(err) },
      bulk: {
        startWrites: () => ({ jobId: 'j' }),
        bucket: (id) => {
          let b = buckets.get(id);
          if (!b) {
            b = new TokenBucket({ capacity: 1_000, perSecond: 1_000 });
            const pause = b.pause.bind(b);
            b.pause = (ms: number) => {
              pauses.push(ms);
              pause(0);
            };
            buckets.set(id, b);
          }
          return b;
        },
        backoff: (attempt) => attempt * 10,
      },
      emit: (p) => events.push(p),
      sleep: async () => undefined,
      ...overrides,
    };
    const e = createCompareEngine(deps);
    const finished = async (compareId: string) => {
      await e.sessions.get(compareId)?.done;
      return events.filter((p) => p.compareId === compareId);
    };
    return { e, events, reads, pauses, finished };
  }

  it('streams rows in batches and ends with a done event; names only in B are not read', async () => {
    const a: Record<string, string> = {};
    const b: Record<string, string> = {};
    for (let i = 0; i < 250; i++) {
      a[`n-${i}`] = `v${i}`;
      b[`n-${i}`] = i % 2 ? `v${i}` : 'other';
    }
    b['only-b'] = 'x';
    const { e, reads, finished } = engine({}, { A: a, B: b });
    const { compareId } = e.start({ vaultA: 'A', vaultB: 'B' });
    const events = await finished(compareId);
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)).toMatchObject({ done: true, listed: true, decided: 251, total: 251 });
    const rows = events.flatMap((p) => p.rows);
    expect(rows).toHaveLength(251);
    expect(rows.filter((r) => r.status === 'differs')).toHaveLength(125);
    expect(reads.some((r) => r.endsWith('/only-b'))).toBe(false);
    expect(JSON.stringify(events)).not.toMatch(/"v1"|other/);
  });

  it('retries a read the service throttled, slowing that vault down, and compares it', async () => {
    let left = 2;
    const { e, pauses, finished } = engine(
      {
        readSecret: async (vaultId, name) => {
          if (vaultId === 'B' && left-- > 0) throw throttled();
          return { properties: props(name), value: 'same' };
        },
      },
      { A: { x: 'same' }, B: { x: 'same' } },
    );
    const { compareId } = e.start({ vaultA: 'A', vaultB: 'B' });
    const rows = (await finished(compareId)).flatMap((p) => p.rows);
    expect(rows[0]).toMatchObject({ status: 'same', valueEqual: true });
    expect(pauses).toEqual([10, 20]);
  });

  it('a listing that fails ends the comparison with its error', async () => {
    const { e, finished } = engine(
      {
        listPage: async (vaultId) => {
          if (vaultId === 'B') throw new KluisFailure({ kind: 'forbidden', message: 'No list permission.' });
          return { items: [props('x')] };
        },
      },
      { A: { x: '1' } },
    );
    const { compareId } = e.start({ vaultA: 'A', vaultB: 'B' });
    const last = (await finished(compareId)).at(-1);
    expect(last).toMatchObject({ done: true, listed: false, error: { message: 'No list permission.' } });
  });

  it('close wipes the key and the MACs; at most a few comparisons stay open', async () => {
    const { e, finished } = engine({ maxSessions: 2 }, { A: { x: '1' }, B: { x: '1' } });
    const first = e.start({ vaultA: 'A', vaultB: 'B' });
    await finished(first.compareId);
    const session = e.session(first.compareId);
    const key = session.key;
    const mac = session.macA.get('x');
    expect(mac).toBeDefined();
    expect(e.close(first.compareId)).toEqual({ closed: true });
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(mac?.every((byte) => byte === 0)).toBe(true);
    expect(() => e.session(first.compareId)).toThrow(/Compare the vaults again/);

    const ids = [e.start({ vaultA: 'A', vaultB: 'B' }), e.start({ vaultA: 'A', vaultB: 'B' })];
    e.start({ vaultA: 'A', vaultB: 'B' });
    expect(() => e.session(ids[0]!.compareId)).toThrow();
    await e.dispose();
  });
});
