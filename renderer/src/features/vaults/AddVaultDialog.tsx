import { Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { VaultConfig } from '../../../../electron/contract';
import { AddVaultForm } from './AddVaultForm';

interface Props {
  onAdded: (vault: VaultConfig) => void;
  onClose: () => void;
}

export default function AddVaultDialog({ onAdded, onClose }: Props) {
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Add an Azure Key Vault</DialogTitle>
          <DialogContent>
            <AddVaultForm onAdded={onAdded} onCancel={onClose} submitLabel="Add vault" />
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
