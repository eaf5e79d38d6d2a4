// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import SecretDetails from './SecretDetails';

const VERSION = 'b'.repeat(32);
const base: SecretProperties = {
  name: 'web-cert',
  id: `https://v/secrets/web-cert/${VERSION}`,
  version: VERSION,
  vaultUrl: 'https://v/',
  enabled: true,
  createdOn: 1_700_000_000_000,
  tags: {},
};

async function setup(secret: SecretProperties) {
  const fake = installFakeKluis({
    'secrets.listVersionsPage': () => ({ ok: true, value: { items: [secret] } }),
    'secrets.copyValue': () => ({ ok: true, value: { clearAfterSeconds: 30 } }),
  });
  await act(async () => {
    renderWithFluent(
      <SecretDetails
        vaultId="v1"
        secret={secret}
        revealSeconds={20}
        onDelete={() => undefined}
        onClose={() => undefined}
      />,
    );
  });
  await screen.findByText('Versions (1)');
  return fake;
}

afterEach(cleanup);

describe('SecretDetails', () => {
  it('shows a certificate-backed secret read-only, with its key id', async () => {
    const kid = 'https://v/keys/web-cert/0123';
    await setup({ ...base, managed: true, keyId: kid, recoveryLevel: 'Recoverable', recoverableDays: 7 });
    expect(
      screen.getByText(/Managed by the certificate web-cert; change it through the certificate/),
    ).toBeTruthy();
    for (const name of ['Edit', 'New version', 'Disable', 'Delete'])
      expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('button', { name: /Roll back/ })).toBeNull();
    expect(screen.getByText('Recoverable (recoverable for 7 days)')).toBeTruthy();
    expect(screen.getByText('Key id')).toBeTruthy();
  });

  it('offers the edit actions for an ordinary secret', async () => {
    await setup(base);
    for (const name of ['Edit', 'New version', 'Disable', 'Delete'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('copies through main on Ctrl+C when no text is selected', async () => {
    const fake = await setup(base);
    await act(async () => {
      fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    });
    expect(fake.calls.filter((c) => c.op === 'secrets.copyValue').map((c) => c.input)).toEqual([
      { vaultId: 'v1', name: 'web-cert' },
    ]);
  });
});
