import { Toast, ToastBody, ToastTitle, useToastController } from '@fluentui/react-components';
import { createElement } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { TOASTER_ID } from '../../components/toaster';
import { kluis } from '../../lib/api';

/** Names and paths are masked in privacy mode (toasts render in a portal under <body>, which has the mask). */
const MASKED_IN_PRIVACY_MODE: Record<string, string> = { 'data-private': '' };

/** Back up a secret to a file and restore one from a file (main shows the dialogs); the outcome is a toast. */
export function useBackupFiles(vaultId: string, onRestored: (secret: SecretProperties) => void) {
  const { dispatchToast } = useToastController(TOASTER_ID);
  const toast = (intent: 'success' | 'error', title: string, body?: string) =>
    dispatchToast(
      createElement(
        Toast,
        null,
        createElement(ToastTitle, MASKED_IN_PRIVACY_MODE, title),
        body ? createElement(ToastBody, MASKED_IN_PRIVACY_MODE, body) : null,
      ),
      { intent, timeout: intent === 'error' ? 8000 : 4000 },
    );

  const backup = async (name: string) => {
    const result = await kluis().secrets.backupToFile({ vaultId, name });
    if (!result.ok) toast('error', `Could not back up ${name}`, result.error.message);
    else if (result.value.saved) toast('success', `Backed up ${name}`, result.value.path);
  };
  const restore = async () => {
    const result = await kluis().secrets.restoreFromFile({ vaultId });
    if (result.ok) {
      onRestored(result.value);
      toast('success', `Restored ${result.value.name}`);
    } else if (result.error.kind !== 'cancelled') {
      toast('error', 'Could not restore from the file', result.error.message);
    }
  };
  return { backup, restore };
}
