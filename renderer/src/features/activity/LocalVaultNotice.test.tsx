// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LocalVaultStatus } from '../../../../electron/contract';
import { buildKluisApi } from '../../../../electron/preload/api-builder';
import { renderWithFluent } from '../../test-support/render';
import { LocalVaultNotice } from './LocalVaultNotice';

function installEvents() {
  const listeners = new Map<string, (payload: unknown) => void>();
  window.kluis = buildKluisApi({
    invoke: async () => ({ ok: true, value: null }),
    on: (channel, listener) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  });
  return (status: LocalVaultStatus) => listeners.get('kluis-event:localVault.status')?.(status);
}

describe('local vault notice', () => {
  it('tells the user the local vault was restarted, until dismissed', () => {
    const emit = installEvents();
    renderWithFluent(<LocalVaultNotice />);
    act(() => emit({ state: 'running', url: 'https://127.0.0.1:1' }));
    expect(screen.queryByRole('status')).toBeNull();
    act(() =>
      emit({
        state: 'running',
        url: 'https://127.0.0.1:2',
        message: 'The local vault stopped unexpectedly and was restarted.',
      }),
    );
    expect(screen.getByRole('status').textContent).toContain('stopped unexpectedly and was restarted');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
