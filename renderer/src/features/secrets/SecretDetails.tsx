import { Button, Tooltip } from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ArrowRepeatAll20Regular,
  Delete20Regular,
  DocumentAdd20Regular,
  Dismiss20Regular,
  Edit20Regular,
} from '@fluentui/react-icons';
import { useState } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDetailsStyles } from './details-styles';
import { NewVersionEditor } from './editing/NewVersionEditor';
import { PropertiesEditor } from './editing/PropertiesEditor';
import { ManagedNote } from './ManagedNote';
import { RevealValue } from './RevealValue';
import { RollbackDialog } from './RollbackDialog';
import { SecretPropertiesList } from './SecretProperties';
import { useCopyShortcut } from './use-copy-shortcut';
import { useSecretActions } from './use-secret-actions';
import { useVersions } from './use-versions';
import { VersionsList } from './VersionsList';

interface Props {
  vaultId: string;
  secret: SecretProperties;
  revealSeconds: number;
  onDelete: () => void;
  onClose: () => void;
  /** A save here changed the secret (new version, properties, rollback): the list shows the new properties. */
  onChanged?: (secret: SecretProperties) => void;
}

type Mode = 'view' | 'edit' | 'new-version' | 'rotate';

export default function SecretDetails({
  vaultId,
  secret,
  revealSeconds,
  onDelete,
  onClose,
  onChanged,
}: Props) {
  const styles = useDetailsStyles();
  const versions = useVersions(vaultId, secret.name, secret);
  const [mode, setMode] = useState<Mode>('view');
  const [rollingBack, setRollingBack] = useState<string>();
  // The list carries no version id; the newest version's properties (from the versions list) are the current ones.
  const newest = versions.versions[0];
  const current: SecretProperties = newest ? { ...secret, ...newest, name: secret.name } : secret;
  const changed = (s: SecretProperties) => {
    setMode('view');
    versions.reload();
    onChanged?.(s);
  };
  const actions = useSecretActions(vaultId, current, changed);
  const readOnly = secret.managed === true;
  const ready = !versions.loading;
  useCopyShortcut(mode === 'view', () => void actions.copy());

  if (mode === 'edit')
    return (
      <PropertiesEditor
        vaultId={vaultId}
        secret={current}
        onSaved={changed}
        onClose={() => setMode('view')}
      />
    );
  if (mode === 'new-version' || mode === 'rotate')
    return (
      <NewVersionEditor
        vaultId={vaultId}
        secret={current}
        onSaved={changed}
        onClose={() => setMode('view')}
        rotate={mode === 'rotate'}
      />
    );

  const enabled = current.enabled !== false;
  return (
    <section className={styles.root} aria-label={`Details of ${secret.name}`}>
      <div className={styles.header}>
        <h2 className={styles.title} data-private>
          {secret.name}
        </h2>
        <Tooltip content="Close (Esc)" relationship="label">
          <Button size="small" appearance="subtle" icon={<Dismiss20Regular />} onClick={onClose} />
        </Tooltip>
      </div>
      {readOnly ? (
        <ManagedNote secret={current} />
      ) : (
        <div className={styles.actions} style={{ flexWrap: 'wrap' }}>
          <Button size="small" icon={<Edit20Regular />} disabled={!ready} onClick={() => setMode('edit')}>
            Edit
          </Button>
          <Button
            size="small"
            icon={<DocumentAdd20Regular />}
            disabled={!ready}
            onClick={() => setMode('new-version')}
          >
            New version
          </Button>
          <Tooltip
            content="New version with a generated value, valid as long as the current one"
            relationship="description"
          >
            <Button
              size="small"
              icon={<ArrowRepeatAll20Regular />}
              disabled={!ready}
              onClick={() => setMode('rotate')}
            >
              Rotate
            </Button>
          </Tooltip>
          <Button
            size="small"
            disabled={!ready || actions.busy !== undefined}
            onClick={() => void actions.setEnabled(!enabled)}
          >
            {enabled ? 'Disable' : 'Enable'}
          </Button>
          <Tooltip content="Delete (Del)" relationship="description">
            <Button size="small" icon={<Delete20Regular />} onClick={onDelete}>
              Delete
            </Button>
          </Tooltip>
        </div>
      )}
      <div className={styles.section}>
        <span className={styles.label}>Value</span>
        <RevealValue
          vaultId={vaultId}
          name={secret.name}
          revealSeconds={revealSeconds}
          contentType={current.contentType}
          copying={actions.busy === 'copying'}
          onCopy={() => void actions.copy()}
          extraActions={
            <Tooltip content="Writes the value to a file only you can read" relationship="description">
              <Button
                size="small"
                icon={<ArrowDownload20Regular />}
                disabled={actions.busy === 'saving-file'}
                onClick={() => void actions.saveToFile()}
              >
                Save to file…
              </Button>
            </Tooltip>
          }
        />
        {actions.error && <ErrorBanner error={actions.error} />}
      </div>
      <SecretPropertiesList secret={current} currentVersion={newest?.version} />
      <VersionsList
        state={versions}
        vaultId={vaultId}
        name={secret.name}
        revealSeconds={revealSeconds}
        readOnly={readOnly}
        onRollback={setRollingBack}
        onRestored={changed}
      />
      <RollbackDialog
        version={rollingBack}
        onCancel={() => setRollingBack(undefined)}
        onConfirm={() => {
          const version = rollingBack;
          setRollingBack(undefined);
          if (version) void actions.rollback(version);
        }}
      />
    </section>
  );
}
