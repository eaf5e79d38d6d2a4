import { afterEach, describe, expect, it, vi } from 'vitest';
import { createListReadAhead, leavesListing } from '../../../electron/core/secrets/list-read-ahead';

interface FakePage {
  items: string[];
  continuationToken?: string;
}

/** A listing of `pages` pages whose fetches the test resolves or fails by hand. */
function fakeListing(pages: number) {
  const requests: Array<{
    vaultId: string;
    token: string | undefined;
    resolve: () => void;
    reject: (e: Error) => void;
  }> = [];
  const fetchPage = (vaultId: string, token?: string) =>
    new Promise<FakePage>((resolve, reject) => {
      const index = token ? Number(token.slice(1)) : 0;
      const page: FakePage = {
        items: [`${vaultId}-${index}`],
        ...(index + 1 < pages ? { continuationToken: `p${index + 1}` } : {}),
      };
      requests.push({ vaultId, token, resolve: () => resolve(page), reject });
    });
  /** Resolves the oldest unanswered fetch of that token. */
  const answer = async (token: string | undefined, error?: Error) => {
    await vi.waitFor(() => expect(requests.some((r) => r.token === token)).toBe(true));
    const i = requests.findIndex((r) => r.token === token);
    const [r] = requests.splice(i, 1);
    if (error) r!.reject(error);
    else r!.resolve();
  };
  const asked = (token: string | undefined) => requests.filter((r) => r.token === token).length;
  return { fetchPage, answer, asked, requests };
}

afterEach(() => {
  vi.useRealTimers();
});

/** One page ahead, each call answered with one page: the chain's steps one at a time. */
const ONE_BY_ONE = { maxAhead: 1, batchPages: 1 };

/** A read-ahead over `f` whose first page (for vault 'v') has been asked for and answered. */
async function pastFirstPage(
  f: ReturnType<typeof fakeListing>,
  options: Parameters<typeof createListReadAhead>[1],
) {
  const ra = createListReadAhead(f.fetchPage, options);
  const first = ra.page('v');
  await f.answer(undefined);
  await first;
  return ra;
}

/** A listing of `pages` pages that answers every fetch on the next tick, counting requests per token. */
function quickListing(pages: number) {
  const asked = new Map<string, number>();
  const fetchPage = async (vaultId: string, token?: string): Promise<FakePage> => {
    asked.set(token ?? '', (asked.get(token ?? '') ?? 0) + 1);
    await new Promise((resolve) => setImmediate(resolve));
    const index = token ? Number(token.slice(1)) : 0;
    return {
      items: [`${vaultId}-${index}`],
      ...(index + 1 < pages ? { continuationToken: `p${index + 1}` } : {}),
    };
  };
  return { fetchPage, asked };
}

