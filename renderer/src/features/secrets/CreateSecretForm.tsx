import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { KluisError, SecretProperties } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { useFormStyles } from './form-styles';
import { secretNameProblem } from './name-rule';
import { fromLocalInput, NATIVE_PICKER } from './editing/date-input';
import { DiscardChangesDialog } from './editing/DiscardChangesDialog';
import { useEditorKeys } from './editing/use-editor-keys';
import { PurgeConfirmDialog } from './PurgeConfirmDialog';
import { tagsFromRows, type TagRow } from './values/tag-rows';
import { TagEditor } from './values/TagEditor';
import { measureValue } from './values/value-size';
import { ValueEditor } from './values/ValueEditor';

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
  const [enabled, setEnabled] = useState(true);
  const [notBefore, setNotBefore] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [tagRows, setTagRows] = useState<TagRow[]>([]);
  const [nameTouched, setNameTouched] = useState(false);
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<KluisError>();
  const [notice, setNotice] = useState<string>();
  const [purgeOpen, setPurgeOpen] = useState(false);

  const nameProblem = secretNameProblem(name);
  const showNameProblem = nameTouched && nameProblem !== undefined;
  const tags = tagsFromRows(tagRows);
  const nbf = fromLocalInput(notBefore);
  const exp = fromLocalInput(expiresOn);
  const datesWrong = nbf !== undefined && exp !== undefined && exp <= nbf;
  const blocked = measureValue(value).level === 'over' || tags === undefined || datesWrong;

  const save = async () => {
    const result = await kluis().secrets.set({
      vaultId,
      name,
      value,
      ...(contentType.trim() ? { contentType: contentType.trim() } : {}),
      ...(enabled ? {} : { enabled: false }),
      ...(nbf !== undefined ? { notBefore: nbf } : {}),
      ...(exp !== undefined ? { expiresOn: exp } : {}),
      ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
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

  const submit = () => {
    setNameTouched(true);
    if (nameProblem || busy || blocked) return;
    void run('saving', save);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const dirty = Boolean(name || value || contentType || notBefore || expiresOn || tagRows.length || !enabled);
  const keys = useEditorKeys({ dirty, onSave: submit, onClose: onCancel });

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
    <form
      className={styles.form}
      onSubmit={onSubmit}
      onKeyDown={keys.onKeyDown}
      aria-label="New secret"
      noValidate
    >
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
      <ValueEditor value={value} onChange={setValue} contentType={contentType} concealed={conceal} />
      <Switch
        indicator={{ className: styles.switchIndicator }}
        checked={conceal}
        label="Hide the value while typing"
        onChange={(_, data) => setConceal(data.checked)}
      />
      <Field label="Content type" hint="Optional, e.g. text/plain or application/json.">
        <Input value={contentType} onChange={(_, data) => setContentType(data.value)} />
      </Field>
      <Switch
        indicator={{ className: styles.switchIndicator }}
        checked={enabled}
        label={enabled ? 'Enabled' : 'Disabled (the value cannot be read)'}
        onChange={(_, data) => setEnabled(data.checked)}
      />
      <Field label="Not before (activation)" hint="Optional.">
        <Input
          type="datetime-local"
          input={NATIVE_PICKER}
          value={notBefore}
          onChange={(_, data) => setNotBefore(data.value)}
        />
      </Field>
      <Field
        label="Expires"
        hint={datesWrong ? undefined : 'Optional.'}
        validationState={datesWrong ? 'error' : 'none'}
        validationMessage={datesWrong ? 'Expiry must come after activation.' : undefined}
      >
        <Input
          type="datetime-local"
          input={NATIVE_PICKER}
          value={expiresOn}
          onChange={(_, data) => setExpiresOn(data.value)}
        />
      </Field>
      <TagEditor rows={tagRows} onChange={setTagRows} />
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
        <Button type="submit" appearance="primary" disabled={busy !== undefined || blocked}>
          Save
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
        {busy && <Spinner size="tiny" label={busyLabel[busy]} />}
      </div>
      <DiscardChangesDialog {...keys.discard} />
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
