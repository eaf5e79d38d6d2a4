// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KluisError, SecretProperties } from '../../../../../electron/contract';
import { installFakeKluis } from '../../../test-support/fake-kluis';
import { renderWithFluent } from '../../../test-support/render';
import { PropertiesEditor } from './PropertiesEditor';

const VERSION = 'a'.repeat(32);
const SECRET: SecretProperties = {
  name: 'api-key',
  id: `https://v/secrets/api-key/${VERSION}`,
  version: VERSION,
  vaultUrl: 'https://v/',
  enabled: true,
  contentType: 'text/plain',
  updatedOn: 1_700_000_000_000,
  tags: { env: 'dev' },
};

function setup(answer: () => { ok: false; error: KluisError } | { ok: true; value: SecretProperties }) {
  const fake = installFakeKluis({ 'secrets.updateProperties': answer });
  const onSaved = vi.fn();
  renderWithFluent(
    <PropertiesEditor vaultId="v1" secret={SECRET} onSaved={onSaved} onClose={() => undefined} />,
  );
  return { fake, onSaved };
}

async function typeAndSave() {
  fireEvent.change(screen.getByRole('textbox', { name: 'Content type' }), {
    target: { value: 'application/json' },
  });
  fireEvent.change(screen.getByRole('textbox', { name: 'Tag 1 value' }), { target: { value: 'prod' } });
  fireEvent.click(screen.getByRole('switch'));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  });
}

const expectInputKept = () => {
  expect((screen.getByRole('textbox', { name: 'Content type' }) as HTMLInputElement).value).toBe(
    'application/json',
  );
  expect((screen.getByRole('textbox', { name: 'Tag 1 value' }) as HTMLInputElement).value).toBe('prod');
  expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(false);
};

afterEach(cleanup);

describe('PropertiesEditor', () => {
  it('sends the edit with the version the user saw', async () => {
    const { fake, onSaved } = setup(() => ({ ok: true, value: { ...SECRET, enabled: false } }));
    await typeAndSave();
    expect(fake.calls[0]?.input).toMatchObject({
      vaultId: 'v1',
      name: 'api-key',
      version: VERSION,
      expectedVersion: VERSION,
      expectedUpdatedOn: SECRET.updatedOn,
      contentType: 'application/json',
      enabled: false,
      tags: { env: 'prod' },
    });
    expect(onSaved).toHaveBeenCalledOnce();
  });

  it('keeps what was typed and shows the message when the save fails', async () => {
    const { onSaved } = setup(() => ({
      ok: false,
      error: { kind: 'forbidden', message: 'You lack permission to change secret properties.' },
    }));
    await typeAndSave();
    expect(screen.getByText('You lack permission to change secret properties.')).toBeTruthy();
    expectInputKept();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('keeps what was typed on a conflict', async () => {
    const message =
      'Someone else saved a new version of "api-key" since you opened it, so your change was not saved.';
    setup(() => ({ ok: false, error: { kind: 'conflict', message } }));
    await typeAndSave();
    expect(screen.getByText(message)).toBeTruthy();
    expectInputKept();
  });

  it('asks before Esc drops unsaved changes', async () => {
    const onClose = vi.fn();
    installFakeKluis({});
    renderWithFluent(
      <PropertiesEditor vaultId="v1" secret={SECRET} onSaved={() => undefined} onClose={onClose} />,
    );
    const contentType = screen.getByRole('textbox', { name: 'Content type' });
    fireEvent.change(contentType, { target: { value: 'application/json' } });
    fireEvent.keyDown(contentType, { key: 'Escape' });
    await screen.findByText('Discard your changes?');
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
