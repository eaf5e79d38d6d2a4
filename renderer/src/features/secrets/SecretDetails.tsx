import { Button, Tooltip, useToastController, Toast, ToastTitle } from '@fluentui/react-components';
import { Delete20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { KluisError, SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TOASTER_ID } from '../../components/toaster';
import { kluis } from '../../lib/api';
import { useDetailsStyles } from './details-styles';
import { RevealValue } from './RevealValue';
import { SecretPropertiesList } from './SecretProperties';
import { useVersions } from './use-versions';
import { VersionsList } from './VersionsList';

interface Props {
  vaultId: string;
  secret: SecretProperties;
  revealSeconds: number;
  onDelete: () => void;
  onClose: () => void;
}

export default function SecretDetails({ vaultId, secret, revealSeconds, onDelete, onClose }: Props) {
  const styles = useDetailsStyles();
  const { dispatchToast } = useToastController(TOASTER_ID);
  const [copying, setCopying] = useState(false);
  const [error, setError] = useState<KluisError>();
  const versions = useVersions(vaultId, secret.name);

  const copy = async () => {
    setCopying(true);
    setError(undefined);
    const result = await kluis().secrets.copyValue({ vaultId, name: secret.name });
    setCopying(false);
    if (!result.ok) return setError(result.error);
    dispatchToast(
      <Toast>
        <ToastTitle>Copied, clears in {result.value.clearAfterSeconds} s</ToastTitle>
      </Toast>,
      { intent: 'success', timeout: 4000 },
    );
  };

  return (
    <section className={styles.root} aria-label={`Details of ${secret.name}`}>
      <div className={styles.header}>
        <h2 className={styles.title}>{secret.name}</h2>
        <Tooltip content="Delete (Del)" relationship="description">
          <Button
            size="small"
            icon={<Delete20Regular />}
            onClick={onDelete}
            disabled={secret.managed === true}
          >
            Delete
          </Button>
        </Tooltip>
        <Tooltip content="Close (Esc)" relationship="label">
          <Button size="small" appearance="subtle" icon={<Dismiss20Regular />} onClick={onClose} />
        </Tooltip>
      </div>
      <div className={styles.section}>
        <span className={styles.label}>Value</span>
        <RevealValue
          vaultId={vaultId}
          name={secret.name}
          revealSeconds={revealSeconds}
          copying={copying}
          onCopy={() => void copy()}
        />
        {error && <ErrorBanner error={error} />}
      </div>
      <SecretPropertiesList secret={secret} currentVersion={versions.versions[0]?.version} />
      <VersionsList state={versions} />
    </section>
  );
}
