import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { BulkAction, BulkItemResult } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { BULK_WORDS, plural, purgeConfirmed } from './bulk-words';
import { BulkResultsList } from './BulkResultsList';
import { useBulkJob } from './use-bulk-job';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

interface Props {
  vaultId: string;
  action: BulkAction;
  names: string[];
  /** Say what the action means here (e.g. purge protection, recoverable days). */
  explanation: string;
  /** Called once the job ended, with every item's outcome, so the list can update. */
  onFinished: (results: BulkItemResult[]) => void;
  onClose: () => void;
}

/** Confirm, then run one bulk job with a progress bar and Cancel, then the per-item results. */
export function BulkActionDialog({ vaultId, action, names, explanation, onFinished, onClose }: Props) {
  const styles = useStyles();
  const words = BULK_WORDS[action];
  const { state, start, cancel } = useBulkJob(vaultId);
  const [typed, setTyped] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const finished = state.phase === 'finished' ? state.progress : undefined;
  const report = useRef(onFinished);
  useEffect(() => {
    report.current = onFinished;
  });
  useEffect(() => {
    if (finished) report.current(finished.results ?? []);
  }, [finished]);

  const busy = state.phase === 'starting' || state.phase === 'running';
  const canConfirm = action !== 'purge' || purgeConfirmed(typed, names.length);
  const title = `${words.verb} ${plural(names.length, 'secret')}`;

  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.stack}>
            {(state.phase === 'idle' || state.phase === 'failed') && (
              <>
                <p>{explanation}</p>
                {action === 'purge' && (
                  <Field label={`Type ${names.length} or "purge" to confirm`}>
                    <Input value={typed} onChange={(_, d) => setTyped(d.value)} autoFocus />
                  </Field>
                )}
                {state.phase === 'failed' && <ErrorBanner error={state.error} />}
              </>
            )}
            {busy && (
              <Field
                validationState="none"
                validationMessage={
                  state.phase === 'running'
                    ? `${words.doing}… ${state.progress.done.toLocaleString()} of ${state.progress.total.toLocaleString()}${state.progress.failed ? `, ${state.progress.failed} failed` : ''}`
                    : `${words.doing}…`
                }
              >
                <ProgressBar
                  aria-label={`${words.doing} secrets`}
                  value={state.phase === 'running' ? state.progress.done : 0}
                  max={state.phase === 'running' ? Math.max(1, state.progress.total) : names.length}
                />
              </Field>
            )}
            {state.phase === 'finished' && (
              <>
                <p role="status">
                  {plural(state.progress.done - state.progress.failed, 'secret')} {words.done}
                  {state.progress.failed > 0 ? `, ${state.progress.failed} failed` : ''}
                  {state.progress.cancelled
                    ? `; cancelled, ${(state.progress.total - state.progress.done).toLocaleString()} not started`
                    : ''}
                  .
                </p>
                <BulkResultsList results={state.progress.results ?? []} doneWord={words.done} />
              </>
            )}
          </DialogContent>
          <DialogActions>
            {(state.phase === 'idle' || state.phase === 'failed') && (
              <>
                <Button appearance="primary" disabled={!canConfirm} onClick={() => void start(action, names)}>
                  {words.verb}
                </Button>
                <Button onClick={onClose}>Cancel</Button>
              </>
            )}
            {busy && (
              <Button
                disabled={cancelling || state.phase === 'starting'}
                onClick={() => {
                  setCancelling(true);
                  void cancel();
                }}
              >
                {cancelling ? 'Cancelling…' : 'Cancel'}
              </Button>
            )}
            {state.phase === 'finished' && (
              <Button appearance="primary" onClick={onClose}>
                Close
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
