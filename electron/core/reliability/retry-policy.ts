import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { RetryReason } from '../../contract';
import { currentBudget, RetryBudget, sleep, type RetryPlan } from './retry-budget';

/*
 * Why a pipeline policy rather than a wrapper around each SecretClient call: it sees every HTTP request the SDK
 * makes (page requests inside byPage(), the delete/recover pollers' GETs, the challenge-auth round trip), with
 * the response headers Retry-After lives in, and it can retry one request without redoing the whole SDK call.
 * What it cannot know is whether a write that failed ambiguously took effect; so it never repeats a PUT, POST or
 * DELETE after an ambiguous failure and leaves that to the write guard (secret-writes.ts), which checks first.
 * The SDK's own retry policy is switched off (retryOptions.maxRetries: 0): it retries 5xx and reset connections
 * for every method, which could store a secret twice, and it ignores a 429 without Retry-After, which is how the
 * real Key Vault usually throttles.
 */

export interface RetryVerdict {
  reason: RetryReason;
  /** What the server asked for, when it said. */
  retryAfterMs?: number;
  /** True when the request certainly had no effect (throttled, or no connection was made): safe for any method. */
  unprocessed: boolean;
}

/** Connection failures before anything was sent. ENOTFOUND is left out: a mistyped name does not heal itself. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Failures after the request may have reached the server. */
const CUT_OFF = new Set(['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'ECONNABORTED']);
const RETRIED_STATUS = new Set([408, 500, 502, 503, 504]);
/** Methods whose repetition changes nothing: Key Vault's PATCH sets attributes to the given values. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PATCH']);

/** Retry-After (seconds or an HTTP date), retry-after-ms or x-ms-retry-after-ms, in milliseconds. */
export function retryAfterMs(
  headers: { get(name: string): string | undefined },
  now: () => number = Date.now,
): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const text = headers.get(name);
    if (text !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(text)) return Math.ceil(Number(text));
  }
  const text = headers.get('retry-after');
  if (text === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

const codeOf = (err: unknown): string | undefined => {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = (typeof e.cause === 'object' && e.cause !== null ? e.cause : undefined) as typeof e;
  }
  return undefined;
};

/** What kind of failure this is, and whether it is worth another attempt; undefined: do not retry. */
export function classifyFailure(
  response: { status: number; headers: { get(name: string): string | undefined } } | undefined,
  error: unknown,
  options: { retryRefused?: boolean; now?: () => number } = {},
): RetryVerdict | undefined {
  if (response && (!error || (error as { statusCode?: unknown }).statusCode !== undefined)) {
    const after = retryAfterMs(response.headers, options.now);
    const extra = after === undefined ? {} : { retryAfterMs: after };
    // Key Vault documents that throttled requests are not processed (nor counted).
    if (response.status === 429) return { reason: 'throttled', unprocessed: true, ...extra };
    if (RETRIED_STATUS.has(response.status)) return { reason: 'service', unprocessed: false, ...extra };
    return undefined;
  }
  if (!error) return undefined;
  const code = codeOf(error);
  if (code === 'ECONNREFUSED' && options.retryRefused === false) return undefined;
  if (code && NOT_CONNECTED.has(code)) return { reason: 'network', unprocessed: true };
  if (code && CUT_OFF.has(code)) return { reason: 'network', unprocessed: false };
  return undefined;
}

/** An attempt that ran past the plan's time limit; a network failure, not a cancel by the user. */
export class RequestTimedOut extends Error {
  readonly code = 'ETIMEDOUT';
  constructor() {
    super('The request to Key Vault timed out.');
    this.name = 'RequestTimedOut';
  }
}

export interface RetryPolicyOptions {
  plan: RetryPlan;
  /** false for the local vault: a refused connection means it is gone, which its supervisor handles at once. */
  retryRefused?: boolean;
  now?: () => number;
  random?: () => number;
}

export const KLUIS_RETRY_POLICY_NAME = 'kluisRetry';

/** Kluis's retries for one SecretClient: see the note at the top of this file. */
export function kluisRetryPolicy(options: RetryPolicyOptions): PipelinePolicy {
  const now = options.now ?? Date.now;
  return {
    name: KLUIS_RETRY_POLICY_NAME,
    async sendRequest(request: PipelineRequest, next) {
      const budget =
        currentBudget() ?? new RetryBudget('request', () => undefined, now, options.random ?? Math.random);
      budget.plan = options.plan;
      const attempts = budget.attemptsFor();
      const userTimeout = request.timeout;
      for (;;) {
        let response: PipelineResponse | undefined;
        let error: unknown;
        try {
          response = await attempt(request, next, userTimeout || options.plan.attemptTimeoutMs);
        } catch (err) {
          error = err;
          response = (err as { response?: PipelineResponse }).response;
        }
        const verdict = classifyFailure(response, error, { retryRefused: options.retryRefused ?? true, now });
        const mayRepeat = verdict && (verdict.unprocessed || IDEMPOTENT.has(request.method));
        const delay = mayRepeat ? attempts.next(verdict.reason, verdict.retryAfterMs) : undefined;
        if (delay === undefined) {
          if (error !== undefined) throw error;
          return response as PipelineResponse;
        }
        await sleep(delay, request.abortSignal);
      }
    },
  };
}

/** One try, with its own timer; a caller's abort stays an abort, our timer becomes RequestTimedOut. */
async function attempt(
  request: PipelineRequest,
  next: (request: PipelineRequest) => Promise<PipelineResponse>,
  timeoutMs: number,
): Promise<PipelineResponse> {
  request.timeout = timeoutMs;
  try {
    return await next(request);
  } catch (err) {
    const userAborted = request.abortSignal?.aborted === true;
    if ((err as { name?: unknown }).name === 'AbortError' && !userAborted) throw new RequestTimedOut();
    throw err;
  }
}
