import { useEffect, useRef, useState } from 'react';
import type { BulkProgress } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

/** Follows one bulk job's 'bulk.progress' events (those that arrive before its id is known are kept). */
export function useImportJob() {
  const [progress, setProgress] = useState<BulkProgress>();
  const jobId = useRef<string | undefined>(undefined);
  const early = useRef(new Map<string, BulkProgress>());
  useEffect(
    () =>
      kluis().events.on('bulk.progress', (p) => {
        if (p.jobId === jobId.current) setProgress(p);
        else if (!jobId.current) early.current.set(p.jobId, p);
      }),
    [],
  );
  return {
    progress,
    follow(id: string, total: number) {
      jobId.current = id;
      setProgress(early.current.get(id) ?? { jobId: id, done: 0, total, failed: 0 });
      early.current.clear();
    },
    cancel: async () => {
      if (jobId.current) await kluis().bulk.cancel({ jobId: jobId.current });
    },
  };
}