describe('listing read-ahead', () => {
  it('fetches the next page as soon as one is returned, and answers the call for it from there', async () => {
    const f = fakeListing(3);
    const ra = createListReadAhead(f.fetchPage, ONE_BY_ONE);
    const first = ra.page('v', undefined);
    await f.answer(undefined);
    expect((await first).continuationToken).toBe('p1');
    expect(f.asked('p1')).toBe(1); // read ahead, nobody asked yet
    const second = ra.page('v', 'p1');
    await f.answer('p1');
    expect(await second).toEqual({ items: ['v-1'], continuationToken: 'p2' });
    expect(f.asked('p1')).toBe(0); // one request for page 1, answered
    expect(f.requests.map((r) => r.token)).toEqual(['p2']);
    const third = ra.page('v', 'p2');
    await f.answer('p2');
    expect(await third).toEqual({ items: ['v-2'] });
    expect(f.requests).toEqual([]); // the last page has no token: nothing read ahead
    expect(ra.heldToken('v')).toBeUndefined();
  });

  it('answers a read-ahead once; a second call for the same token fetches', async () => {
    const f = fakeListing(3);
    const ra = await pastFirstPage(f, ONE_BY_ONE);
    await f.answer('p1');
    const a = ra.page('v', 'p1');
    expect((await a).items).toEqual(['v-1']);
    const b = ra.page('v', 'p1');
    await f.answer('p1');
    expect((await b).items).toEqual(['v-1']);
  });

  it('a failed read-ahead is silent: the call for its page fetches it again', async () => {
    const f = fakeListing(2);
    const ra = await pastFirstPage(f, ONE_BY_ONE);
    await f.answer('p1', new Error('socket hang up'));
    const second = ra.page('v', 'p1');
    await f.answer('p1');
    expect((await second).items).toEqual(['v-1']);
  });

  it('a failure of the fetch the caller made is the caller’s error', async () => {
    const f = fakeListing(2);
    const ra = createListReadAhead(f.fetchPage, ONE_BY_ONE);
    const first = ra.page('v');
    await f.answer(undefined, new Error('forbidden'));
    await expect(first).rejects.toThrow('forbidden');
    expect(f.requests).toEqual([]);
  });

  it('forget() discards a read-ahead still in flight and one already there', async () => {
    const f = fakeListing(3);
    const ra = await pastFirstPage(f, ONE_BY_ONE);
    ra.forget('v'); // e.g. a secret was written while page 1 was read ahead
    await f.answer('p1'); // lands after the write: not used
    const second = ra.page('v', 'p1');
    await f.answer('p1');
    expect((await second).items).toEqual(['v-1']);

    await f.answer('p2'); // read ahead after the call above, and there
    expect(ra.heldToken('v')).toBe('p2');
    ra.forget('v');
    expect(ra.heldToken('v')).toBeUndefined();
  });

  it('a fresh listing of the vault drops what an earlier listing read ahead', async () => {
    const f = fakeListing(3);
    const ra = createListReadAhead(f.fetchPage, ONE_BY_ONE);
    const old = ra.page('v');
    await f.answer(undefined);
    await old;
    const refresh = ra.page('v');
    await f.answer('p1'); // the old listing's read-ahead lands during the refresh
    await f.answer(undefined);
    await refresh;
    expect(f.asked('p1')).toBe(1); // the refreshed listing's own read-ahead
    const second = ra.page('v', 'p1');
    await f.answer('p1');
    expect((await second).items).toEqual(['v-1']);
  });

  it('keeps one page per vault and drops it when nobody takes it in time', async () => {
    vi.useFakeTimers();
    const f = fakeListing(3);
    const ra = createListReadAhead(f.fetchPage, { ...ONE_BY_ONE, keepMs: 1_000 });
    const a = ra.page('a');
    const b = ra.page('b');
    await f.answer(undefined);
    await f.answer(undefined);
    await Promise.all([a, b]);
    await f.answer('p1');
    await f.answer('p1');
    await vi.waitFor(() => {
      expect(ra.heldToken('a')).toBe('p1');
      expect(ra.heldToken('b')).toBe('p1');
    });
    await vi.advanceTimersByTimeAsync(1_001);
    expect(ra.heldToken('a')).toBeUndefined();
    expect(ra.heldToken('b')).toBeUndefined();
    const late = ra.page('a', 'p1');
    await f.answer('p1');
    expect((await late).items).toEqual(['a-1']);
  });

  it('walks the chain up to its bound and answers a call with the pages already there, each page fetched once', async () => {
    const f = quickListing(12);
    const ra = createListReadAhead(f.fetchPage, { maxAhead: 8, batchPages: 4, batchWaitMs: 60_000 });
    const first = await ra.page('v');
    // The first page is answered alone and at once.
    expect(first).toEqual({ items: ['v-0'], continuationToken: 'p1' });
    await vi.waitFor(() => expect(ra.heldPages('v')).toBe(8));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ra.heldPages('v')).toBe(8); // bounded: nothing more until the renderer takes some
    expect(f.asked.get('p9')).toBeUndefined();

    // Eight pages are there: the call takes them all, in order, as one page.
    const batch = await ra.page('v', 'p1');
    expect(batch).toEqual({
      items: ['v-1', 'v-2', 'v-3', 'v-4', 'v-5', 'v-6', 'v-7', 'v-8'],
      continuationToken: 'p9',
    });
    // The last batch is answered when the listing ends, without waiting for a full batch.
    const last = await ra.page('v', 'p9');
    expect(last).toEqual({ items: ['v-9', 'v-10', 'v-11'] });
    expect([...f.asked.values()].every((n) => n === 1)).toBe(true);
    expect(f.asked.size).toBe(12);
    expect(ra.heldPages('v')).toBe(0);
  });

  it('answers with fewer pages once the batch wait passed, and a later call at once when the listing ends', async () => {
    const f = fakeListing(3);
    const ra = await pastFirstPage(f, { maxAhead: 8, batchPages: 4, batchWaitMs: 100 });
    const second = ra.page('v', 'p1');
    let answered = false;
    void second.then(() => (answered = true));
    await f.answer('p1');
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false); // one page there, more on the way: it waits for a batch
    expect(await second).toEqual({ items: ['v-1'], continuationToken: 'p2' });
    const third = ra.page('v', 'p2');
    await f.answer('p2');
    expect(await third).toEqual({ items: ['v-2'] });
  });

  it('a page that fails in the middle of the chain ends the batch before it; the call for it fetches it', async () => {
    const f = fakeListing(4);
    const ra = await pastFirstPage(f, { maxAhead: 8, batchPages: 4, batchWaitMs: 60_000 });
    await f.answer('p1');
    await f.answer('p2', new Error('socket hang up'));
    expect(await ra.page('v', 'p1')).toEqual({ items: ['v-1'], continuationToken: 'p2' });
    const again = ra.page('v', 'p2');
    await f.answer('p2');
    expect((await again).items).toEqual(['v-2']);
  });

  it('a call waiting for a batch when a write drops the chain fetches its page again', async () => {
    const f = fakeListing(4);
    const ra = await pastFirstPage(f, { maxAhead: 8, batchPages: 4, batchWaitMs: 60_000 });
    await f.answer('p1');
    const waiting = ra.page('v', 'p1'); // one page there, waiting for more
    ra.forget('v');
    await f.answer('p1'); // fetched again after the write
    expect((await waiting).items).toEqual(['v-1']);
  });

  it('knows which operations leave a listing as it was', () => {
    expect(leavesListing('settings.saveViewState')).toBe(true);
    expect(leavesListing('vaults.select')).toBe(true);
    expect(leavesListing('secrets.set')).toBe(false);
    expect(leavesListing('deleted.recover')).toBe(false);
    expect(leavesListing('vaults.setAuth')).toBe(false);
    expect(leavesListing('some.futureWrite')).toBe(false);
  });
});

