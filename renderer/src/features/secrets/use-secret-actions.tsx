import { Toast, ToastTitle, useToastController } from '@fluentui/react-components';
import { useState } from 'react';
import type { KluisError, SecretProperties } from '../../../../electron/contract';
import { TOASTER_ID } from '../../components/toaster';
import { kluis } from '../../lib/api';

export type Busy = 'copying' | 'saving-file' | 'toggling' | 'rolling-back' | undefined;

/**
 * The one-click actions of the details pane: copy, save to a file, enable/disable, roll back. Each carries the
 * version the user saw, so a change someone else made in between is refused (kind 'conflict') rather than overwritten.
 */
export function useSecretActions(
  vaultId: string,
  current: SecretProperties,
  onChanged: (s: SecretProperties) => void,
) {
  const { dispatchToast } = useToastController(TOASTER_ID);
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<KluisError>();
  /** `named`: the text names the secret (a file path), so privacy mode masks it. */
  const toast = (text: string, named = false) =>
    dispatchToast(
      <Toast>
        <ToastTitle {...(named ? { 'data-private': '' } : {})}>{text}</ToastTitle>
      </Toast>,
      { intent: 'success', timeout: 4000 },
    );
  const expected = current.version ? { expectedVersion: current.version } : {};

  const run = async (kind: NonNullable<Busy>, work: () => Promise<KluisError | undefined>) => {
    if (busy) return;
    setBusy(kind);
    setError(undefined);
    try {
      setError(await work());
    } finally {
      setBusy(undefined);
    }
  };

  const copy = () =>
    run('copying', async () => {
      const result = await kluis().secrets.copyValue({ vaultId, name: current.name });
      if (!result.ok) return result.error;
      toast(`Copied, clears in ${result.value.clearAfterSeconds} s`);
    });

  const saveToFile = () =>
    run('saving-file', async () => {
      const result = await kluis().secrets.saveValueToFile({ vaultId, name: current.name });
      if (!result.ok) return result.error;
      if (result.value.saved) toast(`Saved to ${result.value.path ?? 'the file'}`, true);
    });

  const setEnabled = (enabled: boolean) =>
    run('toggling', async () => {
      const result = await kluis().secrets.updateProperties({
        vaultId,
        name: current.name,
        ...(current.version ? { version: current.version } : {}),
        ...expected,
        enabled,
      });
      if (!result.ok) return result.error;
      onChanged(result.value);
      toast(enabled ? 'Enabled' : 'Disabled');
    });

  const rollback = (version: string) =>
    run('rolling-back', async () => {
      const old = await kluis().secrets.get({ vaultId, name: current.name, version });
      if (!old.ok) return old.error;
      const result = await kluis().secrets.set({
        vaultId,
        name: current.name,
        value: old.value.value,
        ...(current.contentType ? { contentType: current.contentType } : {}),
        tags: current.tags ?? {},
        ...expected,
      });
      if (!result.ok) return result.error;
      onChanged(result.value);
      toast(`Rolled back to ${version.slice(0, 8)}`);
    });

  return { busy, error, copy, saveToFile, setEnabled, rollback };
}
