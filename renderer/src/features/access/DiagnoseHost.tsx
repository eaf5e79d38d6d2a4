import { useSyncExternalStore } from 'react';
import type { VaultConfig } from '../../../../electron/contract';
import { diagnoseRequest } from './diagnose-request';
import { DiagnosePanel } from './DiagnosePanel';

/** The shell mounts this once: it shows the Diagnose panel for whichever vault asked (diagnose-request.ts). */
export function DiagnoseHost({ vaults }: { vaults: VaultConfig[] }) {
  const vaultId = useSyncExternalStore(diagnoseRequest.subscribe, diagnoseRequest.getSnapshot);
  const vault = vaults.find((v) => v.id === vaultId);
  if (!vault) return null;
  return <DiagnosePanel key={vault.id} vault={vault} onClose={() => diagnoseRequest.close()} />;
}
