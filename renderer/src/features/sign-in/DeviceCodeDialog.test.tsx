// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { DeviceCodeDialog } from './DeviceCodeDialog';

const PROMPT = {
  vaultId: 'v1',
  userCode: 'ABCD-EFGH',
  verificationUri: 'https://microsoft.com/devicelogin',
  message: '',
  expiresOn: Date.now() + 60_000,
};

afterEach(() => cleanup());

function setup(opened: boolean) {
  const fake = installFakeKluis({
    'app.copyText': () => ({ ok: true, value: { copied: true } }),
    'app.openDeviceCodePage': () => ({ ok: true, value: { opened } }),
  });
  renderWithFluent(<DeviceCodeDialog />);
  act(() => fake.emit('auth.deviceCode', PROMPT));
  return fake;
}

describe('device code dialog', () => {
  it('copies the code and opens the page through main, never in the page itself', async () => {
    const fake = setup(true);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy code' })));
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    const link = screen.getByRole('link', { name: PROMPT.verificationUri });
    expect(link.getAttribute('target')).toBeNull();
    await act(async () => fireEvent.click(link));
    expect(fake.calls).toEqual([
      { op: 'app.copyText', input: { text: 'ABCD-EFGH' } },
      { op: 'app.openDeviceCodePage', input: { vaultId: 'v1' } },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when main refused to open the page', async () => {
    setup(false);
    await act(async () => fireEvent.click(screen.getByRole('link', { name: PROMPT.verificationUri })));
    expect(screen.getByRole('alert').textContent).toContain('open it in a browser yourself');
  });
});
