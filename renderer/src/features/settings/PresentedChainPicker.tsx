import { Badge, MessageBar, MessageBarBody, Radio, RadioGroup } from '@fluentui/react-components';
import type { EndpointCertificates } from '../../../../electron/contract';
import { day, useCertificateStyles } from './certificate-styles';
import { Fingerprint } from './Fingerprint';

/**
 * The chain an endpoint presented: whether it is trusted already, and each certificate (subject, issuer,
 * fingerprint, validity) to pick the one to pin.
 */
export function PresentedChainPicker({
  origin,
  seen,
  picked,
  onPick,
}: {
  origin: string;
  seen: EndpointCertificates;
  picked: string | undefined;
  onPick: (fingerprint256: string) => void;
}) {
  const styles = useCertificateStyles();
  return (
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
        onChange={(_, data) => onPick(data.value)}
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
    </>
  );
}
