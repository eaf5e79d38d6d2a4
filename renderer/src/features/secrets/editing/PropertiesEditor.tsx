import { Button, Field, Input, Spinner, Switch } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { KluisError, SecretProperties } from '../../../../../electron/contract';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { kluis } from '../../../lib/api';
import { useFormStyles } from '../form-styles';
import { rowsFromTags, tagsFromRows, type TagRow } from '../values/tag-rows';
import { TagEditor } from '../values/TagEditor';
import { MAX_CONTENT_TYPE_LENGTH } from '../../../../../electron/contract/limits';
import { fromLocalInput, NATIVE_PICKER, toLocalInput } from './date-input';
import { DiscardChangesDialog } from './DiscardChangesDialog';
import { useEditorKeys } from './use-editor-keys';

interface Props {
  vaultId: string;
  /** The current version's properties. */
  secret: SecretProperties;
  onSaved: (secret: SecretProperties) => void;
  onClose: () => void;
}

interface Draft {
  enabled: boolean;
  contentType: string;
  notBefore: string;
  expiresOn: string;
  tags: TagRow[];
}

const draftOf = (s: SecretProperties): Draft => ({
  enabled: s.enabled !== false,
  contentType: s.contentType ?? '',
  notBefore: toLocalInput(s.notBefore),
  expiresOn: toLocalInput(s.expiresOn),
  tags: rowsFromTags(s.tags),
});
const sameDraft = (a: Draft, b: Draft) =>
  JSON.stringify({ ...a, tags: a.tags.map((t) => [t.name, t.value]) }) ===
  JSON.stringify({ ...b, tags: b.tags.map((t) => [t.name, t.value]) });

/**
 * Edits the current version's properties without a new version. A failed save (a conflict too) keeps what was typed
 * and shows why; the edit carries the version the user saw, so someone else's newer version is not overwritten.
 */
export function PropertiesEditor({ vaultId, secret, onSaved, onClose }: Props) {
  const styles = useFormStyles();
  const [initial] = useState(() => draftOf(secret));
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<KluisError>();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const dirty = !sameDraft(draft, initial);
  const tags = tagsFromRows(draft.tags);
  const contentTypeTooLong = draft.contentType.length > MAX_CONTENT_TYPE_LENGTH;
  const notBefore = fromLocalInput(draft.notBefore);
  const expiresOn = fromLocalInput(draft.expiresOn);
  const datesWrong = notBefore !== undefined && expiresOn !== undefined && expiresOn <= notBefore;
  const valid = tags !== undefined && !contentTypeTooLong && !datesWrong;
  // The contract has no way to clear a date yet: an emptied field leaves the saved date as it is.
  const keepsDate = (was: string, now: string) =>
    was && !now ? 'Left empty, the current date stays.' : undefined;
  const nbfNote = keepsDate(initial.notBefore, draft.notBefore);
  const expNote = keepsDate(initial.expiresOn, draft.expiresOn);

  const save = async () => {
    if (!valid || saving) return;
    setSaving(true);
    setError(undefined);
    const result = await kluis().secrets.updateProperties({
      vaultId,
      name: secret.name,
      ...(secret.version ? { version: secret.version, expectedVersion: secret.version } : {}),
      ...(secret.updatedOn !== undefined ? { expectedUpdatedOn: secret.updatedOn } : {}),
      enabled: draft.enabled,
      contentType: draft.contentType.trim(),
      tags,
      ...(notBefore !== undefined ? { notBefore } : {}),
      ...(expiresOn !== undefined ? { expiresOn } : {}),
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
      aria-label={`Edit properties of ${secret.name}`}
      noValidate
    >
      <h2 className={styles.title}>
        Edit properties of <span data-private>{secret.name}</span>
      </h2>
      <Switch
        indicator={{ className: styles.switchIndicator }}
        checked={draft.enabled}
        label={draft.enabled ? 'Enabled' : 'Disabled (the value cannot be read)'}
        onChange={(_, d) => set({ enabled: d.checked })}
      />
      <Field
        label="Content type"
        validationState={contentTypeTooLong ? 'error' : 'none'}
        validationMessage={contentTypeTooLong ? `At most ${MAX_CONTENT_TYPE_LENGTH} characters.` : undefined}
      >
        <Input value={draft.contentType} onChange={(_, d) => set({ contentType: d.value })} />
      </Field>
      <Field label="Not before (activation)" hint={nbfNote}>
        <Input
          type="datetime-local"
          input={NATIVE_PICKER}
          value={draft.notBefore}
          onChange={(_, d) => set({ notBefore: d.value })}
        />
      </Field>
      <Field
        label="Expires"
        validationState={datesWrong ? 'error' : 'none'}
        validationMessage={datesWrong ? 'Expiry must come after activation.' : undefined}
        hint={expNote}
      >
        <Input
          type="datetime-local"
          input={NATIVE_PICKER}
          value={draft.expiresOn}
          onChange={(_, d) => set({ expiresOn: d.value })}
        />
      </Field>
      {/* Tags are masked in privacy mode, as in the list and the details. */}
      <div data-private>
        <TagEditor rows={draft.tags} onChange={(rows) => set({ tags: rows })} disabled={saving} />
      </div>
      {error && <ErrorBanner error={error} />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving || !valid}>
          Save
        </Button>
        <Button onClick={onClose}>Cancel</Button>
        {saving && <Spinner size="tiny" label="Saving…" />}
      </div>
      <DiscardChangesDialog {...keys.discard} />
    </form>
  );
}
