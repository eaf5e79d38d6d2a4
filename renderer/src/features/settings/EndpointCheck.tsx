import { Button, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type {
  CertificateInfo,
  EndpointCertificates,
  KluisError,
  Settings,
  VaultConfig,
} from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { defaultPick } from './certificate-choice';
import { useCertificateStyles } from './certificate-styles';
import { PinConfirmDialog } from './PinConfirmDialog';
import { PresentedChainPicker } from './PresentedChainPicker';

/**
 * One endpoint of a custom-cloud vault: checks the chain it presents, lets the user pick the certificate to trust,
 * confirm its fingerprint and pin it.
 */
export function EndpointCheck({
  vault,
  origin,
  label,
  onSettings,
}: {
  vault: VaultConfig;
  origin: string;
  label: string;
  onSettings: (settings: Settings) => void;
}) {
  const styles = useCertificateStyles();
  const [checking, setChecking] = useState(false);
  const [seen, setSeen] = useState<EndpointCertificates>();
  const [picked, setPicked] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [pinning, setPinning] = useState(false);
  const [error, setError] = useState<KluisError>();

  const check = async () => {
    setChecking(true);
    setError(undefined);
    const result = await kluis().vaults.inspectCertificates({ vaultId: vault.id, origin });
    setChecking(false);
    if (result.ok) {
      setSeen(result.value);
      setPicked(defaultPick(result.value.chain)?.fingerprint256);
    } else setError(result.error);
  };
  const pin = async () => {
    if (!picked) return;
    setPinning(true);
    setError(undefined);
    const result = await kluis().vaults.pinCertificate({ vaultId: vault.id, origin, fingerprint256: picked });
    setPinning(false);
    setConfirming(false);
    if (result.ok) {
      onSettings(result.value);
      setSeen(undefined);
    } else setError(result.error);
  };
  const chosen: CertificateInfo | undefined = seen?.chain.find((c) => c.fingerprint256 === picked);

  return (
    <div className={styles.endpoint} role="group" aria-label={`${label} ${origin}`}>
      <div className={styles.endpointHead}>
        <span>{label}</span>
        <span className={styles.origin}>{origin}</span>
        <Button size="small" onClick={() => void check()} disabled={checking}>
          Check certificate
        </Button>
        {checking && <Spinner size="tiny" label="Connecting…" />}
      </div>
      {error && <ErrorBanner error={error} />}
      {seen && (
        <>
          <PresentedChainPicker origin={origin} seen={seen} picked={picked} onPick={setPicked} />
          <div>
            <Button appearance="primary" size="small" disabled={!chosen} onClick={() => setConfirming(true)}>
              Trust this certificate…
            </Button>
          </div>
        </>
      )}
      {chosen && (
        <PinConfirmDialog
          origin={origin}
          certificate={chosen}
          open={confirming}
          pinning={pinning}
          onOpenChange={setConfirming}
          onPin={() => void pin()}
        />
      )}
    </div>
  );
}
