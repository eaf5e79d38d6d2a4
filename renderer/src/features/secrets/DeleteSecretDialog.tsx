import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { DeletedSecretInfo, KluisError, SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';

interface Props {
  vaultId: string;
  secret: SecretProperties;
  onDeleted: (info: DeletedSecretInfo) => void;
  onCancel: () => void;
}

/** Asks once, then waits for the service to report the secret deleted. */
export function DeleteSecretDialog({ vaultId, secret, onDeleted, onCancel }: Props) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<KluisError>();
  const days = secret.recoverableDays ?? 90;

  const confirm = async () => {
    setDeleting(true);
    setError(undefined);
    const result = await kluis().secrets.delete({ vaultId, name: secret.name });
    setDeleting(false);
    if (result.ok) onDeleted(result.value);
    else setError(result.error);
  };

  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && !deleting && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            Delete “<span data-private>{secret.name}</span>”?
          </DialogTitle>
          <DialogContent>
            <p>
              The secret and all its versions move to the vault’s deleted secrets. It stays recoverable for{' '}
              {days} days, then it is purged.
            </p>
            {error && <ErrorBanner error={error} />}
          </DialogContent>
          <DialogActions>
            {deleting && <Spinner size="tiny" label="Deleting…" />}
            <Button appearance="primary" disabled={deleting} onClick={() => void confirm()}>
              Delete
            </Button>
            <Button disabled={deleting} onClick={onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
