import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  shorthands,
  Spinner,
  tokens,
} from '@fluentui/react-components';
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
import { defaultPick, endpointsOf } from './certificate-choice';

const useStyles = makeStyles({
  root: {
    gridColumn: '1 / -1',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  endpoint: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  endpointHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  origin: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  cert: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBottom: tokens.spacingVerticalXS },
  fingerprint: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  line: { display: 'block' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  badges: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, marginLeft: tokens.spacingHorizontalXS },
  pins: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  pin: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  pinText: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1 },
  confirmFingerprint: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    overflowWrap: 'anywhere',
    ...shorthands.padding(tokens.spacingVerticalS),
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A SHA-256 fingerprint in two lines of 16 bytes, so it never wraps mid-byte; its text is the plain fingerprint. */
function Fingerprint({ value }: { value: string }) {
  const styles = useStyles();
  const half = Math.min(48, value.length);
  return (
    <>
      <span className={styles.line}>{value.slice(0, half)}</span>
      <span className={styles.line}>{value.slice(half)}</span>
    </>
  );
}

interface Props {
  vault: VaultConfig;
  onSettings: (settings: Settings) => void;
}

/**
 * A custom-cloud vault's endpoints (the vault and its sign-in host): check the certificate chain each presents, pin
 * the one the user confirms by its SHA-256 fingerprint, and list or remove pins. Trust is never turned off.
 */
export function CertificatesSection({ vault, onSettings }: Props) {
  const styles = useStyles();
  const pins = vault.pinnedCertificates ?? [];
  return (
    <section className={styles.root} aria-label={`Certificates for ${vault.displayName}`}>
      <h3 className={styles.heading}>Certificates</h3>
      <span className={styles.meta}>
        Endpoints with their own certificate authority: pin the certificate your administrator confirms. Only
        pinned certificates are trusted for that endpoint; addresses are still checked.
      </span>
      {endpointsOf(vault).map((endpoint) => (
        <Endpoint
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
  const styles = useStyles();
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

function Endpoint({
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
  const styles = useStyles();
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
          <MessageBar intent={seen.trustedByPin || seen.trustedBySystem ? 'success' : 'warning'}>
            <MessageBarBody>
              {seen.trustedByPin
                ? 'A pinned certificate already makes this endpoint trusted.'
                : seen.trustedBySystem
                  ? 'Your system already trusts this endpoint; no pin is needed.'
                  : `Not trusted by your system${seen.verificationError ? ` (${seen.verificationError})` : ''}. Pick the certificate to trust and compare its fingerprint with the one your administrator gives you.`}
            </MessageBarBody>
          </MessageBar>
          <RadioGroup
            value={picked ?? ''}
            onChange={(_, data) => setPicked(data.value)}
            aria-label={`Certificates presented by ${origin}`}
          >
            {seen.chain.map((c) => (
              <Radio
                key={c.fingerprint256}
                value={c.fingerprint256}
                label={
                  <span className={styles.cert}>
                    <span>
                      {c.subject}
                      <span className={styles.badges}>
                        {c.selfSigned && (
                          <Badge size="small" appearance="tint" color="brand">
                            root
                          </Badge>
                        )}
                        {c.isCa && (
                          <Badge size="small" appearance="tint" color="informative">
                            CA
                          </Badge>
                        )}
                      </span>
                    </span>
                    <span className={styles.meta}>Issued by {c.issuer}</span>
                    <span className={styles.fingerprint} data-testid="presented-fingerprint">
                      SHA-256 <Fingerprint value={c.fingerprint256} />
                    </span>
                    <span className={styles.meta}>
                      Valid {day(c.validFrom)} to {day(c.validTo)}
                    </span>
                  </span>
                }
              />
            ))}
          </RadioGroup>
          <div>
            <Button appearance="primary" size="small" disabled={!chosen} onClick={() => setConfirming(true)}>
              Trust this certificate…
            </Button>
          </div>
        </>
      )}
      {chosen && (
        <Dialog open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Trust this certificate for {origin}?</DialogTitle>
              <DialogContent>
                <p>
                  Kluis will trust only <strong>{chosen.subject}</strong> for this endpoint. Pin it only if
                  its fingerprint matches the one your administrator gave you:
                </p>
                <div className={styles.confirmFingerprint} data-testid="confirm-fingerprint">
                  <Fingerprint value={chosen.fingerprint256} />
                </div>
              </DialogContent>
              <DialogActions>
                {pinning && <Spinner size="tiny" label="Pinning…" />}
                <Button appearance="primary" disabled={pinning} onClick={() => void pin()}>
                  Fingerprint matches: pin
                </Button>
                <Button onClick={() => setConfirming(false)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
}
