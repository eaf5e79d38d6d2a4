import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import type { KluisError, Settings, VaultConfig } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { endpointsOf } from './certificate-choice';
import { day, useCertificateStyles } from './certificate-styles';
import { EndpointCheck } from './EndpointCheck';
import { Fingerprint } from './Fingerprint';

interface Props {
  vault: VaultConfig;
  onSettings: (settings: Settings) => void;
}

/**
 * A custom-cloud vault's endpoints (the vault and its sign-in host): check the certificate chain each presents, pin
 * the one the user confirms by its SHA-256 fingerprint, and list or remove pins. Trust is never turned off.
 */
export function CertificatesSection({ vault, onSettings }: Props) {
  const styles = useCertificateStyles();
  const pins = vault.pinnedCertificates ?? [];
  return (
    <section className={styles.root} aria-label={`Certificates for ${vault.displayName}`}>
      <h3 className={styles.heading}>Certificates</h3>
      <span className={styles.meta}>
        Endpoints with their own certificate authority: pin the certificate your administrator confirms. Only
        pinned certificates are trusted for that endpoint; addresses are still checked.
      </span>
      {endpointsOf(vault).map((endpoint) => (
        <EndpointCheck
          key={endpoint.origin}
          vault={vault}
          origin={endpoint.origin}
          label={endpoint.label}
          onSettings={onSettings}
        />
      ))}
      {pins.length > 0 && <h4 className={styles.heading}>Pinned</h4>}
      {pins.length > 0 && (
        <ul className={styles.pins} aria-label="Pinned certificates">
          {pins.map((p) => (
            <PinnedRow
              key={`${p.origin}|${p.fingerprint256}`}
              vault={vault}
              pin={p}
              onSettings={onSettings}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function PinnedRow({
  vault,
  pin,
  onSettings,
}: {
  vault: VaultConfig;
  pin: NonNullable<VaultConfig['pinnedCertificates']>[number];
  onSettings: (settings: Settings) => void;
}) {
  const styles = useCertificateStyles();
  const [error, setError] = useState<KluisError>();
  const remove = async () => {
    setError(undefined);
    const result = await kluis().vaults.unpinCertificate({
      vaultId: vault.id,
      origin: pin.origin,
      fingerprint256: pin.fingerprint256,
    });
    if (result.ok) onSettings(result.value);
    else setError(result.error);
  };
  return (
    <li className={styles.pin}>
      <div className={styles.pinText}>
        <span>
          <span className={styles.origin}>{pin.origin}</span> trusts {pin.subject}
        </span>
        <span className={styles.fingerprint} data-testid="pinned-fingerprint">
          SHA-256 <Fingerprint value={pin.fingerprint256} />
        </span>
        <span className={styles.meta}>Valid until {day(pin.validTo)}</span>
        {error && <ErrorBanner error={error} />}
      </div>
      <Button
        size="small"
        onClick={() => void remove()}
        aria-label={`Remove pinned certificate ${pin.subject}`}
      >
        Remove
      </Button>
    </li>
  );
}
