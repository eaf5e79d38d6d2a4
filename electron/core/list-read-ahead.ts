import { RetryBudget, runWithBudget } from './retry-budget';

/**
 * Read-ahead for a vault's secrets listing. Key Vault pages are 25 secrets and each costs a round trip, so a
 * renderer that asks for page n+1 only after page n reached it pays the trip to the renderer and its rendering on
 * top of every network round trip. Here, as soon as a page with a continuation token is returned, the next page is
 * requested; the renderer's call for that token then takes the page in flight (or already there).
 *
 * Bounds: one page ahead per vault; a page read ahead is kept KEEP_MS at most and taken once. It is dropped when
 * a fresh listing of its vault starts (refresh, reopen) and whenever core runs an operation that may change the
 * vault's contents or how it is reached (forget()); a read-ahead still in flight then is discarded when it lands.
 * A read-ahead that fails is silent: it makes one attempt, and the renderer's call then fetches the page itself
 * with core's full retry policy. List pages carry properties only, never values.
 */

/** How long a page read ahead waits to be taken; the renderer normally asks within milliseconds. */
export const READ_AHEAD_KEEP_MS = 10_000;

export interface ListedPage {
  continuationToken?: string;
}

interface Slot<P> {
  token: string;
  /** Never rejects: undefined when the read-ahead failed or was dropped. */
  page: Promise<P | undefined>;
  timer?: ReturnType<typeof setTimeout>;
}

export interface ListReadAhead<P extends ListedPage> {
  /** The page at `continuationToken` (the first page without one), read ahead when possible. */
  page(vaultId: string, continuationToken?: string): Promise<P>;
  /** Drops the vault's read-ahead: its listing may have changed. */
  forget(vaultId: string): void;
  /** The token a read-ahead is held for, if any (tests and diagnostics). */
  heldToken(vaultId: string): string | undefined;
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

export function createListReadAhead<P extends ListedPage>(
  fetchPage: (vaultId: string, continuationToken?: string) => Promise<P>,
  keepMs: number = READ_AHEAD_KEEP_MS,
): ListReadAhead<P> {
  const slots = new Map<string, Slot<P>>();
  /** Bumped by forget(): a read-ahead started under an older generation never lands in a slot. */
  const generations = new Map<string, number>();
  const generation = (vaultId: string) => generations.get(vaultId) ?? 0;

  const drop = (vaultId: string) => {
    const slot = slots.get(vaultId);
    if (!slot) return;
    clearTimeout(slot.timer);
    slots.delete(vaultId);
  };

  function start(vaultId: string, token: string): void {
    drop(vaultId);
    const startedIn = generation(vaultId);
    const slot: Slot<P> = {
      token,
      // Its own single-attempt budget, not the caller's: its failures are nobody's error and announce no retries.
      page: runWithBudget(new SingleAttempt(), () => fetchPage(vaultId, token)).then(
        (page) => (generation(vaultId) === startedIn ? page : undefined),
        () => undefined,
      ),
    };
    slots.set(vaultId, slot);
    void slot.page.then((page) => {
      if (slots.get(vaultId) !== slot) return;
      if (page === undefined) {
        slots.delete(vaultId);
        return;
      }
      slot.timer = setTimeout(() => {
        if (slots.get(vaultId) === slot) slots.delete(vaultId);
      }, keepMs);
      slot.timer.unref?.();
    });
  }

  /** The read-ahead for exactly this token, taken (so it answers once), or undefined. */
  function take(vaultId: string, token: string): Promise<P | undefined> | undefined {
    const slot = slots.get(vaultId);
    if (!slot || slot.token !== token) return undefined;
    drop(vaultId);
    return slot.page;
  }

  return {
    async page(vaultId, continuationToken) {
      // A fresh listing (refresh, reopen) starts from the service, and nothing read ahead before it is reused:
      // tokens name positions, so an old listing's token can equal the new one's.
      if (!continuationToken) this.forget(vaultId);
      const startedIn = generation(vaultId);
      const ahead = continuationToken ? take(vaultId, continuationToken) : undefined;
      const page = (ahead && (await ahead)) ?? (await fetchPage(vaultId, continuationToken));
      // Nothing that may have changed the vault ran meanwhile: read on.
      if (page.continuationToken && generation(vaultId) === startedIn) start(vaultId, page.continuationToken);
      return page;
    },
    forget(vaultId) {
      generations.set(vaultId, generation(vaultId) + 1);
      drop(vaultId);
    },
    heldToken(vaultId) {
      return slots.get(vaultId)?.token;
    },
  };
}

/**
 * Operations on a vault, besides reads, that leave its listing as it was: view state, sidebar order and names,
 * sign-in status, and bulk bookkeeping (each bulk item runs as an operation of its own). Every other operation
 * naming a vault drops its read-ahead, so a new kind of write is safe by default.
 */
const LEAVES_LISTING = new Set([
  'settings.saveViewState',
  'vaults.select',
  'vaults.rename',
  'vaults.setPinned',
  'auth.whoAmI',
  'auth.cancelSignIn',
  'bulk.start',
  'bulk.cancel',
]);

export const leavesListing = (operation: string): boolean => LEAVES_LISTING.has(operation);
