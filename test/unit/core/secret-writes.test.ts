import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toKluisError } from '../../../electron/core/errors/error-mapping';
import { RetryBudget, runWithBudget } from '../../../electron/core/reliability/retry-budget';
import { guardedWrite, sameValue } from '../../../electron/core/secrets/secret-writes';

const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const status = (code: number) => Object.assign(new Error(`HTTP ${code}`), { statusCode: code });

function inBudget<T>(run: () => Promise<T>) {
  const events: number[] = [];
  const budget = new RetryBudget(
    'secrets.set',
    (e) => events.push(e.attempt),
    Date.now,
    () => 0,
  );
  return { events, result: runWithBudget(budget, run).catch((e: unknown) => ({ failed: e })) };
}

describe('write guard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does not repeat a write that landed despite a broken connection', async () => {
    const write = vi.fn(async () => {
      throw reset();
    });
    const landed = vi.fn(async () => ({ value: 'stored' }));
    const h = inBudget(() =>
      guardedWrite({ write, landed, what: 'it was saved', notDone: 'It was not saved.' }),
    );
    await vi.runAllTimersAsync();
    expect(await h.result).toBe('stored');
    expect(write).toHaveBeenCalledTimes(1);
    expect(h.events).toEqual([]);
  });

  it('repeats a write that did not land, after a backoff', async () => {
    const write = vi.fn().mockRejectedValueOnce(status(503)).mockResolvedValueOnce('written');
    const landed = vi.fn(async () => undefined);
    const h = inBudget(() =>
      guardedWrite({ write, landed, what: 'it was saved', notDone: 'It was not saved.' }),
    );
    await vi.runAllTimersAsync();
    expect(await h.result).toBe('written');
    expect(write).toHaveBeenCalledTimes(2);
    expect(landed).toHaveBeenCalledTimes(1);
    expect(h.events).toEqual([2]);
  });

  it('does not check or repeat after a clear refusal (4xx) or a throttle the pipeline already retried', async () => {
    for (const error of [status(403), status(429)]) {
      const landed = vi.fn(async () => undefined);
      const h = inBudget(() =>
        guardedWrite({
          write: async () => {
            throw error;
          },
          landed,
          what: 'it was saved',
          notDone: 'It was not saved.',
        }),
      );
      await vi.runAllTimersAsync();
      expect(await h.result).toEqual({ failed: error });
      expect(landed).not.toHaveBeenCalled();
    }
  });

  it('says so when it cannot tell whether the write landed', async () => {
    const h = inBudget(() =>
      guardedWrite({
        write: async () => {
          throw reset();
        },
        landed: async () => {
          throw status(500);
        },
        what: 'the secret was saved',
        notDone: 'It was not saved.',
      }),
    );
    await vi.runAllTimersAsync();
    const { failed } = (await h.result) as { failed: unknown };
    const error = toKluisError(failed);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/could not check whether the secret was saved/);
  });

  it('after the last attempt, the message says it was not saved', async () => {
    const landed = vi.fn(async () => undefined);
    const h = inBudget(() =>
      guardedWrite({
        write: async () => {
          throw status(503);
        },
        landed,
        what: 'the secret was saved',
        notDone: 'It was not saved.',
      }),
    );
    await vi.runAllTimersAsync();
    const error = toKluisError(((await h.result) as { failed: unknown }).failed);
    expect(error).toMatchObject({ kind: 'service', status: 503 });
    expect(error.message).toMatch(/kept failing \(HTTP 503\) after 5 attempts.* It was not saved\.$/);
    expect(landed).toHaveBeenCalledTimes(5);
  });

  it('compares values without revealing length differences', () => {
    expect(sameValue('a', 'a')).toBe(true);
    expect(sameValue('a', 'ab')).toBe(false);
  });
});