describe('listing read-ahead with Key Vault page links', () => {
  it('treats host and host:443 in a link as one page: the call for it is answered from what was read ahead', async () => {
    const fetched: string[] = [];
    const link = (n: number) =>
      `https://kv.vault.azure.net:443/secrets?api-version=7.6&$skiptoken=t${n}&maxresults=25`;
    const fetchPage = async (_vaultId: string, token?: string): Promise<FakePage> => {
      fetched.push(token ?? '');
      await new Promise((resolve) => setImmediate(resolve));
      const index = token ? Number(/t(\d+)/.exec(token)![1]) : 0;
      return { items: [`item-${index}`], ...(index < 2 ? { continuationToken: link(index + 1) } : {}) };
    };
    const ra = createListReadAhead(fetchPage, { maxAhead: 4, batchPages: 4, batchWaitMs: 50 });
    const first = await ra.page('v');
    expect(first.continuationToken).toBe(link(1));
    await vi.waitFor(() => expect(fetched).toHaveLength(3));
    // The same link as the vault is addressed (no port): the read-ahead answers it, no second request.
    const rest = await ra.page('v', link(1).replace(':443/', '/'));
    expect(rest.items).toEqual(['item-1', 'item-2']);
    expect(fetched).toEqual(['', link(1), link(2)]);
  });
});
