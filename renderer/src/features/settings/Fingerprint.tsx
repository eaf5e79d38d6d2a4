import { useCertificateStyles } from './certificate-styles';

/** A SHA-256 fingerprint in two lines of 16 bytes, so it never wraps mid-byte; its text is the plain fingerprint. */
export function Fingerprint({ value }: { value: string }) {
  const styles = useCertificateStyles();
  const half = Math.min(48, value.length);
  return (
    <>
      <span className={styles.line}>{value.slice(0, half)}</span>
      <span className={styles.line}>{value.slice(half)}</span>
    </>
  );
}
