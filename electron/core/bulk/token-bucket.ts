/**
 * A token bucket: at most `capacity` tokens at once, refilled at `perSecond`. A bulk job takes as many tokens as
 * an item will make requests before it starts it, so one vault never sees more than the rate allows, however fast
 * the vault answers.
 */
export interface TokenBucketOptions {
  capacity: number;
  perSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Takers wait in turn, so a burst after a pause is not granted to everyone at once. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tokens = options.capacity;
    this.last = this.now();
  }

  /** No token is granted before `ms` from now (the service throttled us): everyone sharing the bucket slows down. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.tokens = 0;
    this.last = Math.max(this.last, this.pausedUntil);
  }

  /** Resolves when `count` tokens were taken (at most the capacity). */
  take(count = 1): Promise<void> {
    const need = Math.min(Math.max(count, 0), this.options.capacity);
    const turn = this.queue.then(() => this.takeNow(need));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(need: number): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      this.refill(now);
      if (this.tokens >= need) {
        this.tokens -= need;
        return;
      }
      await this.sleep(Math.ceil(((need - this.tokens) / this.options.perSecond) * 1000));
    }
  }

  private refill(now: number): void {
    if (now <= this.last) return;
    const added = ((now - this.last) / 1000) * this.options.perSecond;
    this.tokens = Math.min(this.options.capacity, this.tokens + added);
    this.last = now;
  }
}
