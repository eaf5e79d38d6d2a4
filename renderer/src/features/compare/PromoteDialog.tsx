import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  ProgressBar,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { ErrorCircle16Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type {
  BulkItemResult,
  BulkWriteMode,
  KluisError,
  PromoteMetadata,
  PromotePlan,
  PromotePlanItem,
} from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { plural } from '../bulk/bulk-words';
import { BulkResultsList } from '../bulk/BulkResultsList';
import { useBulkJob } from '../bulk/use-bulk-job';
import { MODE_LABELS } from './compare-table';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  plan: {
    maxHeight: '280px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    position: 'sticky',
    top: 0,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  td: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    verticalAlign: 'top',
  },
  name: { fontFamily: tokens.fontFamilyMonospace },
  refused: { color: tokens.colorPaletteRedForeground1, display: 'inline-flex', gap: '4px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const dateText = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** What an item writes besides the value, in words. */
function writesText(item: PromotePlanItem): string {
  const w = item.writes ?? {};
  const parts = ['value'];
  if (w.contentType !== undefined) parts.push(`content type ${w.contentType}`);
  if (w.tags !== undefined) {
    const tags = Object.entries(w.tags).map(([k, v]) => `${k}=${v}`);
    parts.push(tags.length > 0 ? `tags ${tags.join(', ')}` : 'no tags');
  }
  if (w.notBefore !== undefined) parts.push(`activation ${dateText(w.notBefore)}`);
  if (w.expiresOn !== undefined) parts.push(`expiry ${dateText(w.expiresOn)}`);
  return parts.join('; ');
}

interface Props {
  compareId: string;
  targetVaultId: string;
  items: Array<{ name: string; mode: BulkWriteMode }>;
  metadata: PromoteMetadata;
  onFinished: (results: BulkItemResult[]) => void;
  onClose: () => void;
}

/** The dry run of a promote (exactly what will be written), then the job with progress and Cancel, then results. */
export function PromoteDialog({ compareId, targetVaultId, items, metadata, onFinished, onClose }: Props) {
  const styles = useStyles();
  const [plan, setPlan] = useState<PromotePlan>();
  const [reviewError, setReviewError] = useState<KluisError>();
  const { state, run, cancel } = useBulkJob(targetVaultId);
  const [cancelling, setCancelling] = useState(false);
  const finished = state.phase === 'finished' ? state.progress : undefined;
  const report = useRef(onFinished);
  useEffect(() => {
    report.current = onFinished;
  });
  useEffect(() => {
    if (finished) report.current(finished.results ?? []);
  }, [finished]);

  useEffect(() => {
    let live = true;
    void kluis()
      .compare.review({ compareId, items, metadata })
      .then((result) => {
        if (!live) return;
        if (result.ok) setPlan(result.value);
        else setReviewError(result.error);
      });
    return () => {
      live = false;
    };
  }, [compareId, items, metadata]);

  const busy = state.phase === 'starting' || state.phase === 'running';
  const apply = () => void run(() => kluis().compare.promote({ compareId, items, metadata }), items.length);
  const refused = plan?.items.filter((i) => i.refused).length ?? 0;

  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface aria-describedby={undefined} style={{ maxWidth: '760px' }}>
        <DialogBody>
          <DialogTitle>
            {!plan
              ? 'Promote: review'
              : finished
                ? `Promoted to ${plan.target.name}`
                : busy
                  ? `Promoting to ${plan.target.name}…`
                  : `Promote to ${plan.target.name}: review`}
          </DialogTitle>
          <DialogContent className={styles.stack}>
            {reviewError && <ErrorBanner error={reviewError} />}
            {!plan && !reviewError && <Spinner size="small" label="Preparing the dry run…" />}
            {plan && state.phase === 'idle' && (
              <>
                <span>
                  Nothing has been written yet. This is exactly what promoting from <b>{plan.source.name}</b>{' '}
                  to <b>{plan.target.name}</b> will write: {plural(plan.writes, 'secret')}
                  {refused > 0 ? `; ${refused} cannot be promoted as chosen (below)` : ''}. Each value is read
                  from {plan.source.name} again when it is written, and not promoted if it changed since the
                  comparison.
                </span>
                <div className={styles.plan}>
                  <table className={styles.table} aria-label="Dry run">
                    <thead>
                      <tr>
                        <th className={styles.th}>Name</th>
                        <th className={styles.th}>Action</th>
                        <th className={styles.th}>Writes</th>
                      </tr>
                    </thead>
                    <tbody>
                      {plan.items.map((item) => (
                        <tr key={item.name} data-testid="plan-row">
                          <td className={`${styles.td} ${styles.name}`} data-private>
                            {item.name}
                          </td>
                          <td className={styles.td}>{MODE_LABELS[item.mode]}</td>
                          <td className={styles.td}>
                            {item.refused ? (
                              <span className={styles.refused}>
                                <ErrorCircle16Regular aria-label="Will not be written" />
                                {item.refused}
                              </span>
                            ) : item.mode === 'skip' ? (
                              <span className={styles.muted}>nothing</span>
                            ) : (
                              <>
                                {writesText(item)}
                                {item.overVersion && (
                                  <span className={styles.muted}>
                                    {' '}
                                    (new version over {item.overVersion.slice(0, 8)}…)
                                  </span>
                                )}
                              </>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {state.phase === 'failed' && <ErrorBanner error={state.error} />}
            {(state.phase === 'starting' || state.phase === 'running') && (
              <div className={styles.stack}>
                <ProgressBar
                  value={state.phase === 'running' ? state.progress.done : 0}
                  max={state.phase === 'running' ? Math.max(1, state.progress.total) : 1}
                  aria-label="Promote progress"
                />
                <span>
                  {state.phase === 'running'
                    ? `${state.progress.done} of ${state.progress.total} done${state.progress.failed ? `, ${state.progress.failed} failed` : ''}`
                    : 'Starting…'}
                </span>
              </div>
            )}
            {finished && (
              <>
                <span role="status">
                  {finished.cancelled ? 'Cancelled. ' : ''}
                  {finished.done - finished.failed} of {finished.total} done
                  {finished.failed ? `, ${finished.failed} failed` : ''}.
                </span>
                <BulkResultsList results={finished.results ?? []} doneWord="Done" />
              </>
            )}
          </DialogContent>
          <DialogActions>
            {state.phase === 'idle' && (
              <>
                <Button onClick={onClose}>Close</Button>
                <Button appearance="primary" disabled={!plan || plan.writes === 0} onClick={apply}>
                  {plan ? `Promote ${plural(plan.writes, 'secret')}` : 'Promote'}
                </Button>
              </>
            )}
            {busy && (
              <Button
                disabled={cancelling}
                onClick={() => {
                  setCancelling(true);
                  void cancel();
                }}
              >
                {cancelling ? 'Cancelling…' : 'Cancel'}
              </Button>
            )}
            {(finished || state.phase === 'failed') && (
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
