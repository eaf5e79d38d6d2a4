// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KluisError, Settings, VaultConfig } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { AccessDetails } from './AccessDetails';
import { AccessErrorActions } from './AccessErrorActions';
import { diagnoseRequest } from './diagnose-request';

const vault = (auth: VaultConfig['auth']): VaultConfig => ({
  id: 'v1',
  displayName: 'Fabrikam',
  url: 'https://fabrikam-kv.vault.azure.net/',
  kind: 'azure',
  auth,
  pinned: false,
});
const settings = (v: VaultConfig): Settings => ({
  version: 1,
  vaults: [v],
  ui: { theme: 'system', revealSeconds: 20, clipboardClearSeconds: 30, expiryWarningDays: 30 },
});
const tenantError: KluisError = {
  kind: 'unauthenticated',
  message: 'The vault belongs to tenant t-vault.',
  access: {
    model: 'tenant',
    vaultTenant: 't-vault',
    signedInTenant: 't-home',
    command: 'az login --tenant t-vault',
  },
};

afterEach(() => {
  cleanup();
  diagnoseRequest.close();
});

describe('access error actions', () => {
  it('"Sign in to tenant X" sets the vault’s sign-in to that tenant, then retries', async () => {
    const v = vault({ method: 'azure-cli', tenantId: 't-home' });
    const fake = installFakeKluis({ 'vaults.setAuth': () => ({ ok: true, value: settings(v) }) });
    const onRetry = vi.fn();
    renderWithFluent(<AccessErrorActions error={tenantError} vault={v} onRetry={onRetry} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to tenant t-vault' }));
    await waitFor(() => expect(onRetry).toHaveBeenCalled());
    expect(fake.calls).toEqual([
      { op: 'vaults.setAuth', input: { vaultId: 'v1', auth: { method: 'azure-cli', tenantId: 't-vault' } } },
    ]);
  });

  it('Diagnose opens the panel for this vault; a disabled secret offers no Diagnose', () => {
    installFakeKluis({});
    const v = vault({ method: 'azure-cli' });
    renderWithFluent(<AccessErrorActions error={tenantError} vault={v} onRetry={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Diagnose' }));
    expect(diagnoseRequest.getSnapshot()).toBe('v1');
    cleanup();
    renderWithFluent(
      <AccessErrorActions
        error={{ kind: 'disabled', message: 'disabled' }}
        vault={v}
        onRetry={() => undefined}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Diagnose' })).toBeNull();
  });

  it('the command is copied through app.copyText', async () => {
    const fake = installFakeKluis({ 'app.copyText': () => ({ ok: true, value: { copied: true } }) });
    renderWithFluent(<AccessDetails access={tenantError.access!} />);
    fireEvent.click(screen.getByRole('button', { name: /^Copy the command/ }));
    await screen.findByText('Copied');
    expect(fake.calls).toEqual([{ op: 'app.copyText', input: { text: 'az login --tenant t-vault' } }]);
  });
});
