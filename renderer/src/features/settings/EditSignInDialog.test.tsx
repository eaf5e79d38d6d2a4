// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings, VaultConfig } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { EditSignInDialog } from './EditSignInDialog';

const vault = (auth: VaultConfig['auth']): VaultConfig => ({
  id: 'v1',
  displayName: 'Stack',
  url: 'https://vault.stack.example/',
  kind: 'azure',
  auth,
  pinned: false,
});
const settings = (v: VaultConfig): Settings => ({
  version: 1,
  vaults: [v],
  ui: { theme: 'system', revealSeconds: 20, clipboardClearSeconds: 30, expiryWarningDays: 30 },
});

function setup(v: VaultConfig) {
  const onSettings = vi.fn();
  const onClose = vi.fn();
  renderWithFluent(<EditSignInDialog vault={v} onSettings={onSettings} onClose={onClose} />);
  const method = screen.getByRole('combobox', { name: /Sign-in method/ }) as HTMLSelectElement;
  const tenant = screen.getByRole('textbox', { name: /Tenant/ }) as HTMLInputElement;
  const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save sign-in' }));
  return { onSettings, onClose, method, tenant, save };
}

afterEach(cleanup);

describe('EditSignInDialog', () => {
  it('keeps a stored service principal secret when the field is left empty', async () => {
    const v = vault({ method: 'client-secret', tenantId: 't1', clientId: 'c1', credentialRef: 'ref1' });
    const fake = installFakeKluis({ 'vaults.setAuth': () => ({ ok: true, value: settings(v) }) });
    const f = setup(v);
    expect(f.method.value).toBe('client-secret');
    fireEvent.change(f.tenant, { target: { value: 't2' } });
    f.save();
    await waitFor(() => expect(f.onClose).toHaveBeenCalled());
    expect(fake.calls).toEqual([
      {
        op: 'vaults.setAuth',
        input: {
          vaultId: 'v1',
          auth: { method: 'client-secret', tenantId: 't2', clientId: 'c1', credentialRef: 'ref1' },
        },
      },
    ]);
  });

  it('leaving a service principal forgets its stored secret first', async () => {
    const v = vault({ method: 'client-secret', tenantId: 't1', clientId: 'c1', credentialRef: 'ref1' });
    const fake = installFakeKluis({
      'auth.signOut': () => ({ ok: true, value: { signedOut: true } }),
      'vaults.setAuth': () => ({ ok: true, value: settings(v) }),
    });
    const f = setup(v);
    fireEvent.change(f.method, { target: { value: 'azure-cli' } });
    f.save();
    await waitFor(() => expect(f.onClose).toHaveBeenCalled());
    expect(fake.ops()).toEqual(['auth.signOut', 'vaults.setAuth']);
    expect(fake.calls[1]?.input.auth).toEqual({ method: 'azure-cli', tenantId: 't1', clientId: 'c1' });
  });

  it('asks for a secret a new service principal needs, without calling main', async () => {
    const fake = installFakeKluis({});
    const f = setup(vault({ method: 'device-code' }));
    fireEvent.change(f.method, { target: { value: 'client-secret' } });
    f.save();
    await screen.findByText(/Enter the service principal’s client secret/);
    expect(fake.calls).toEqual([]);
    expect(f.onClose).not.toHaveBeenCalled();
  });

  it('shows main’s refusal and keeps what was typed', async () => {
    installFakeKluis({
      'vaults.setAuth': () => ({
        ok: false,
        error: { kind: 'invalid-input', field: 'auth.authorityHost', message: 'Use an https address.' },
      }),
    });
    const f = setup(
      vault({
        method: 'device-code',
        cloud: 'custom',
        authorityHost: 'https://login.stack.example',
        resource: 'https://vault.stack.example',
      }),
    );
    const host = screen.getByRole('textbox', { name: /Sign-in host/ }) as HTMLInputElement;
    fireEvent.change(host, { target: { value: 'http://wrong' } });
    fireEvent.change(f.tenant, { target: { value: 'contoso' } });
    f.save();
    await screen.findByText('Use an https address.');
    expect(host.value).toBe('http://wrong');
    expect(f.tenant.value).toBe('contoso');
    expect(f.onClose).not.toHaveBeenCalled();
  });

  it('a custom cloud needs its Key Vault resource: said at the field, nothing sent, what was typed kept', async () => {
    const fake = installFakeKluis({});
    const f = setup(vault({ method: 'device-code' }));
    fireEvent.change(screen.getByRole('combobox', { name: /^Cloud/ }), { target: { value: 'custom' } });
    const host = screen.getByRole('textbox', { name: /Sign-in host/ }) as HTMLInputElement;
    fireEvent.change(host, { target: { value: 'https://login.stack.example' } });
    fireEvent.change(f.tenant, { target: { value: 'contoso' } });
    f.save();
    const message = await screen.findByText(/Enter the Key Vault resource of this custom cloud/);
    const resource = screen.getByRole('textbox', { name: /Key Vault resource/ });
    expect(resource.getAttribute('aria-invalid')).toBe('true');
    expect(resource.getAttribute('aria-describedby') ?? '').toContain(message.id);
    expect(fake.calls).toEqual([]);
    expect(host.value).toBe('https://login.stack.example');
    expect(f.tenant.value).toBe('contoso');
    expect(f.onClose).not.toHaveBeenCalled();
  });
});
