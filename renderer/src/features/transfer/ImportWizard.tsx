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
  mergeClasses,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  ImportConflictRule,
  ImportDiff,
  ImportPreview,
  KluisError,
} from '../../../../electron/contract';
import { SECRET_NAME_PATTERN } from '../../../../electron/contract/limits';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { plural } from '../bulk/bulk-words';
import { BulkResultsList } from '../bulk/BulkResultsList';
import { DiffTable, STATUS_WORDS } from './DiffTable';
import { useTransferStyles } from './transfer-styles';
import { useImportJob } from './use-import-job';

type Step = 'file' | 'passphrase' | 'mapping' | 'review' | 'applying';

interface Props {
  vaultId: string;
  vaultName: string;
  /** The import wrote something: the list should be read again. */
  onImported: () => void;
  onClose: () => void;
}

/** What the renderer can tell about a name before main checks it (the pattern, and the same name twice). */
function localProblems(names: string[]): Array<string | undefined> {
  const first = new Map<string, number>();
  return names.map((name, i) => {
    if (!SECRET_NAME_PATTERN.test(name)) return 'Letters, digits and dashes only, 1-127.';
    const key = name.toLowerCase();
    const earlier = first.get(key);
    if (earlier !== undefined) return `Same name as row ${earlier + 1}.`;
    first.set(key, i);
    return undefined;
  });
}

/**
 * Import: choose a file (main's open dialog and parser), unlock a bundle, map keys to secret names, review the dry
 * run against the vault, choose the conflict rule, and apply as a bulk job with progress, Cancel and per-item
 * results. Values stay in main; what the user typed is kept when a step fails.
 */
