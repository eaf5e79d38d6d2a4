import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import type { KluisError, VaultConfig } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { runCommand } from '../../lib/commands';

const SERVICE_PRINCIPAL = new Set(['client-secret', 'client-certificate']);

/**
 * "Sign in to tenant X": the vault's sign-in is set to the tenant its challenge names, and the call is tried again. A
 * service principal's tenant goes with its secret or certificate, so for one this opens Settings instead.
 */
export function SignInToTenant({
  vault,
  tenant,
  onDone,
  onError,
}: {
  vault: VaultConfig;
  tenant: string;
  onDone: () => void;
  onError?: (e: KluisError) => void;
}) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (SERVICE_PRINCIPAL.has(vault.auth.method)) {
      runCommand('view.settings');
      return;
    }
    setBusy(true);
    const { credentialRef: _ref, ...auth } = vault.auth;
    const result = await kluis().vaults.setAuth({ vaultId: vault.id, auth: { ...auth, tenantId: tenant } });
    setBusy(false);
    if (result.ok) onDone();
    else onError?.(result.error);
  };
  return (
    <Button size="small" appearance="primary" disabled={busy} onClick={() => void run()}>
      Sign in to tenant {tenant}
    </Button>
  );
}
