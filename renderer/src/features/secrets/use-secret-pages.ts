import { useCallback, useEffect, useState } from 'react';
import type { KluisError, SecretProperties } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

export interface SecretPagesState {
  items: SecretProperties[];
  /** loading: no page yet; more: rows shown, more pages coming; done; failed (rows so far are kept). */
  phase: 'loading' | 'more' | 'done' | 'failed';
  error?: KluisError;
}

const key = (name: string) => name.toLowerCase();
const byName = (a: SecretProperties, b: SecretProperties) => a.name.localeCompare(b.name);

function merge(items: SecretProperties[], incoming: SecretProperties[]): SecretProperties[] {
  const map = new Map(items.map((s) => [key(s.name), s]));
  for (const s of incoming) map.set(key(s.name), s);
  return [...map.values()].sort(byName);
}

/** The vault's secrets, fetched page by page; each page shows as soon as it arrives. */
export function useSecretPages(vaultId: string) {
  const [state, setState] = useState<SecretPagesState>({ items: [], phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    const load = async () => {
      let continuationToken: string | undefined;
      do {
        const result = await kluis().secrets.listPage({ vaultId, continuationToken });
        if (!live) return;
        if (!result.ok) {
          const error = result.error;
          setState((s) => ({ ...s, phase: 'failed', error }));
          return;
        }
        const page = result.value;
        continuationToken = page.continuationToken;
        const phase = continuationToken ? 'more' : 'done';
        setState((s) => ({ items: merge(s.items, page.items), phase }));
      } while (continuationToken);
    };
    void load();
    return () => {
      live = false;
    };
  }, [vaultId, generation]);

  const reload = useCallback(() => {
    setState({ items: [], phase: 'loading' });
    setGeneration((g) => g + 1);
  }, []);
  const upsert = useCallback((secret: SecretProperties) => {
    setState((s) => ({ ...s, items: merge(s.items, [secret]) }));
  }, []);
  const remove = useCallback((name: string) => {
    setState((s) => ({ ...s, items: s.items.filter((item) => key(item.name) !== key(name)) }));
  }, []);

  return { ...state, reload, upsert, remove };
}
