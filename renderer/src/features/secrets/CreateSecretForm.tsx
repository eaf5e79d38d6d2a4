import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Textarea,
  mergeClasses,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { KluisError, SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { useFormStyles } from './form-styles';
import { secretNameProblem } from './name-rule';
import { PurgeConfirmDialog } from './PurgeConfirmDialog';

interface Props {
  vaultId: string;
  onCreated: (secret: SecretProperties) => void;
  /** A deleted secret came back under the typed name. */
  onRecovered: (secret: SecretProperties) => void;
  onCancel: () => void;
}

type Busy = 'saving' | 'recovering' | 'purging' | undefined;

const busyLabel: Record<NonNullable<Busy>, string> = {
  saving: 'Saving…',
  recovering: 'Recovering…',
  purging: 'Purging, then saving…',
};

/** New secret: everything typed stays in the form until a save succeeds. */
export function CreateSecretForm({ vaultId, onCreated, onRecovered, onCancel }: Props) {
  const styles = useFormStyles();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [contentType, setContentType] = useState('');
  const [conceal, setConceal] = useState(true);
  const [nameTouched, setNameTouched] = useState(false);
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<KluisError>();
  const [notice, setNotice] = useState<string>();
  const [purgeOpen, setPurgeOpen] = useState(false);

  const nameProblem = secretNameProblem(name);
  const showNameProblem = nameTouched && nameProblem !== undefined;

  const save = async () => {
    const result = await kluis().secrets.set({
      vaultId,
      name,
      value,
      ...(contentType.trim() ? { contentType: contentType.trim() } : {}),
    });
    if (result.ok) onCreated(result.value);
    else setError(result.error);
  };

  const run = async (kind: NonNullable<Busy>, work: () => Promise<void>) => {
    setBusy(kind);
    setError(undefined);
    setNotice(undefined);
    try {
      await work();
    } finally {
      setBusy(undefined);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNameTouched(true);
    if (nameProblem || busy) return;
    void run('saving', save);
  };

  const recover = () =>
    run('recovering', async () => {
      const result = await kluis().deleted.recover({ vaultId, name });
      if (!result.ok) return setError(result.error);
      onRecovered(result.value);
      setNotice(
        `Recovered “${name}” with its previous value. Save again to add what you typed as a new version.`,
      );
    });

  const purgeAndCreate = () => {
    setPurgeOpen(false);
    void run('purging', async () => {
      const purged = await kluis().deleted.purge({ vaultId, name });
      if (!purged.ok) return setError(purged.error);
      await save();
    });
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="New secret" noValidate>
      <h2 className={styles.title}>New secret</h2>
      <Field
        label="Name"
        required
        validationState={showNameProblem ? 'error' : 'none'}
        validationMessage={showNameProblem ? nameProblem : undefined}
        hint={showNameProblem ? undefined : 'Letters, digits and dashes; up to 127 characters.'}
      >
        <Input
          value={name}
          autoFocus
          className={styles.mono}
          spellCheck={false}
          onChange={(_, data) => {
            setName(data.value);
            setNameTouched(true);
          }}
        />
      </Field>
      <Field label="Value" hint="Stored as text; up to 25,600 characters.">
        <Textarea
          value={value}
          resize="vertical"
          rows={5}
          spellCheck={false}
          className={mergeClasses(styles.mono, conceal && styles.concealed)}
          onChange={(_, data) => setValue(data.value)}
        />
      </Field>
      <Switch
        indicator={{ className: styles.switchIndicator }}
        checked={conceal}
        label="Hide the value while typing"
        onChange={(_, data) => setConceal(data.checked)}
      />
      <Field label="Content type" hint="Optional, e.g. text/plain or application/json.">
        <Input value={contentType} onChange={(_, data) => setContentType(data.value)} />
      </Field>
      {error && (
        <ErrorBanner
          error={error}
          actions={
            error.kind === 'conflict-deleted' ? (
              <>
                <Button size="small" onClick={() => void recover()}>
                  Recover
                </Button>
                <Button size="small" onClick={() => setPurgeOpen(true)}>
                  Purge and create
                </Button>
              </>
            ) : undefined
          }
        />
      )}
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy !== undefined}>
          Save
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
        {busy && <Spinner size="tiny" label={busyLabel[busy]} />}
      </div>
      <PurgeConfirmDialog
        key={String(purgeOpen)}
        name={name}
        open={purgeOpen}
        after="Then your new value is saved under the same name."
        confirmLabel="Purge and create"
        onConfirm={purgeAndCreate}
        onCancel={() => setPurgeOpen(false)}
      />
    </form>
  );
}
