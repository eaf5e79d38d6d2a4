import {
  createHttpHeaders,
  createPipelineRequest,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperationRetrying } from '../../../electron/contract';
import { toKluisError } from '../../../electron/core/errors/error-mapping';
import { RetryBudget, runWithBudget, type RetryPlan } from '../../../electron/core/reliability/retry-budget';
import {
  classifyFailure,
  kluisRetryPolicy,
  retryAfterMs,
} from '../../../electron/core/reliability/retry-policy';

const PLAN: RetryPlan = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
  maxTotalMs: 30_000,
  attemptTimeoutMs: 30_000,
};

const respond =
  (status: number, headers: Record<string, string> = {}) =>
  (request: PipelineRequest): PipelineResponse => ({ status, headers: createHttpHeaders(headers), request });
const networkError = (code: string) => Object.assign(new Error(code), { code });

/** Runs one request through the policy inside an operation's budget; `answers` are used in turn. */
function harness(
  method: string,
  answers: Array<(r: PipelineRequest) => PipelineResponse | Error>,
  plan = PLAN,
) {
  const events: OperationRetrying[] = [];
  const next = vi.fn(async (request: PipelineRequest) => {
    const answer = answers[Math.min(next.mock.calls.length - 1, answers.length - 1)]!(request);
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const policy = kluisRetryPolicy({ plan, retryRefused: false });
  const request = createPipelineRequest({
    url: 'https://kv.vault.azure.net/secrets/a',
    method: method as 'GET',
  });
  const budget = new RetryBudget(
    'secrets.get',
    (e) => events.push(e),
    Date.now,
    () => 0.5,
  );
  const run = runWithBudget(budget, () => policy.sendRequest(request, next));
  return { events, next, run, request };
}

describe('kluis retry policy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries a 429 without Retry-After with exponential backoff and jitter, announcing each wait', async () => {
    const h = harness('GET', [respond(429), respond(429), respond(429), respond(200)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.next).toHaveBeenCalledTimes(1);
    // random 0.5: half of the ceiling fixed plus a quarter: 750, 1500, 3000 ms.
    await vi.advanceTimersByTimeAsync(749);
    expect(h.next).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.next).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_500 + 3_000);
    expect((await h.run).status).toBe(200);
    expect(h.events).toEqual([
      { operation: 'secrets.get', attempt: 2, maxAttempts: 5, delayMs: 750, reason: 'throttled' },
      { operation: 'secrets.get', attempt: 3, maxAttempts: 5, delayMs: 1_500, reason: 'throttled' },
      { operation: 'secrets.get', attempt: 4, maxAttempts: 5, delayMs: 3_000, reason: 'throttled' },
    ]);
  });

  it('honours Retry-After, retry-after-ms and x-ms-retry-after-ms', async () => {
    const h = harness('GET', [
      respond(429, { 'retry-after': '2' }),
      respond(503, { 'retry-after-ms': '120' }),
      respond(429, { 'x-ms-retry-after-ms': '40' }),
      respond(200),
    ]);
    await vi.advanceTimersByTimeAsync(2_200);
    expect((await h.run).status).toBe(200);
    expect(h.events.map((e) => [e.delayMs, e.reason])).toEqual([
      [2_000, 'throttled'],
      [120, 'service'],
      [40, 'throttled'],
    ]);
  });

  it('reads Retry-After given as an HTTP date', () => {
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    const headers = createHttpHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' });
    expect(retryAfterMs(headers, now)).toBe(5_000);
    expect(retryAfterMs(createHttpHeaders({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });

  it('gives up after five attempts and returns the last answer', async () => {
    const h = harness('GET', [respond(503)]);
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(h.run).resolves.toMatchObject({ status: 503 });
    expect(h.next).toHaveBeenCalledTimes(5);
    expect(h.events.map((e) => e.attempt)).toEqual([2, 3, 4, 5]);
  });

  it('does not start a wait that would end past the total time limit', async () => {
    const h = harness('GET', [respond(429, { 'retry-after': '40' })]);
    await vi.advanceTimersByTimeAsync(0);
    await expect(h.run).resolves.toMatchObject({ status: 429 });
    expect(h.next).toHaveBeenCalledTimes(1);
    expect(h.events).toEqual([]);
  });

  it('retries reads after resets and 5xx, but never repeats a PUT that may have landed', async () => {
    const read = harness('GET', [() => networkError('ECONNRESET'), respond(502), respond(200)]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await read.run).status).toBe(200);
    expect(read.events.map((e) => e.reason)).toEqual(['network', 'service']);

    const reset = harness('PUT', [() => networkError('ECONNRESET'), respond(200)]);
    const resetOutcome = reset.run.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await resetOutcome).toMatchObject({ code: 'ECONNRESET' });
    const failed = harness('PUT', [respond(500), respond(200)]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await failed.run).status).toBe(500);
    expect(reset.next).toHaveBeenCalledTimes(1);
    expect(failed.next).toHaveBeenCalledTimes(1);
  });

  it('repeats a PUT that was throttled (the service did not process it) and PATCH, which is idempotent', async () => {
    const put = harness('PUT', [respond(429), respond(200)]);
    const patch = harness('PATCH', [respond(503), respond(200)]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await put.run).status).toBe(200);
    expect((await patch.run).status).toBe(200);
  });

  it('leaves a refused local vault connection to the supervisor', async () => {
    const h = harness('GET', [() => networkError('ECONNREFUSED'), respond(200)]);
    const outcome = h.run.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toMatchObject({ code: 'ECONNREFUSED' });
    expect(h.next).toHaveBeenCalledTimes(1);
    expect(classifyFailure(undefined, networkError('ECONNREFUSED'))).toEqual({
      reason: 'network',
      unprocessed: true,
    });
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const h = harness('GET', [respond(429), respond(200)]);
    h.request.abortSignal = controller.signal;
    const outcome = h.run.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(toKluisError(await outcome).kind).toBe('cancelled');
    expect(h.next).toHaveBeenCalledTimes(1);
  });

  it('turns its own attempt timeout into a network failure, and retries it for reads', async () => {
    const abort = () => Object.assign(new Error('aborted'), { name: 'AbortError' });
    const h = harness('GET', [abort, respond(200)]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await h.run).status).toBe(200);
    expect(h.request.timeout).toBe(PLAN.attemptTimeoutMs);
    expect(h.events[0]?.reason).toBe('network');
  });

  it('after the last retry, the error says what happened and what to do', async () => {
    const policy = kluisRetryPolicy({ plan: PLAN });
    const next = vi.fn(async (request: PipelineRequest) => respond(429)(request));
    const request = createPipelineRequest({ url: 'https://kv.vault.azure.net/secrets', method: 'GET' });
    const budget = new RetryBudget(
      'secrets.listPage',
      () => undefined,
      Date.now,
      () => 0.5,
    );
    const outcome = runWithBudget(budget, async () => {
      const response = await policy.sendRequest(request, next);
      // What the SDK does with a final 429: throw a RestError carrying the status.
      throw Object.assign(new Error('Throttled'), { statusCode: response.status, code: 'Throttled' });
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    const error = toKluisError(await outcome);
    expect(error).toMatchObject({ kind: 'throttled', status: 429 });
    expect(error.message).toMatch(
      /^Key Vault is still throttling requests after 5 attempts over 11 s: .* Wait a minute, then try again\.$/,
    );
  });
});
