import { Button } from '@fluentui/react-components';
import { Stethoscope20Regular } from '@fluentui/react-icons';
import type { KluisError, VaultConfig } from '../../../../electron/contract';
import { diagnoseRequest } from './diagnose-request';
import { SignInToTenant } from './SignInToTenant';

/** Kinds of failure the access doctor's checks can explain. */
const DIAGNOSABLE = new Set<KluisError['kind']>([
  'forbidden',
  'unauthenticated',
  'network',
  'tls',
  'not-found',
]);

/** The vault error banner's access actions: "Sign in to tenant X" for a tenant mismatch, and Diagnose. */
export function AccessErrorActions({
  error,
  vault,
  onRetry,
}: {
  error: KluisError;
  vault: VaultConfig;
  onRetry: () => void;
}) {
  if (!DIAGNOSABLE.has(error.kind)) return null;
  const tenant = error.access?.model === 'tenant' ? error.access.vaultTenant : undefined;
  return (
    <>
      {tenant && <SignInToTenant vault={vault} tenant={tenant} onDone={onRetry} />}
      <Button size="small" icon={<Stethoscope20Regular />} onClick={() => diagnoseRequest.open(vault.id)}>
        Diagnose
      </Button>
    </>
  );
}
