// @vitest-environment happy-dom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperationRetrying } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { retryMessage } from './retry-message';
import { RetryNotice } from './RetryNotice';

/** Plays main sending 'operation.retrying' events to the component. */
const installEvents = () => {
  const { emit } = installFakeKluis();
  return (payload: OperationRetrying) => emit('operation.retrying', payload);
};

afterEach(() => vi.useRealTimers());

describe('retry notice', () => {
  it('words each reason with the attempt and the wait', () => {
    const base = { operation: 'secrets.listPage', attempt: 2, maxAttempts: 5 };
    expect(retryMessage({ ...base, delayMs: 2_000, reason: 'throttled' })).toBe(
      'Key Vault is throttling requests: retrying (2/5) in 2 s…',
    );
    expect(retryMessage({ ...base, delayMs: 250, reason: 'service' })).toBe(
      'Key Vault had a problem: retrying (2/5) in 250 ms…',
    );
    expect(retryMessage({ ...base, attempt: 3, delayMs: 1_400, reason: 'network' })).toContain(
      'The connection to the vault failed: retrying (3/5) in 1 s',
    );
  });

  it('appears while Kluis backs off and goes away after the wait', () => {
    vi.useFakeTimers();
    const emit = installEvents();
    renderWithFluent(<RetryNotice />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() =>
      emit({ operation: 'secrets.get', attempt: 2, maxAttempts: 5, delayMs: 1_000, reason: 'throttled' }),
    );
    expect(screen.getByRole('status').textContent).toContain('retrying (2/5)');
    act(() =>
      emit({ operation: 'secrets.get', attempt: 3, maxAttempts: 5, delayMs: 2_000, reason: 'throttled' }),
    );
    expect(screen.getByRole('status').textContent).toContain('retrying (3/5)');
    act(() => {
      vi.advanceTimersByTime(3_900);
    });
    expect(screen.getByRole('status')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('goes away as soon as the retried call answers', async () => {
    const emit = installEvents();
    renderWithFluent(<RetryNotice />);
    act(() =>
      emit({ operation: 'app.getState', attempt: 2, maxAttempts: 5, delayMs: 60_000, reason: 'network' }),
    );
    expect(screen.getByRole('status')).toBeTruthy();
    await act(async () => {
      await kluis().app.getState();
    });
    expect(screen.queryByRole('status')).toBeNull();
  });
});
