import { isOperationKey, traitsOf } from '../operations/operation-traits';
import { RetryBudget, runWithBudget } from '../reliability/retry-budget';
import { samePageLink } from './page-link-capture';

/**
 * Read-ahead for a vault's secrets listing. Key Vault pages are 25 secrets and each costs a round trip, and the
 * service hands out one continuation token at a time, so the floor for a whole listing is its pages one after
 * another. Here core walks that chain by itself: as soon as a page with a continuation token is returned, the next
 * page is requested, and the next, up to MAX_AHEAD pages ahead of the renderer. The renderer's call for a token then
 * takes the pages already there in one answer (a batch): the first page of a listing is answered alone and at once
 * (first rows fast), later calls wait until BATCH_PAGES are there, the listing ended, or BATCH_WAIT_MS passed, so
 * a 5,000-secret vault crosses IPC (and renders) about thirty times instead of two hundred.
 *
 * Bounds: MAX_AHEAD pages per vault, one request in flight; pages read ahead are dropped when nobody takes any for
 * KEEP_MS, when a fresh listing of the vault starts (refresh, reopen), and whenever core runs an operation that may
 * change the vault's contents or how it is reached (forget()); a page still in flight then is discarded when it
 * lands. A read-ahead that fails is silent and ends the chain: it makes one attempt, and the renderer's call for
 * that page fetches it itself with core's full retry policy. List pages carry properties only, never values.
 */

/** How long pages read ahead wait to be taken; the renderer normally asks within milliseconds. */
export const READ_AHEAD_KEEP_MS = 10_000;
/** Pages fetched ahead of the renderer at most (25 secrets each). */
export const MAX_AHEAD = 32;
/** A call past the first page is answered once this many pages are there... */
export const BATCH_PAGES = 8;
/** ...or once it has waited this long with at least one page there (a few list updates a second). */
export const BATCH_WAIT_MS = 150;

export interface ListedPage {
  items: readonly unknown[];
  continuationToken?: string;
}

export interface ReadAheadOptions {
  keepMs?: number;
  maxAhead?: number;
  batchPages?: number;
  batchWaitMs?: number;
}

interface Entry<P> {
  token: string;
  /** Never rejects: undefined when the read-ahead failed or was dropped. */
  page: Promise<P | undefined>;
  settled: boolean;
  value?: P;
}

interface Chain<P> {
  entries: Entry<P>[];
  /** The token of the next page to request; undefined once the listing ended or a read-ahead failed. */
  next: string | undefined;
  inFlight: boolean;
  /** Wakes callers waiting for more pages of this chain. */
  changed: Set<() => void>;
  timer?: ReturnType<typeof setTimeout>;
}

export interface ListReadAhead<P extends ListedPage> {
  /** The page at `continuationToken` (the first page without one), with those after it read ahead when possible. */
  page(vaultId: string, continuationToken?: string): Promise<P>;
  /** Drops the vault's read-ahead: its listing may have changed. */
  forget(vaultId: string): void;
  /** The token of the next page held (or in flight) for the vault, if any (tests and diagnostics). */
  heldToken(vaultId: string): string | undefined;
  /** How many pages are held or in flight for the vault (tests and diagnostics). */
  heldPages(vaultId: string): number;
}

/** A budget that declines every retry: a read-ahead is an optimisation, the real call retries if needed. */
class SingleAttempt extends RetryBudget {
  constructor() {
    super('secrets.listPage (read-ahead)', () => undefined);
  }
  override elapsedMs(): number {
    return Number.POSITIVE_INFINITY;
  }
}

/** Pages of one listing, in order, as one page: their items, and the last one's continuation. */
function joined<P extends ListedPage>(pages: P[]): P {
  if (pages.length === 1) return pages[0]!;
  const last = pages[pages.length - 1]!;
  const { continuationToken: _previous, ...rest } = last;
  return {
    ...rest,
    items: pages.flatMap((p) => [...p.items]),
    ...(last.continuationToken ? { continuationToken: last.continuationToken } : {}),
  } as unknown as P;
}

