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
import type { BulkAction, BulkProgress, KluisError } from '../../../../electron/contract';
import { DAY_MS } from '../../../../electron/contract/secret-classes';
import { MAX_CONTENT_TYPE_LENGTH, MAX_EXTEND_DAYS } from '../../../../electron/contract/limits';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { useNow } from '../../lib/use-now';
import { BULK_WORDS, plural } from '../bulk/bulk-words';
import { BulkResultsList } from '../bulk/BulkResultsList';
import type { IndexedSecret } from './index-store';

/** The bulk fixes the dashboard offers; all of them PATCH properties, none creates a new version. */
export const DASHBOARD_FIXES = [
  'extend-expiry',
  'set-expiry',
  'set-content-type',
  'enable',
  'disable',
] as const;
export type DashboardFix = (typeof DASHBOARD_FIXES)[number];

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

interface ItemResult {
  vaultName: string;
  name: string;
  ok: boolean;
  error?: string;
}

type Phase =
  | { phase: 'form'; error?: KluisError }
  | { phase: 'running'; done: number; failed: number }
  | { phase: 'finished'; results: ItemResult[]; cancelled: boolean; notStarted: number };

/** yyyy-mm-dd in the user's time zone, for a date input. */
const dateInput = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

interface Props {
  action: DashboardFix;
  items: readonly IndexedSecret[];
  onClose: () => void;
  /** The job ended (finished or cancelled): the dashboard lists the vaults anew. */
  onFinished: () => void;
}

/**
 * A bulk fix over secrets of several vaults: one bulk job per vault (each under its vault's rate limits), one
 * progress bar over them all, Cancel for all, and the per-item results naming vault and secret.
 */
