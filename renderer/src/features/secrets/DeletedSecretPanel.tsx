import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { ArrowUndo20Regular, DeleteDismiss20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DeletedSecretInfo, KluisError, SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { MiddleTruncate } from '../../components/MiddleTruncate';
import { kluis } from '../../lib/api';
import { formatExact } from '../../lib/relative-time';
import { isPurgeProtected, purgeProtectedText } from '../deleted/purge-protection';
import { useDetailsStyles } from './details-styles';
import { PurgeConfirmDialog } from './PurgeConfirmDialog';

interface Props {
  vaultId: string;
  info: DeletedSecretInfo;
  onRecovered: (secret: SecretProperties) => void;
  onPurged?: (name: string) => void;
}

/** What is left after a delete: when it happened, when it is purged, and the way back. */
export default function DeletedSecretPanel({ vaultId, info, onRecovered, onPurged }: Props) {
  const styles = useDetailsStyles();
  const [busy, setBusy] = useState<'Recovering…' | 'Purging…'>();
  const [purgeOpen, setPurgeOpen] = useState(false);
  const [error, setError] = useState<KluisError>();
  const name = info.properties.name;
  const purgeProtected = isPurgeProtected(info.properties.recoveryLevel);

  const recover = async () => {
    setBusy('Recovering…');
    setError(undefined);
    const result = await kluis().deleted.recover({ vaultId, name });
    setBusy(undefined);
    if (result.ok) onRecovered(result.value);
    else setError(result.error);
  };
  const purge = async () => {
    setPurgeOpen(false);
    setBusy('Purging…');
    setError(undefined);
    const result = await kluis().deleted.purge({ vaultId, name });
    setBusy(undefined);
    if (result.ok) onPurged?.(name);
    else setError(result.error);
  };

  return (
    <section className={styles.root} aria-label={`Deleted secret ${name}`}>
      <div className={styles.header}>
        <h2 className={styles.title}>{name}</h2>
      </div>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Deleted, still recoverable</MessageBarTitle>
          Recover it any time before its purge date; after that it is gone for good.
        </MessageBarBody>
      </MessageBar>
      <dl className={styles.props}>
        <dt>Deleted</dt>
        <dd data-testid="deleted-on">{formatExact(info.deletedOn)}</dd>
        <dt>Purge date</dt>
        <dd data-testid="purge-date">{formatExact(info.scheduledPurgeDate)}</dd>
        <dt>Recovery id</dt>
        <dd>{info.recoveryId ? <MiddleTruncate text={info.recoveryId} /> : '—'}</dd>
      </dl>
      {purgeProtected && onPurged && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{purgeProtectedText(info.scheduledPurgeDate)}</MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorBanner error={error} />}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<ArrowUndo20Regular />}
          disabled={!!busy}
          onClick={() => void recover()}
        >
          Recover
        </Button>
        {onPurged && (
          <Button
            icon={<DeleteDismiss20Regular />}
            disabled={!!busy || purgeProtected}
            onClick={() => setPurgeOpen(true)}
          >
            Purge
          </Button>
        )}
        {busy && <Spinner size="tiny" label={busy} />}
      </div>
      <PurgeConfirmDialog
        key={String(purgeOpen)}
        name={name}
        open={purgeOpen}
        onConfirm={() => void purge()}
        onCancel={() => setPurgeOpen(false)}
      />
    </section>
  );
}
