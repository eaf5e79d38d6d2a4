// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeKluis } from '../../../test-support/fake-kluis';
// Its module also turns Fluent's animations off for happy-dom.
import '../../../test-support/render';
import { PrivacyModeContext } from '../../privacy/privacy-mode';
import { NewVersionEditor } from './NewVersionEditor';

const CURRENT = 'current-value-7d0e';

/** Renders under a privacy mode the test switches (as App's context does). */
function renderWithPrivacy() {
  const ui = (on: boolean) => (
    <FluentProvider theme={webLightTheme}>
      <PrivacyModeContext.Provider value={on}>
        <NewVersionEditor
          vaultId="v1"
          secret={{ name: 'api-key', id: 'x', vaultUrl: 'u', tags: {}, version: 'a'.repeat(32) } as never}
          onSaved={() => undefined}
          onClose={() => undefined}
        />
      </PrivacyModeContext.Provider>
    </FluentProvider>
  );
  const view = render(ui(false));
  return (on: boolean) => view.rerender(ui(on));
}

afterEach(() => cleanup());

const textarea = () => screen.queryByRole('textbox', { name: 'New value' }) as HTMLTextAreaElement | null;

describe('new version editor in privacy mode', () => {
  it('masks the prefilled and typed value while privacy mode is on, and keeps it for afterwards', async () => {
    const fake = installFakeKluis({
      'secrets.get': () => ({
        ok: true,
        value: {
          value: CURRENT,
          properties: {
            name: 'db-password',
            id: 'https://v.vault.azure.net/secrets/db-password',
            vaultUrl: 'https://v.vault.azure.net/',
            tags: {},
          },
        },
      }),
      'app.setValueVisible': () => ({ ok: true, value: { protected: true } }),
    });
    const setPrivacy = renderWithPrivacy();
    await screen.findByDisplayValue(CURRENT);
    fireEvent.change(textarea()!, { target: { value: `${CURRENT}-edited` } });

    act(() => setPrivacy(true));
    expect(textarea()).toBeNull();
    expect(screen.getByTestId('value-masked').textContent).toContain('privacy mode');
    expect(document.body.innerHTML).not.toContain(CURRENT);
    expect((screen.getByRole('button', { name: 'Save new version' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    act(() => setPrivacy(false));
    expect(textarea()!.value).toBe(`${CURRENT}-edited`);
    const visibility = fake.calls.filter((c) => c.op === 'app.setValueVisible').map((c) => c.input.visible);
    expect(visibility).toEqual([true, false, true]);
  });
});
