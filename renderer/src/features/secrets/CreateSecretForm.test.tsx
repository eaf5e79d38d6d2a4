// @vitest-environment happy-dom
import { act, within, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SecretProperties } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { renderWithFluent } from '../../test-support/render';
import { CreateSecretForm } from './CreateSecretForm';

const props = (name: string): SecretProperties => ({
  name,
  id: `https://local/secrets/${name}/0123456789abcdef0123456789abcdef`,
  vaultUrl: 'https://local/',
  tags: {},
});

function setup() {
  const onCreated = vi.fn();
  const onRecovered = vi.fn();
  renderWithFluent(
    <CreateSecretForm
      vaultId="v1"
      onCreated={onCreated}
      onRecovered={onRecovered}
      onCancel={() => undefined}
    />,
  );
  const name = screen.getByRole('textbox', { name: /name/i }) as HTMLInputElement;
  const value = screen.getByRole('textbox', { name: /value/i }) as HTMLTextAreaElement;
  const type = (el: HTMLInputElement | HTMLTextAreaElement, text: string) =>
    fireEvent.change(el, { target: { value: text } });
  const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  return { onCreated, onRecovered, name, value, type, save };
}

afterEach(cleanup);

describe('CreateSecretForm', () => {
  it('shows the name rule as you type and does not call set for an invalid name', async () => {
    const fake = installFakeKluis({});
    const f = setup();
    f.type(f.name, 'bad_name');
    expect(await screen.findByText(/Not allowed: “_”/)).toBeTruthy();
    f.save();
    expect(fake.ops()).not.toContain('secrets.set');
    expect(f.name.value).toBe('bad_name');
  });

  it('keeps everything typed when the save fails, and shows the message', async () => {
    installFakeKluis({
      'secrets.set': () => ({
        ok: false,
        error: { kind: 'forbidden', message: 'You need the Key Vault Secrets Officer role on this vault.' },
      }),
    });
    const f = setup();
    f.type(f.name, 'api-key');
    f.type(f.value, 'line one\nline two');
    f.save();
    expect(await screen.findByText(/Secrets Officer role/)).toBeTruthy();
    expect(f.name.value).toBe('api-key');
    expect(f.value.value).toBe('line one\nline two');
    expect(f.onCreated).not.toHaveBeenCalled();
  });

  it('sends name, value and content type, and reports the created secret', async () => {
    const fake = installFakeKluis({
      'secrets.set': (input) => ({ ok: true, value: props(String(input.name)) }),
    });
    const f = setup();
    f.type(f.name, 'api-key');
    f.type(f.value, 's3cr3t');
    fireEvent.change(screen.getByRole('textbox', { name: /content type/i }), {
      target: { value: 'text/plain' },
    });
    f.save();
    await waitFor(() => expect(f.onCreated).toHaveBeenCalledWith(props('api-key')));
    expect(fake.calls.find((c) => c.op === 'secrets.set')?.input).toEqual({
      vaultId: 'v1',
      name: 'api-key',
      value: 's3cr3t',
      contentType: 'text/plain',
    });
  });

  describe('when the name belongs to a deleted secret', () => {
    const conflict = () => ({
      ok: false as const,
      error: {
        kind: 'conflict-deleted' as const,
        message: 'A deleted secret named api-key still exists. Recover it, or purge it to reuse the name.',
        secretName: 'api-key',
      },
    });

    it('offers Recover, which recovers and keeps the input', async () => {
      const fake = installFakeKluis({
        'secrets.set': conflict,
        'deleted.recover': () => ({ ok: true, value: props('api-key') }),
      });
      const f = setup();
      f.type(f.name, 'api-key');
      f.type(f.value, 'new value');
      f.save();
      expect(await screen.findByText(/still exists/)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Recover' }));
      await waitFor(() => expect(f.onRecovered).toHaveBeenCalledWith(props('api-key')));
      expect(fake.ops()).toEqual(['secrets.set', 'deleted.recover']);
      expect(f.value.value).toBe('new value');
    });

    it('offers Purge and create, which purges after the name is typed, then saves', async () => {
      let attempts = 0;
      const fake = installFakeKluis({
        'secrets.set': (input) =>
          attempts++ === 0 ? conflict() : { ok: true, value: props(String(input.name)) },
        'deleted.purge': () => ({ ok: true, value: { purged: true } }),
      });
      const f = setup();
      f.type(f.name, 'api-key');
      f.type(f.value, 'new value');
      f.save();
      await screen.findByText(/still exists/);
      fireEvent.click(screen.getByRole('button', { name: 'Purge and create' }));
      const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
      // The banner's button of the same name is there at once; wait for the dialog's own.
      const dialogConfirm = await waitFor(() => {
        const b = screen.getAllByRole('button', { name: 'Purge and create' }).find((x) => dialog.contains(x));
        expect(b).toBeDefined();
        return b as HTMLButtonElement;
      });
      expect(dialogConfirm.disabled).toBe(true);
      // By label, not role: under a full parallel run the modalizer can briefly mark the dialog aria-hidden.
      const typed = await within(dialog).findByLabelText(/type api-key/i, {}, { timeout: 5000 });
      await act(async () => {
        fireEvent.change(typed, {
          target: { value: 'api-key' },
        });
      });
      fireEvent.click(dialogConfirm);
      await waitFor(() => expect(f.onCreated).toHaveBeenCalledWith(props('api-key')));
      expect(fake.ops()).toEqual(['secrets.set', 'deleted.purge', 'secrets.set']);
    }, 15_000);
  });
});
