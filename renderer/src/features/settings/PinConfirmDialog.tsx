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
import type { CertificateInfo } from '../../../../electron/contract';
import { useCertificateStyles } from './certificate-styles';
import { Fingerprint } from './Fingerprint';

/** Asks the user to compare the picked certificate's fingerprint with their administrator's before it is pinned. */
export function PinConfirmDialog({
  origin,
  certificate,
  open,
  pinning,
  onOpenChange,
  onPin,
}: {
  origin: string;
  certificate: CertificateInfo;
  open: boolean;
  pinning: boolean;
  onOpenChange: (open: boolean) => void;
  onPin: () => void;
}) {
  const styles = useCertificateStyles();
  return (
    <Dialog open={open} onOpenChange={(_, data) => onOpenChange(data.open)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Trust this certificate for {origin}?</DialogTitle>
          <DialogContent>
            <p>
              Kluis will trust only <strong>{certificate.subject}</strong> for this endpoint. Pin it only if
              its fingerprint matches the one your administrator gave you:
            </p>
            <div className={styles.confirmFingerprint} data-testid="confirm-fingerprint">
              <Fingerprint value={certificate.fingerprint256} />
            </div>
          </DialogContent>
          <DialogActions>
            {pinning && <Spinner size="tiny" label="Pinning…" />}
            <Button appearance="primary" disabled={pinning} onClick={onPin}>
              Fingerprint matches: pin
            </Button>
            <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
