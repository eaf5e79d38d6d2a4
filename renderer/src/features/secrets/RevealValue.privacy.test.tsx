// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result, SecretWithValue } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
// Its module also turns Fluent's animations off for happy-dom.
import '../../test-support/render';
import { PrivacyModeContext } from '../privacy/privacy-mode';
import { RevealValue } from './RevealValue';

const VALUE = 'late-answer-value-51c2';
const PROPERTIES = {
  name: 'api-key',
  id: 'https://v.vault.azure.net/secrets/api-key',
  vaultUrl: 'https://v.vault.azure.net/',
  tags: {},
};

/** A secrets.get whose answer the test releases when it wants. */
function deferredGet() {
  let release: (value: string) => void = () => undefined;
  const handler = () =>
    new Promise<Result<SecretWithValue>>((resolve) => {
      release = (value) => resolve({ ok: true, value: { value, properties: PROPERTIES } });
    });
  return { handler, release: (value = VALUE) => release(value) };
}

/** Renders under a privacy mode the test switches (as App's context does). */
function renderWithPrivacy() {
  const ui = (on: boolean) => (
    <FluentProvider theme={webLightTheme}>
      <PrivacyModeContext.Provider value={on}>
        <RevealValue
          vaultId="v1"
          name="api-key"
          revealSeconds={30}
          copying={false}
          onCopy={() => undefined}
        />
      </PrivacyModeContext.Provider>
    </FluentProvider>
  );
  const view = render(ui(false));
  return (on: boolean) => view.rerender(ui(on));
}

function setup() {
  const get = deferredGet();
  const fake = installFakeKluis({
    'secrets.get': get.handler,
    'app.setValueVisible': (input) => ({ ok: true, value: { protected: input.visible === true } }),
  });
  const setPrivacy = renderWithPrivacy();
  return { fake, get, setPrivacy };
}

const clickReveal = () => fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));

afterEach(() => cleanup());

describe('a reveal answer that comes too late', () => {
  it('is dropped when privacy mode went on while it was on its way', async () => {
    const { get, setPrivacy } = setup();
    clickReveal();
    await screen.findByRole('button', { name: 'Revealing…' });
    act(() => setPrivacy(true));
    await act(async () => get.release());
    expect(document.body.textContent).not.toContain(VALUE);
    expect(screen.queryByTestId('secret-value')).toBeNull();
    // Privacy mode off again: still concealed until the user asks again.
    act(() => setPrivacy(false));
    expect(document.body.textContent).not.toContain(VALUE);
    expect(screen.getByRole('button', { name: 'Reveal' })).toBeTruthy();
  });

  it('is dropped when Conceal was pressed while it was on its way', async () => {
    const { get } = setup();
    clickReveal();
    fireEvent.click(await screen.findByRole('button', { name: 'Conceal' }));
    await act(async () => get.release());
    expect(document.body.textContent).not.toContain(VALUE);
    expect(screen.getByRole('button', { name: 'Reveal' })).toBeTruthy();
  });

  it('is shown when nothing superseded it, and main is told a value is visible, then not', async () => {
    const { fake, get } = setup();
    clickReveal();
    await act(async () => get.release());
    expect(screen.getByTestId('secret-value').textContent).toBe(VALUE);
    fireEvent.click(screen.getByRole('button', { name: 'Conceal' }));
    const visibility = fake.calls.filter((c) => c.op === 'app.setValueVisible').map((c) => c.input.visible);
    // Told when the value was asked for (before it arrived) and when it went; once each.
    expect(visibility).toEqual([true, false]);
  });
});
