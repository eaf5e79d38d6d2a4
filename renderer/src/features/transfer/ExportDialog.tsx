import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ExportFormat, ExportResult, KluisError } from '../../../../electron/contract';
import { MIN_BUNDLE_PASSPHRASE_LENGTH } from '../../../../electron/contract/limits';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { plural } from '../bulk/bulk-words';
import { BulkResultsList } from '../bulk/BulkResultsList';
import { useTransferStyles } from './transfer-styles';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  bundle: 'Encrypted Kluis bundle (.kluis): values and properties, sealed with a passphrase',
  env: '.env: NAME=value lines (names with _ for -)',
  json: 'JSON: {"name": "value"}',
  'json-full': 'JSON with properties (content type, tags, dates, enabled)',
  csv: 'CSV: name, value and properties in columns',
};

type Scope = 'selected' | 'shown' | 'all';

interface Props {
  vaultId: string;
  vaultName: string;
  /** The checked rows. */
  selected: string[];
  /** The rows the filter shows, when a filter is on. */
  shown?: string[];
  onClose: () => void;
}

/** Export: which secrets, which format, a passphrase for the bundle or the plain-text warning; main writes the file. */
export function ExportDialog({ vaultId, vaultName, selected, shown, onClose }: Props) {
  const styles = useTransferStyles();
  const [scope, setScope] = useState<Scope>(selected.length > 0 ? 'selected' : shown ? 'shown' : 'all');
  const [format, setFormat] = useState<ExportFormat>('bundle');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [plainConfirmed, setPlainConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KluisError>();
  const [done, setDone] = useState<ExportResult>();

  const bundle = format === 'bundle';
  const tooShort = bundle && passphrase.length > 0 && passphrase.length < MIN_BUNDLE_PASSPHRASE_LENGTH;
  const mismatch = bundle && repeat.length > 0 && repeat !== passphrase;
  const ready = bundle
    ? passphrase.length >= MIN_BUNDLE_PASSPHRASE_LENGTH && repeat === passphrase
    : plainConfirmed;
  const names = scope === 'selected' ? selected : scope === 'shown' ? shown : undefined;

  const run = async () => {
    setBusy(true);
    setError(undefined);
    const result = await kluis().transfer.export({
      vaultId,
      format,
      ...(names ? { names } : {}),
      ...(bundle ? { passphrase } : { plainTextConfirmed: true as const }),
    });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if (result.value.saved) setDone(result.value);
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Export secrets from {vaultName}</DialogTitle>
          <DialogContent className={styles.stack}>
            {done ? (
              <>
                <p role="status">
                  Exported {plural(done.count, 'secret')} to <span data-private>{done.path}</span>.
                  {done.skipped.length > 0
                    ? ` ${plural(done.skipped.length, 'secret')} could not be read:`
                    : ''}
                </p>
                {done.skipped.length > 0 && <BulkResultsList results={done.skipped} doneWord="exported" />}
              </>
            ) : (
              <>
                <Field label="Which secrets">
                  <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as Scope)}>
                    <Radio
                      value="selected"
                      disabled={selected.length === 0}
                      label={
                        selected.length > 0
                          ? `The ${plural(selected.length, 'selected secret')}`
                          : 'Selected secrets (none: check rows in the list first)'
                      }
                    />
                    {shown && (
                      <Radio value="shown" label={`The ${plural(shown.length, 'secret')} the filter shows`} />
                    )}
                    <Radio value="all" label={`Every secret in ${vaultName}`} />
                  </RadioGroup>
                </Field>
                <Field label="Format">
                  <RadioGroup value={format} onChange={(_, d) => setFormat(d.value as ExportFormat)}>
                    {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((f) => (
                      <Radio key={f} value={f} label={FORMAT_LABELS[f]} />
                    ))}
                  </RadioGroup>
                </Field>
                {bundle ? (
                  <div className={styles.row}>
                    <Field
                      className={styles.grow}
                      label="Passphrase"
                      required
                      validationMessage={
                        tooShort ? `At least ${MIN_BUNDLE_PASSPHRASE_LENGTH} characters.` : undefined
                      }
                      hint="Nobody can open the bundle without it, Kluis included: keep it somewhere safe."
                    >
                      <Input
                        type="password"
                        value={passphrase}
                        onChange={(_, d) => setPassphrase(d.value)}
                        autoComplete="new-password"
                      />
                    </Field>
                    <Field
                      className={styles.grow}
                      label="Passphrase again"
                      required
                      validationMessage={mismatch ? 'The two passphrases differ.' : undefined}
                    >
                      <Input
                        type="password"
                        value={repeat}
                        onChange={(_, d) => setRepeat(d.value)}
                        autoComplete="new-password"
                      />
                    </Field>
                  </div>
                ) : (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>Values in plain text</MessageBarTitle>
                      Anyone who can read this file sees every value in it. Kluis writes it readable by you
                      only, but copies, backups and sync folders may not keep it that way. The encrypted
                      bundle does not have this problem.
                      <Checkbox
                        checked={plainConfirmed}
                        onChange={(_, d) => setPlainConfirmed(d.checked === true)}
                        label="I understand: write the values in plain text"
                      />
                    </MessageBarBody>
                  </MessageBar>
                )}
                {error && <ErrorBanner error={error} />}
              </>
            )}
          </DialogContent>
          <DialogActions className={styles.actions}>
            {done ? (
              <Button appearance="primary" onClick={onClose}>
                Close
              </Button>
            ) : (
              <>
                <Button
                  appearance="primary"
                  disabled={!ready || busy}
                  icon={busy ? <Spinner size="tiny" /> : undefined}
                  onClick={() => void run()}
                >
                  {busy ? 'Exporting…' : 'Export…'}
                </Button>
                <Button disabled={busy} onClick={onClose}>
                  Cancel
                </Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
