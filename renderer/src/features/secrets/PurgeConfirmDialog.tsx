import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from '@fluentui/react-components';
import { useState } from 'react';

interface Props {
  name: string;
  open: boolean;
  /** What happens after the purge, e.g. that the typed value is saved next. */
  after?: string;
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Purging cannot be undone, so the user types the name once. */
export function PurgeConfirmDialog({
  name,
  open,
  after,
  confirmLabel = 'Purge',
  onConfirm,
  onCancel,
}: Props) {
  const [typed, setTyped] = useState('');
  const matches = typed === name;
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            Purge “<span data-private>{name}</span>” for good?
          </DialogTitle>
          <DialogContent>
            <p>
              The deleted secret and all its versions are removed permanently; it cannot be recovered
              afterwards.{after ? ` ${after}` : ''}
            </p>
            <Field label={`Type ${name} to confirm`} data-private>
              <Input value={typed} onChange={(_, data) => setTyped(data.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!matches} onClick={onConfirm}>
              {confirmLabel}
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
