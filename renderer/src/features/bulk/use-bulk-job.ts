import { useEffect, useRef, useState } from 'react';
import type { BulkAction, BulkProgress, KluisError, Result } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

export type BulkJobState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; jobId: string; progress: BulkProgress }
  | { phase: 'finished'; progress: BulkProgress }
  | { phase: 'failed'; error: KluisError };

/**
 * Starts a bulk job in main and follows its 'bulk.progress' events until the final one. `start` runs bulk.start;
 * `run` any operation that answers a bulk job's id (a write job: compare.promote, an import).
 */
export function useBulkJob(vaultId: string) {
  const [state, setState] = useState<BulkJobState>({ phase: 'idle' });
  const jobId = useRef<string | undefined>(undefined);
  // Events can arrive before bulk.start answers with the job id: keep the latest per job until then.
  const early = useRef(new Map<string, BulkProgress>());

  useEffect(() => {
    const apply = (p: BulkProgress) =>
      setState(
        p.results ? { phase: 'finished', progress: p } : { phase: 'running', jobId: p.jobId, progress: p },
      );
    return kluis().events.on('bulk.progress', (p) => {
      if (p.jobId === jobId.current) apply(p);
      else if (!jobId.current) early.current.set(p.jobId, p);
    });
  }, []);

  const run = async (begin: () => Promise<Result<{ jobId: string }>>, total: number) => {
    setState({ phase: 'starting' });
    const result = await begin();
    if (!result.ok) {
      setState({ phase: 'failed', error: result.error });
      return;
    }
    jobId.current = result.value.jobId;
    const seen = early.current.get(result.value.jobId);
    early.current.clear();
    const first = seen ?? { jobId: result.value.jobId, done: 0, total, failed: 0 };
    setState((s) =>
      s.phase === 'finished'
        ? s
        : first.results
          ? { phase: 'finished', progress: first }
          : { phase: 'running', jobId: first.jobId, progress: first },
    );
  };

  const start = (action: BulkAction, names: string[]) =>
    run(() => kluis().bulk.start({ vaultId, action, names }), names.length);

  const cancel = async () => {
    if (jobId.current) await kluis().bulk.cancel({ jobId: jobId.current });
  };

  return { state, start, run, cancel };
}