export function ImportWizard({ vaultId, vaultName, onImported, onClose }: Props) {
  const styles = useTransferStyles();
  const [step, setStep] = useState<Step>('file');
  const [preview, setPreview] = useState<ImportPreview>();
  const [passphrase, setPassphrase] = useState('');
  const [names, setNames] = useState<string[]>([]);
  const [diff, setDiff] = useState<ImportDiff>();
  const [conflict, setConflict] = useState<ImportConflictRule>('skip');
  const [recover, setRecover] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KluisError>();
  const [cancelling, setCancelling] = useState(false);
  const job = useImportJob();
  const finished = job.progress?.results !== undefined;
  const importId = useRef<string | undefined>(undefined);
  const applied = useRef(false);

  // An import left open holds its values in main: drop them when the wizard closes before applying.
  useEffect(
    () => () => {
      if (importId.current && !applied.current)
        void kluis().transfer.importDiscard({ importId: importId.current });
    },
    [],
  );
  useEffect(() => {
    if (finished) onImported();
  }, [finished, onImported]);

  const problems = useMemo(() => localProblems(names), [names]);
  const call = async <T,>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: KluisError }>) => {
    setBusy(true);
    setError(undefined);
    const result = await run();
    setBusy(false);
    if (!result.ok) {
      if (result.error.kind !== 'cancelled') setError(result.error);
      return undefined;
    }
    return result.value;
  };

  const opened = (p: ImportPreview) => {
    setPreview(p);
    importId.current = p.importId;
    if (p.needsPassphrase) return setStep('passphrase');
    setNames(p.rows.map((r) => r.name));
    setStep('mapping');
  };
  const chooseFile = async () => {
    if (importId.current) void kluis().transfer.importDiscard({ importId: importId.current });
    importId.current = undefined;
    const p = await call(() => kluis().transfer.importOpen({ vaultId }));
    if (p) opened(p);
  };
  const unlock = async () => {
    if (!preview) return;
    const p = await call(() => kluis().transfer.importUnlock({ importId: preview.importId, passphrase }));
    // A damaged bundle cannot be opened with any passphrase: its message says to choose the file again.
    if (p) opened(p);
  };
  const compare = async () => {
    if (!preview) return;
    const d = await call(() => kluis().transfer.importDiff({ importId: preview.importId, names }));
    if (d) {
      setDiff(d);
      setStep('review');
    }
  };
  const apply = async () => {
    if (!preview) return;
    const started = await call(() =>
      kluis().transfer.importApply({
        importId: preview.importId,
        conflict,
        deleted: recover ? 'recover' : 'skip',
      }),
    );
    if (started) {
      applied.current = true;
      job.follow(started.jobId, started.total);
      setStep('applying');
    }
  };

  const counts = diff?.counts;
  const writes =
    (counts?.new ?? 0) +
    (conflict === 'new-version' ? (counts?.changed ?? 0) : 0) +
    (recover ? (counts?.deleted ?? 0) : 0);
  const running = step === 'applying' && !finished;

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && !busy && !running && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>
            Import secrets into {vaultName}
            {preview ? <span className={styles.muted}> from {preview.fileName}</span> : null}
          </DialogTitle>
          <DialogContent className={styles.stack}>
            {step === 'file' && (
              <p>
                Choose a .env, JSON or CSV file, or a Kluis bundle. Kluis reads it here on your computer and
                shows what would change in {vaultName} before anything is written.
              </p>
            )}
            {step === 'passphrase' && (
              <Field label="The bundle’s passphrase" required>
                <Input
                  type="password"
                  value={passphrase}
                  autoFocus
                  onChange={(_, d) => setPassphrase(d.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && passphrase) void unlock();
                  }}
                />
              </Field>
            )}
            {step === 'mapping' && preview && (
              <>
                <p>
                  {plural(preview.rows.length, 'row')} read. Each becomes the secret named on the right;
                  change a name where the suggestion is not what you want.
                </p>
                <div className={styles.tableWrap}>
                  <table className={styles.table} aria-label="Name mapping">
                    <thead>
                      <tr>
                        <th>Line</th>
                        <th>In the file</th>
                        <th>Secret name</th>
                        <th>Note</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.rows.map((r, i) => {
                        const problem = r.problem ?? problems[i];
                        return (
                          <tr key={r.row}>
                            <td>{r.line || '–'}</td>
                            <td className={styles.mono} data-private>
                              {r.key}
                            </td>
                            <td>
                              <input
                                className={mergeClasses(styles.nameInput, problems[i] && styles.nameInvalid)}
                                aria-label={`Secret name for ${r.key}`}
                                aria-invalid={problems[i] !== undefined}
                                value={names[i] ?? ''}
                                spellCheck={false}
                                data-private
                                onChange={(e) => {
                                  const next = e.target.value;
                                  setNames((all) => all.map((n, j) => (j === i ? next : n)));
                                }}
                              />
                            </td>
                            <td className={problem ? styles.problem : styles.muted}>
                              {problem ?? (r.hasProperties ? 'with properties' : '')}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {step === 'review' && diff && (
              <>
                <div className={styles.counts} role="status">
                  {(Object.keys(STATUS_WORDS) as Array<keyof typeof STATUS_WORDS>).map((s) => (
                    <span key={s}>
                      {STATUS_WORDS[s]}: <strong>{diff.counts[s].toLocaleString()}</strong>
                    </span>
                  ))}
                </div>
                <DiffTable rows={diff.rows} />
                <Field label="Secrets that exist with another value or other properties">
                  <RadioGroup
                    value={conflict}
                    onChange={(_, d) => setConflict(d.value as ImportConflictRule)}
                  >
                    <Radio value="skip" label="Skip them: leave them as they are" />
                    <Radio value="new-version" label="Write the file’s value as a new version" />
                    <Radio value="stop" label="Stop: import nothing while any of them differs" />
                  </RadioGroup>
                </Field>
                {diff.counts.deleted > 0 && (
                  <Checkbox
                    checked={recover}
                    onChange={(_, d) => setRecover(d.checked === true)}
                    label={`Recover the ${plural(diff.counts.deleted, 'deleted secret')} holding these names and write the file’s value as a new version (otherwise they are skipped)`}
                  />
                )}
                {diff.counts.invalid > 0 && (
                  <p className={styles.muted}>
                    {plural(diff.counts.invalid, 'invalid row')} will not be imported; go back to change a
                    name.
                  </p>
                )}
              </>
            )}
            {step === 'applying' && job.progress && (
              <>
                {!finished && (
                  <Field
                    validationState="none"
                    validationMessage={`Importing… ${job.progress.done.toLocaleString()} of ${job.progress.total.toLocaleString()}${job.progress.failed ? `, ${job.progress.failed} failed` : ''}`}
                  >
                    <ProgressBar
                      aria-label="Importing secrets"
                      value={job.progress.done}
                      max={Math.max(1, job.progress.total)}
                    />
                  </Field>
                )}
                {finished && (
                  <>
                    <p role="status">
                      {plural(job.progress.done - job.progress.failed, 'row')} done
                      {job.progress.failed > 0 ? `, ${job.progress.failed} failed` : ''}
                      {job.progress.cancelled
                        ? `; cancelled, ${(job.progress.total - job.progress.done).toLocaleString()} not started`
                        : ''}
                      .
                    </p>
                    <BulkResultsList results={job.progress.results ?? []} doneWord="imported" />
                  </>
                )}
              </>
            )}
            {error && <ErrorBanner error={error} />}
          </DialogContent>
          <DialogActions className={styles.actions}>
            {step === 'file' && (
              <Button appearance="primary" disabled={busy} onClick={() => void chooseFile()}>
                {busy ? 'Reading…' : 'Choose file…'}
              </Button>
            )}
            {step === 'passphrase' && (
              <>
                <Button
                  appearance="primary"
                  disabled={busy || passphrase === ''}
                  onClick={() => void unlock()}
                >
                  {busy ? 'Opening…' : 'Open bundle'}
                </Button>
                <Button disabled={busy} onClick={() => void chooseFile()}>
                  Choose another file…
                </Button>
              </>
            )}
            {step === 'mapping' && (
              <>
                <Button
                  appearance="primary"
                  disabled={busy || names.length === 0}
                  icon={busy ? <Spinner size="tiny" /> : undefined}
                  onClick={() => void compare()}
                >
                  {busy ? 'Comparing…' : `Compare with ${vaultName}`}
                </Button>
                <Button disabled={busy} onClick={() => void chooseFile()}>
                  Choose another file…
                </Button>
              </>
            )}
            {step === 'review' && (
              <>
                <Button appearance="primary" disabled={busy || writes === 0} onClick={() => void apply()}>
                  {busy ? 'Starting…' : `Import ${plural(writes, 'secret')}`}
                </Button>
                <Button disabled={busy} onClick={() => setStep('mapping')}>
                  Back to names
                </Button>
              </>
            )}
            {running && (
              <Button
                disabled={cancelling}
                onClick={() => {
                  setCancelling(true);
                  void job.cancel();
                }}
              >
                {cancelling ? 'Cancelling…' : 'Cancel'}
              </Button>
            )}
            {step === 'applying' && finished ? (
              <Button appearance="primary" onClick={onClose}>
                Close
              </Button>
            ) : (
              !running && (
                <Button disabled={busy} onClick={onClose}>
                  Cancel
                </Button>
              )
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
