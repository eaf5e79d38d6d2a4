import { useEffect, useRef, useState } from 'react';
import type { CompareProgress, CompareRow, KluisError } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

export interface CompareState {
  compareId?: string;
  vaultA?: string;
  vaultB?: string;
  rows: Map<string, CompareRow>;
  running: boolean;
  decided: number;
  total: number;
  done: boolean;
  cancelled: boolean;
  error?: KluisError;
  warnings: string[];
}

const EMPTY: CompareState = {
  rows: new Map(),
  running: false,
  decided: 0,
  total: 0,
  done: false,
  cancelled: false,
  warnings: [],
};

/**
 * Runs one comparison at a time in main and gathers its rows from 'compare.progress'. Starting another, or
 * leaving the view, closes the last one (main forgets its key and what it compared).
 */
export function useCompare() {
  const [state, setState] = useState<CompareState>(EMPTY);
  const current = useRef<string | undefined>(undefined);
  const early = useRef<CompareProgress[]>([]);

  useEffect(() => {
    const apply = (p: CompareProgress) =>
      setState((s) => {
        const rows = new Map(s.rows);
        for (const r of p.rows) rows.set(r.name, r);
        return {
          ...s,
          rows,
          decided: p.decided,
          total: p.total,
          running: !p.done,
          done: p.done === true,
          cancelled: p.cancelled === true,
          ...(p.error ? { error: p.error } : {}),
          warnings: p.warnings ?? s.warnings,
        };
      });
    const off = kluis().events.on('compare.progress', (p) => {
      if (p.compareId === current.current) apply(p);
      else if (!current.current) early.current.push(p);
    });
    return () => {
      off();
      if (current.current) void kluis().compare.close({ compareId: current.current });
    };
  }, []);

  const start = async (vaultA: string, vaultB: string, filter: string) => {
    const previous = current.current;
    current.current = undefined;
    early.current = [];
    if (previous) void kluis().compare.close({ compareId: previous });
    setState({ ...EMPTY, rows: new Map(), running: true, vaultA, vaultB });
    const result = await kluis().compare.start({ vaultA, vaultB, ...(filter.trim() ? { filter } : {}) });
    if (!result.ok) {
      setState({ ...EMPTY, rows: new Map(), error: result.error });
      return;
    }
    const { compareId } = result.value;
    current.current = compareId;
    const seen = early.current.filter((p) => p.compareId === compareId);
    early.current = [];
    setState((s) => {
      const rows = new Map(s.rows);
      let next: CompareState = { ...s, compareId, rows };
      for (const p of seen) {
        for (const r of p.rows) rows.set(r.name, r);
        next = {
          ...next,
          decided: p.decided,
          total: p.total,
          running: !p.done,
          done: p.done === true,
          cancelled: p.cancelled === true,
          ...(p.error ? { error: p.error } : {}),
          warnings: p.warnings ?? next.warnings,
        };
      }
      return next;
    });
  };

  const cancel = async () => {
    if (current.current) await kluis().compare.cancel({ compareId: current.current });
  };

  return { state, start, cancel };
}
