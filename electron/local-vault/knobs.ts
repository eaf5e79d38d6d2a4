/** Realism knobs: throttling like the service's limits, and seeded fault injection. */

export interface ThrottleLimits {
  createsPer10s: number;
  othersPer10s: number;
  omitRetryAfter: boolean;
}

export const SERVICE_LIMITS: ThrottleLimits = {
  createsPer10s: 300,
  othersPer10s: 4_000,
  omitRetryAfter: false,
};

/**
 * Per-vault transaction limits over fixed 10-second windows (the service publishes limits "per
 * 10 seconds per vault"; secret creates have their own, smaller budget). Throttled requests do not
 * count, as the service documents.
 */
export class Throttle {
  private windowStart = -1;
  private creates = 0;
  private others = 0;

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly nowMs: () => number,
  ) {}

  /** Returns undefined when admitted, otherwise the seconds until the window ends (>= 1). */
  admit(isCreate: boolean): number | undefined {
    const now = this.nowMs();
    const start = Math.floor(now / 10_000) * 10_000;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.creates = 0;
      this.others = 0;
    }
    if (isCreate ? this.creates >= this.limits.createsPer10s : this.others >= this.limits.othersPer10s) {
      return Math.max(1, Math.ceil((start + 10_000 - now) / 1000));
    }
    if (isCreate) this.creates++;
    else this.others++;
    return undefined;
  }
}

/** mulberry32: tiny, fast and good enough to make fault sequences reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Fault = 'none' | 500 | 503 | 'reset';

export class FaultInjector {
  private readonly random: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError('faults.rate must be between 0 and 1');
    this.random = seededRandom(seed);
  }

  /** Draws twice per request whatever the outcome, so the sequence depends only on the request count. */
  next(): Fault {
    const hit = this.random() < this.rate;
    const kind = this.random();
    if (!hit) return 'none';
    return kind < 1 / 3 ? 500 : kind < 2 / 3 ? 503 : 'reset';
  }
}