export function DashboardBulkDialog({ action, items, onClose, onFinished }: Props) {
  const styles = useStyles();
  const words = BULK_WORDS[action as BulkAction];
  const [days, setDays] = useState('90');
  const [date, setDate] = useState(() => dateInput(Date.now() + 365 * DAY_MS));
  const [contentType, setContentType] = useState('');
  const [state, setState] = useState<Phase>({ phase: 'form' });
  const now = useNow();
  const [cancelling, setCancelling] = useState(false);
  const jobs = useRef(new Map<string, { vaultName: string; progress?: BulkProgress }>());
  const early = useRef(new Map<string, BulkProgress>());
  /** Jobs are still being started: none may count as the last one yet. */
  const starting = useRef(false);
  const finishedRef = useRef(onFinished);
  useEffect(() => {
    finishedRef.current = onFinished;
  });

  const daysValue = Number(days);
  const daysValid = Number.isInteger(daysValue) && daysValue >= 1 && daysValue <= MAX_EXTEND_DAYS;
  // The end of the chosen day in the user's time zone.
  const dateValue = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T23:59:59`).getTime() : NaN;
  const dateValid = Number.isFinite(dateValue) && dateValue > now;
  const typeValid = contentType.length <= MAX_CONTENT_TYPE_LENGTH;
  const valid =
    action === 'extend-expiry'
      ? daysValid
      : action === 'set-expiry'
        ? dateValid
        : action === 'set-content-type'
          ? typeValid
          : true;

  const update = () => {
    const all = [...jobs.current.values()];
    const done = all.reduce((n, j) => n + (j.progress?.done ?? 0), 0);
    const failed = all.reduce((n, j) => n + (j.progress?.failed ?? 0), 0);
    if (!starting.current && all.length > 0 && all.every((j) => j.progress?.results)) {
      const results = all.flatMap((j) =>
        (j.progress?.results ?? []).map((r) => ({ vaultName: j.vaultName, ...r })),
      );
      setState({
        phase: 'finished',
        results,
        cancelled: all.some((j) => j.progress?.cancelled),
        notStarted: items.length - results.length,
      });
      finishedRef.current();
    } else setState({ phase: 'running', done, failed });
  };

  useEffect(
    () =>
      kluis().events.on('bulk.progress', (p) => {
        const job = jobs.current.get(p.jobId);
        if (!job) {
          early.current.set(p.jobId, p);
          return;
        }
        job.progress = p;
        update();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const start = async () => {
    setState({ phase: 'running', done: 0, failed: 0 });
    starting.current = true;
    const byVault = new Map<string, IndexedSecret[]>();
    for (const s of items) byVault.set(s.vaultId, [...(byVault.get(s.vaultId) ?? []), s]);
    for (const [vaultId, secrets] of byVault) {
      const result = await kluis().bulk.start({
        vaultId,
        action,
        names: secrets.map((s) => s.name),
        ...(action === 'extend-expiry'
          ? {
              extendDays: daysValue,
              seen: Object.fromEntries(
                secrets.map((s) => [
                  s.name,
                  {
                    ...(s.expiresOn !== undefined ? { expiresOn: s.expiresOn } : {}),
                    ...(s.updatedOn !== undefined ? { updatedOn: s.updatedOn } : {}),
                  },
                ]),
              ),
            }
          : {}),
        ...(action === 'set-expiry' ? { expiresOn: dateValue } : {}),
        ...(action === 'set-content-type' ? { contentType } : {}),
      });
      if (!result.ok) {
        if (jobs.current.size === 0) {
          starting.current = false;
          setState({ phase: 'form', error: result.error });
          return;
        }
        continue;
      }
      const job = {
        vaultName: secrets[0]?.vaultName ?? vaultId,
        progress: early.current.get(result.value.jobId),
      };
      jobs.current.set(result.value.jobId, job);
    }
    starting.current = false;
    update();
  };

  const cancel = async () => {
    setCancelling(true);
    for (const jobId of jobs.current.keys()) await kluis().bulk.cancel({ jobId });
  };

  const busy = state.phase === 'running';
  const vaultCount = new Set(items.map((s) => s.vaultId)).size;
  const title = `${words.verb} ${plural(items.length, 'secret')}${vaultCount > 1 ? ` in ${vaultCount} vaults` : ''}`;

  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.stack}>
            {state.phase === 'form' && (
              <>
                <p>Changes properties only: no new version is created, and no value is read.</p>
                {action === 'extend-expiry' && (
                  <Field
                    label="Extend by (days)"
                    hint="From each secret's expiry; from today where it has none or it has passed."
                    validationMessage={daysValid ? undefined : `Give 1 to ${MAX_EXTEND_DAYS} days.`}
                  >
                    <Input type="number" value={days} onChange={(_, d) => setDays(d.value)} autoFocus />
                  </Field>
                )}
                {action === 'set-expiry' && (
                  <Field
                    label="New expiry date"
                    validationMessage={dateValid ? undefined : 'Choose a date after today.'}
                  >
                    <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} autoFocus />
                  </Field>
                )}
                {action === 'set-content-type' && (
                  <Field
                    label="Content type"
                    hint="Empty clears it."
                    validationMessage={
                      typeValid ? undefined : `At most ${MAX_CONTENT_TYPE_LENGTH} characters.`
                    }
                  >
                    <Input value={contentType} onChange={(_, d) => setContentType(d.value)} autoFocus />
                  </Field>
                )}
                {state.error && <ErrorBanner error={state.error} />}
              </>
            )}
            {busy && (
              <Field
                validationState="none"
                validationMessage={`${words.doing}… ${state.done.toLocaleString()} of ${items.length.toLocaleString()}${state.failed ? `, ${state.failed} failed` : ''}`}
              >
                <ProgressBar
                  aria-label={`${words.doing} secrets`}
                  value={state.done}
                  max={Math.max(1, items.length)}
                />
              </Field>
            )}
            {state.phase === 'finished' && (
              <>
                <p role="status">
                  {plural(state.results.filter((r) => r.ok).length, 'secret')}: {words.done}
                  {state.results.some((r) => !r.ok)
                    ? `, ${state.results.filter((r) => !r.ok).length} failed`
                    : ''}
                  {state.cancelled ? `; cancelled, ${state.notStarted.toLocaleString()} not started` : ''}.
                </p>
                <BulkResultsList results={state.results} doneWord={words.done} />
              </>
            )}
          </DialogContent>
          <DialogActions>
            {state.phase === 'form' && (
              <>
                <Button appearance="primary" disabled={!valid} onClick={() => void start()}>
                  {BULK_WORDS[action as BulkAction].verb.split(' ')[0]} {plural(items.length, 'secret')}
                </Button>
                <Button onClick={onClose}>Cancel</Button>
              </>
            )}
            {busy && (
              <Button disabled={cancelling} onClick={() => void cancel()}>
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
