import { AsyncLocalStorage } from 'node:async_hooks';
import type { OperationRetrying, RetryReason } from '../../contract';

/** How hard to try one user operation. */
export interface RetryPlan {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** The first backoff; each retry doubles it, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is started whose wait would end later than this after the operation began. */
  maxTotalMs: number;
  /** One HTTP attempt is abandoned (and counts as a network failure) after this long. */
  attemptTimeoutMs: number;
}

/**
 * Azure: Microsoft's throttling guidance is exponential backoff of 1, 2, 4, 8, 16 s; five attempts with jitter stay
 * within about half a minute, which is as long as anyone watches a spinner.
 */
export const AZURE_RETRY_PLAN: RetryPlan = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
  maxTotalMs: 30_000,
  attemptTimeoutMs: 30_000,
};

/** The local vault answers in milliseconds; only its knobs (throttle, faults) make it fail, so retry sooner. */
export const LOCAL_RETRY_PLAN: RetryPlan = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 4_000,
  maxTotalMs: 15_000,
  attemptTimeoutMs: 10_000,
};

/**
 * The retry allowance of one contract operation (e.g. one secrets.set). Each request it makes (and each write the
 * write guard repeats) gets its own count of attempts, so a delete's many poll requests do not use up each other's
 * retries; the operation's clock bounds them all together (maxTotalMs), so one user action stays bounded.
 */
export class RetryBudget {
  plan: RetryPlan = AZURE_RETRY_PLAN;
  /** The most attempts any one request of this operation has needed so far. */
  mostAttempts = 1;
  lastReason: RetryReason | undefined;
  private readonly startedAt: number;

  constructor(
    readonly operation: string,
    private readonly onRetry: (event: OperationRetrying) => void,
    private readonly now: () => number = Date.now,
    readonly random: () => number = Math.random,
  ) {
    this.startedAt = now();
  }

  get retried(): boolean {
    return this.mostAttempts > 1;
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  /** A fresh count of attempts for one request or one guarded write. */
  attemptsFor(): Attempts {
    return new Attempts(this, (event) => {
      this.mostAttempts = Math.max(this.mostAttempts, event.attempt);
      this.lastReason = event.reason;
      this.onRetry(event);
    });
  }
}

/** The attempts of one request within an operation's budget. */
export class Attempts {
  /** Attempts made so far (including one in flight). */
  count = 1;

  constructor(
    private readonly budget: RetryBudget,
    private readonly announce: (event: OperationRetrying) => void,
  ) {}

  /**
   * Claims the next attempt: returns how long to wait first, or undefined when the attempts or the operation's
   * time are spent. A server's Retry-After is honoured as given; otherwise exponential backoff with jitter (half
   * fixed, half random), so many clients throttled together do not return in step.
   */
  next(reason: RetryReason, retryAfterMs?: number): number | undefined {
    const plan = this.budget.plan;
    if (this.count >= plan.maxAttempts) return undefined;
    let delayMs: number;
    if (retryAfterMs !== undefined) delayMs = Math.max(0, retryAfterMs);
    else {
      const ceiling = Math.min(plan.maxDelayMs, plan.baseDelayMs * 2 ** (this.count - 1));
      delayMs = Math.round(ceiling / 2 + this.budget.random() * (ceiling / 2));
    }
    if (this.budget.elapsedMs() + delayMs > plan.maxTotalMs) return undefined;
    this.count += 1;
    this.announce({
      operation: this.budget.operation,
      attempt: this.count,
      maxAttempts: plan.maxAttempts,
      delayMs,
      reason,
    });
    return delayMs;
  }
}

const current = new AsyncLocalStorage<RetryBudget>();

/** The budget of the operation this code runs for, if any (SDK calls outside an operation get a fresh one). */
export const currentBudget = (): RetryBudget | undefined => current.getStore();

/**
 * Thrown out of an operation that retried and still failed; error mapping keeps the cause's kind and says how
 * often Kluis tried. Carries no value: the cause is an SDK or Node error about the request, not its body.
 */
export class FailedAfterRetries extends Error {
  constructor(
    override readonly cause: unknown,
    readonly attempts: number,
    readonly elapsedMs: number,
    /** What Kluis checked before giving up, e.g. 'It was not saved.' */
    readonly outcome?: string,
  ) {
    super('The operation failed after retries.');
    this.name = 'FailedAfterRetries';
  }
}

/** Runs one contract operation with its own retry budget. */
export async function runWithBudget<T>(budget: RetryBudget, run: () => Promise<T>): Promise<T> {
  try {
    return await current.run(budget, run);
  } catch (err) {
    if (budget.retried && !(err instanceof FailedAfterRetries)) {
      throw new FailedAfterRetries(err, budget.mostAttempts, budget.elapsedMs());
    }
    throw err;
  }
}

/** Waits, unless the caller aborts first. */
export function sleep(ms: number, signal?: { aborted: boolean; addEventListener?: unknown }): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = signal as AbortSignal | undefined;
    if (s?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      s?.removeEventListener?.('abort', onAbort);
      resolve();
    }, ms);
    s?.addEventListener?.('abort', onAbort, { once: true });
  });
}

function abortError(): Error {
  const e = new Error('The request was cancelled.');
  e.name = 'AbortError';
  return e;
}
