// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeKluis, type FakeHandlers } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { CONCEALED_DOTS, RevealValue } from './RevealValue';

const VALUE = 'correct-horse-battery-staple';

const PROPERTIES = {
  name: 'api-key',
  id: 'https://v.vault.azure.net/secrets/api-key',
  vaultUrl: 'https://v.vault.azure.net/',
  tags: {},
};

function setup(
  get: FakeHandlers['secrets.get'] = () => ({ ok: true, value: { value: VALUE, properties: PROPERTIES } }),
) {
  const fake = installFakeKluis({ 'secrets.get': get });
  renderWithFluent(
    <RevealValue vaultId="v1" name="api-key" revealSeconds={3} copying={false} onCopy={() => undefined} />,
  );
  return fake;
}

async function clickReveal() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
  });
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('RevealValue', () => {
  it('starts concealed with fixed-length dots and does not fetch the value', () => {
    const fake = setup();
    expect(screen.getByRole('img', { name: 'Value hidden' }).textContent).toBe(CONCEALED_DOTS);
    expect(fake.ops()).toEqual([]);
  });

  it('reveals on request, counts down, and conceals when the time is up', async () => {
    const fake = setup();
    await clickReveal();
    expect(fake.calls.filter((c) => c.op === 'secrets.get')).toEqual([
      { op: 'secrets.get', input: { vaultId: 'v1', name: 'api-key' } },
    ]);
    expect(screen.getByTestId('secret-value').textContent).toBe(VALUE);
    expect(screen.getByRole('timer').textContent).toBe('Hides in 3 s');
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('timer').textContent).toBe('Hides in 2 s');
    await act(async () => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.queryByTestId('secret-value')).toBeNull();
    expect(document.body.textContent).not.toContain(VALUE);
    expect(screen.getByRole('img', { name: 'Value hidden' })).toBeTruthy();
  });

  it('conceals at once on Conceal', async () => {
    setup();
    await clickReveal();
    fireEvent.click(screen.getByRole('button', { name: 'Conceal' }));
    expect(document.body.textContent).not.toContain(VALUE);
    expect(screen.getByRole('button', { name: 'Reveal' })).toBeTruthy();
  });

  it('shows the message when the secret is disabled', async () => {
    setup(
      () =>
        ({
          ok: false,
          error: { kind: 'disabled', message: 'This secret is disabled. Enable it to read its value.' },
        }) as never,
    );
    await clickReveal();
    expect(screen.getByText(/Enable it to read its value/)).toBeTruthy();
    expect(screen.queryByTestId('secret-value')).toBeNull();
  });
});
