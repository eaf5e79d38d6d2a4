// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BrowserSignInEvent } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { BrowserSignInDialog } from './BrowserSignInDialog';

function install() {
  const fake = installFakeKluis({ 'auth.cancelSignIn': () => ({ ok: true, value: { cancelled: true } }) });
  const emit = (event: BrowserSignInEvent) => fake.emit('auth.browserSignIn', event);
  return { emit, calls: fake.calls };
}

const dialog = () => screen.queryByRole('alertdialog', { name: 'Finish signing in in your browser' });

describe('browser sign-in dialog', () => {
  it('shows the sign-in host while main waits and closes when that sign-in ends', () => {
    const { emit } = install();
    renderWithFluent(<BrowserSignInDialog />);
    expect(dialog()).toBeNull();
    act(() => emit({ vaultId: 'v1', host: 'https://login.microsoftonline.com', waiting: true }));
    expect(dialog()?.textContent).toContain('login.microsoftonline.com');
    // Another vault's sign-in ending does not close this one.
    act(() => emit({ vaultId: 'v2', host: 'https://login.microsoftonline.com', waiting: false }));
    expect(dialog()).not.toBeNull();
    act(() => emit({ vaultId: 'v1', host: 'https://login.microsoftonline.com', waiting: false }));
    expect(dialog()).toBeNull();
  });

  it('Cancel stops the waiting sign-in in main', async () => {
    const { emit, calls } = install();
    renderWithFluent(<BrowserSignInDialog />);
    act(() => emit({ vaultId: 'v1', host: 'https://login.example.com', waiting: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel sign-in' }));
    await waitFor(() => expect(dialog()).toBeNull());
    expect(calls).toEqual([{ op: 'auth.cancelSignIn', input: { vaultId: 'v1' } }]);
  });
});