export function createListReadAhead<P extends ListedPage>(
  fetchPage: (vaultId: string, continuationToken?: string) => Promise<P>,
  options: ReadAheadOptions = {},
): ListReadAhead<P> {
  const keepMs = options.keepMs ?? READ_AHEAD_KEEP_MS;
  const maxAhead = Math.max(1, options.maxAhead ?? MAX_AHEAD);
  const batchPages = Math.max(1, Math.min(maxAhead, options.batchPages ?? BATCH_PAGES));
  const batchWaitMs = options.batchWaitMs ?? BATCH_WAIT_MS;
  const chains = new Map<string, Chain<P>>();
  /** Bumped by forget(): a read-ahead started under an older generation never lands in a chain. */
  const generations = new Map<string, number>();
  const generation = (vaultId: string) => generations.get(vaultId) ?? 0;

  const drop = (vaultId: string) => {
    const chain = chains.get(vaultId);
    if (!chain) return;
    clearTimeout(chain.timer);
    chains.delete(vaultId);
    for (const wake of chain.changed) wake();
  };

  /** (Re)arms the chain's expiry: pages nobody takes for keepMs are dropped. */
  const keepAlive = (vaultId: string, chain: Chain<P>) => {
    clearTimeout(chain.timer);
    chain.timer = setTimeout(() => {
      if (chains.get(vaultId) === chain) drop(vaultId);
    }, keepMs);
    chain.timer.unref?.();
  };

  /** Requests the next page when the chain is current, under its bound, and has nothing in flight. */
  function extend(vaultId: string, chain: Chain<P>, startedIn: number): void {
    if (chains.get(vaultId) !== chain || generation(vaultId) !== startedIn) return;
    if (chain.inFlight || chain.entries.length >= maxAhead) return;
    const token = chain.next;
    if (!token) return;
    chain.inFlight = true;
    const entry: Entry<P> = {
      token,
      settled: false,
      // Its own single-attempt budget, not a caller's: its failures are nobody's error and announce no retries.
      page: runWithBudget(new SingleAttempt(), () => fetchPage(vaultId, token)).then(
        (page) => (generation(vaultId) === startedIn ? page : undefined),
        () => undefined,
      ),
    };
    chain.entries.push(entry);
    void entry.page.then((page) => {
      entry.settled = true;
      chain.inFlight = false;
      // A failed or dropped page ends the chain: the call for it fetches it itself.
      chain.next = page?.continuationToken;
      if (page) entry.value = page;
      for (const wake of chain.changed) wake();
      extend(vaultId, chain, startedIn);
    });
  }

  function startChain(vaultId: string, token: string): void {
    drop(vaultId);
    const chain: Chain<P> = { entries: [], next: token, inFlight: false, changed: new Set() };
    chains.set(vaultId, chain);
    keepAlive(vaultId, chain);
    extend(vaultId, chain, generation(vaultId));
  }

  /** The ready pages at the head of the chain (settled with a page), in order. */
  const readyHead = (chain: Chain<P>): Entry<P>[] => {
    const ready: Entry<P>[] = [];
    for (const entry of chain.entries) {
      if (!entry.settled || !entry.value) break;
      ready.push(entry);
    }
    return ready;
  };

  /** Whether nothing more will come for the chain after its ready head: it ended, failed or stopped. */
  const exhausted = (chain: Chain<P>, ready: Entry<P>[]): boolean => {
    const last = ready[ready.length - 1];
    if (last && !last.value?.continuationToken) return true;
    const after = chain.entries[ready.length];
    return after?.settled === true && !after.value;
  };

  /** Waits until the chain changes (a page landed, it was dropped) or `ms` passed. */
  const changeOrTimeout = (chain: Chain<P>, ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        chain.changed.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      chain.changed.add(done);
    });

  /** The pages from `token` on that the chain holds, as one batch; undefined when it cannot answer for it. */
  async function takeBatch(vaultId: string, token: string): Promise<P | undefined> {
    const chain = chains.get(vaultId);
    // Tokens are page links: host and host:443 name the same page.
    if (!chain || !samePageLink(chain.entries[0]?.token, token)) return undefined;
    const startedIn = generation(vaultId);
    const calledAt = Date.now();
    const current = () => chains.get(vaultId) === chain && generation(vaultId) === startedIn;
    // Wait for the first page, then for a full batch, the chain's end, or the batch wait.
    for (;;) {
      if (!current()) return undefined;
      const ready = readyHead(chain);
      const head = chain.entries[0];
      if (!head || (head.settled && !head.value)) return undefined;
      const waited = Date.now() - calledAt;
      if (
        ready.length >= batchPages ||
        (ready.length > 0 && (exhausted(chain, ready) || waited >= batchWaitMs))
      ) {
        chain.entries.splice(0, ready.length);
        keepAlive(vaultId, chain);
        extend(vaultId, chain, startedIn);
        if (chain.entries.length === 0 && !chain.next) drop(vaultId);
        return joined(ready.map((e) => e.value!));
      }
      await changeOrTimeout(chain, ready.length > 0 ? batchWaitMs - waited : keepMs);
    }
  }

  return {
    async page(vaultId, continuationToken) {
      // A fresh listing (refresh, reopen) starts from the service, and nothing read ahead before it is reused:
      // tokens name positions, so an old listing's token can equal the new one's.
      if (!continuationToken) this.forget(vaultId);
      const startedIn = generation(vaultId);
      const batch = continuationToken ? await takeBatch(vaultId, continuationToken) : undefined;
      if (batch) return batch;
      const page = await fetchPage(vaultId, continuationToken);
      // Nothing that may have changed the vault ran meanwhile: read on.
      if (page.continuationToken && generation(vaultId) === startedIn)
        startChain(vaultId, page.continuationToken);
      return page;
    },
    forget(vaultId) {
      generations.set(vaultId, generation(vaultId) + 1);
      drop(vaultId);
    },
    heldToken(vaultId) {
      return chains.get(vaultId)?.entries[0]?.token;
    },
    heldPages(vaultId) {
      return chains.get(vaultId)?.entries.length ?? 0;
    },
  };
}

/**
 * Whether an operation leaves a vault's listing as it was (operation-traits.ts declares it for each one): reads,
 * view state, sidebar order and names, sign-in status, bulk bookkeeping. An unknown name does not.
 */
export const leavesListing = (operation: string): boolean =>
  isOperationKey(operation) && traitsOf(operation).readAhead === 'keeps';
