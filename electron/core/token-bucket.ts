/**
 * A token bucket: at most `capacity` starts at once, refilled at `perSecond`. A bulk job takes one token per item
 * before it starts it, so one vault never sees more than the rate allows, however fast the vault answers.
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

  /** Resolves when a token was taken. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.options.perSecond) * 1000));
    }
  }

  private refill(now: number): void {
    if (now <= this.last) return;
    const added = ((now - this.last) / 1000) * this.options.perSecond;
    this.tokens = Math.min(this.options.capacity, this.tokens + added);
    this.last = now;
  }
}
