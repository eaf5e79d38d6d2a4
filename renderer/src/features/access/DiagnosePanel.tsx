import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import {
  CheckmarkCircle20Filled,
  DismissCircle20Filled,
  SubtractCircle20Regular,
} from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { DiagnoseStep, KluisError, VaultConfig } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { AccessDetails } from './AccessDetails';
import { CopyCommand } from './CopyCommand';
import { SignInToTenant } from './SignInToTenant';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: '100%' },
  steps: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  step: {
    display: 'grid',
    gridTemplateColumns: '24px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
  title: { fontWeight: tokens.fontWeightSemibold },
  status: { fontSize: tokens.fontSizeBase200 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForeground3 },
  detail: {
    gridColumn: 2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  fix: { fontWeight: tokens.fontWeightSemibold },
  pending: { color: tokens.colorNeutralForeground3 },
});

const TITLES: Record<DiagnoseStep['step'], string> = {
  dns: 'DNS',
  tls: 'TLS certificate',
  challenge: 'Sign-in challenge',
  token: 'Token for the vault',
  list: 'List permission',
  get: 'Get permission',
};
/** The checks in the order main runs them (contract/access.ts DIAGNOSE_STEPS). */
const DIAGNOSE_STEPS = Object.keys(TITLES) as Array<DiagnoseStep['step']>;
const WORD = { ok: 'OK', failed: 'Failed', skipped: 'Skipped' } as const;

/** vaults.diagnose for one vault: each check appears as it completes ('vaults.diagnoseStep'), in order. */
export function DiagnosePanel({ vault, onClose }: { vault: VaultConfig; onClose: () => void }) {
  const styles = useStyles();
  const [steps, setSteps] = useState<DiagnoseStep[]>([]);
  const [running, setRunning] = useState(true);
  const [error, setError] = useState<KluisError>();
  const [round, setRound] = useState(0);

  // One run per round: steps arrive as events while it runs, then the result repeats them all.
  useEffect(() => {
    const runId = crypto.randomUUID();
    let live = true;
    const off = kluis().events.on('vaults.diagnoseStep', (step) => {
      if (live && step.runId === runId)
        setSteps((s) => (s.some((x) => x.step === step.step) ? s : [...s, step]));
    });
    void kluis()
      .vaults.diagnose({ vaultId: vault.id, runId })
      .then((result) => {
        off();
        if (!live) return;
        setRunning(false);
        if (result.ok) setSteps(result.value.steps);
        else setError(result.error);
      });
    return () => {
      live = false;
      off();
    };
  }, [vault.id, round]);

  const run = () => {
    setSteps([]);
    setError(undefined);
    setRunning(true);
    setRound((r) => r + 1);
  };

  const icon = (s: DiagnoseStep['status']) =>
    s === 'ok' ? (
      <CheckmarkCircle20Filled className={styles.ok} />
    ) : s === 'failed' ? (
      <DismissCircle20Filled className={styles.failed} />
    ) : (
      <SubtractCircle20Regular className={styles.skipped} />
    );

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface} aria-label={`Diagnose ${vault.displayName}`}>
        <DialogBody>
          <DialogTitle>Diagnose access: {vault.displayName}</DialogTitle>
          <DialogContent>
            {error && <ErrorBanner error={error} onRetry={run} />}
            <ol className={styles.steps} aria-label="Checks" aria-busy={running}>
              {DIAGNOSE_STEPS.map((id) => {
                const step = steps.find((s) => s.step === id);
                if (!step) {
                  return (
                    <li key={id} className={styles.step} data-step={id} data-status="pending">
                      {running && steps.length === DIAGNOSE_STEPS.indexOf(id) ? (
                        <Spinner size="extra-tiny" />
                      ) : (
                        <span />
                      )}
                      <span className={styles.pending}>{TITLES[id]}</span>
                    </li>
                  );
                }
                return (
                  <li key={id} className={styles.step} data-step={id} data-status={step.status}>
                    {icon(step.status)}
                    <div className={styles.head}>
                      <span className={styles.title}>{TITLES[id]}</span>
                      <span className={mergeStatus(styles, step.status)}>{WORD[step.status]}</span>
                    </div>
                    <div className={styles.detail}>
                      <span>{step.detail}</span>
                      {step.fix && <span className={styles.fix}>{step.fix}</span>}
                      {step.access ? (
                        <AccessDetails access={step.access} />
                      ) : (
                        step.command && <CopyCommand command={step.command} />
                      )}
                      {step.access?.model === 'tenant' && step.access.vaultTenant && (
                        <div>
                          <SignInToTenant
                            vault={vault}
                            tenant={step.access.vaultTenant}
                            onDone={run}
                            onError={setError}
                          />
                        </div>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          </DialogContent>
          <DialogActions>
            <Button disabled={running} onClick={run}>
              Run again
            </Button>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function mergeStatus(styles: ReturnType<typeof useStyles>, s: DiagnoseStep['status']): string {
  return `${styles.status} ${styles[s]}`;
}
