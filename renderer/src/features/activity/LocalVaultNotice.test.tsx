// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LocalVaultStatus } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { LocalVaultNotice } from './LocalVaultNotice';

/** Plays main sending 'localVault.status' events to the component. */
const installEvents = () => {
  const { emit } = installFakeKluis();
  return (payload: LocalVaultStatus) => emit('localVault.status', payload);
};

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
