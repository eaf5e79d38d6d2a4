import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';

/** Confirms writing an older version's value as the new current version. */
export function RollbackDialog({
  version,
  onConfirm,
  onCancel,
}: {
  version: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={version !== undefined} modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Roll back to version {version?.slice(0, 8)}?</DialogTitle>
          <DialogContent>
            Its value is saved as a new version, which becomes the current one. The versions in between stay
            in the history.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm}>
              Roll back
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
