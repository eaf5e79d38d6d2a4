import { Button, Field, Input, Spinner } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { KluisError, SecretProperties } from '../../../../../electron/contract';
import { DAY_MS } from '../../../../../electron/contract/secret-classes';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { kluis } from '../../../lib/api';
import { usePrivacyMode } from '../../privacy/privacy-mode';
import { useFormStyles } from '../form-styles';
import { measureValue } from '../values/value-size';
import { ValueEditor } from '../values/ValueEditor';
import { DiscardChangesDialog } from './DiscardChangesDialog';
import { useEditorKeys } from './use-editor-keys';
import { rotatedExpiry, rotationValue, validityPeriod } from './rotation';
import { formatExact } from '../../../lib/relative-time';

interface Props {
  vaultId: string;
  /** The current version's properties: its content type and tags carry over to the new version. */
  secret: SecretProperties;
  onSaved: (secret: SecretProperties) => void;
  onClose: () => void;
  /**
   * Rotate: prefilled with a generated value instead of the current one (which is then not read), and the expiry
   * set as far from now as the current version was valid (editing/rotation.ts).
   */
  rotate?: boolean;
}

type Loaded =
  { phase: 'loading' } | { phase: 'failed'; error: KluisError } | { phase: 'ready'; original: string };

/**
 * A new version, prefilled with the current value (fetched now, because the user opened the editor). The value
 * lives only in this component's state and goes when it closes.
 */
export function NewVersionEditor({ vaultId, secret, onSaved, onClose, rotate = false }: Props) {
  const styles = useFormStyles();
  const [generated] = useState(() => (rotate ? rotationValue() : ''));
  const [loaded, setLoaded] = useState<Loaded>(
    rotate ? { phase: 'ready', original: '' } : { phase: 'loading' },
  );
  const [value, setValue] = useState(generated);
  const [rotatedOn] = useState(() => Date.now());
  const expiresOn = rotate ? rotatedExpiry(secret, rotatedOn) : undefined;
  const [contentType, setContentType] = useState(secret.contentType ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<KluisError>();

  useEffect(() => {
    if (rotate) return;
    let live = true;
    void kluis()
      .secrets.get({ vaultId, name: secret.name, ...(secret.version ? { version: secret.version } : {}) })
      .then((result) => {
        if (!live) return;
        if (!result.ok) return setLoaded({ phase: 'failed', error: result.error });
        setValue(result.value.value);
        setLoaded({ phase: 'ready', original: result.value.value });
      });
    return () => {
      live = false;
    };
  }, [vaultId, secret.name, secret.version, rotate]);

  const over = measureValue(value).level === 'over';
  const dirty =
    (loaded.phase === 'ready' && value !== loaded.original) || contentType !== (secret.contentType ?? '');
  // While privacy mode masks the value, it cannot be checked, so it is not saved either (it is kept, not lost).
  const privacyMode = usePrivacyMode();
  const canSave = loaded.phase !== 'loading' && !saving && !over && !privacyMode;

  const save = async () => {
    if (!canSave) return;
    setSaving(true);
    setError(undefined);
    const result = await kluis().secrets.set({
      vaultId,
      name: secret.name,
      value,
      ...(contentType.trim() ? { contentType: contentType.trim() } : {}),
      tags: secret.tags ?? {},
      ...(expiresOn !== undefined ? { expiresOn } : {}),
      ...(secret.version ? { expectedVersion: secret.version } : {}),
    });
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setError(result.error);
  };
  const keys = useEditorKeys({ dirty, onSave: () => void save(), onClose });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form
      className={styles.form}
      onSubmit={onSubmit}
      onKeyDown={keys.onKeyDown}
      aria-label={rotate ? `Rotate ${secret.name}` : `New version of ${secret.name}`}
      noValidate
    >
      <h2 className={styles.title}>
        {rotate ? 'Rotate' : 'New version of'} <span data-private>{secret.name}</span>
      </h2>
      {rotate && (
        <p role="note" style={{ margin: 0 }}>
          A generated value.{' '}
          {expiresOn !== undefined
            ? `Expires ${formatExact(expiresOn)}: as long from now as the current version was valid (${Math.round(
                (validityPeriod(secret) ?? 0) / DAY_MS,
              )} days).`
            : 'The current version has no expiry, so neither will this one.'}
        </p>
      )}
      {loaded.phase === 'loading' && <Spinner size="tiny" label="Loading the current value…" />}
      {loaded.phase === 'failed' && <ErrorBanner error={loaded.error} />}
      <ValueEditor
        value={value}
        onChange={setValue}
        contentType={contentType}
        label="New value"
        disabled={loaded.phase === 'loading' || saving}
        autoFocus
      />
      <Field label="Content type" hint="Tags carry over from the current version.">
        <Input value={contentType} onChange={(_, d) => setContentType(d.value)} />
      </Field>
      {error && <ErrorBanner error={error} />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={!canSave}>
          Save new version
        </Button>
        <Button onClick={onClose}>Cancel</Button>
        {saving && <Spinner size="tiny" label="Saving…" />}
      </div>
      <DiscardChangesDialog {...keys.discard} />
    </form>
  );
}
