import { useCallback, useEffect, useState } from 'react';
import type { KluisError, SecretProperties } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

export interface VersionsState {
  versions: SecretProperties[];
  loading: boolean;
  error?: KluisError;
  /** Loads the versions again (after an edit, a new version or a rollback). */
  reload: () => void;
}

const newestFirst = (a: SecretProperties, b: SecretProperties) => (b.createdOn ?? 0) - (a.createdOn ?? 0);

/** A secret's versions (properties only), newest first; the list gives no version id, this does. */
export function useVersions(vaultId: string, name: string): VersionsState {
  const [state, setState] = useState<Omit<VersionsState, 'reload'>>({ versions: [], loading: true });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const versions: SecretProperties[] = [];
      let continuationToken: string | undefined;
      do {
        const result = await kluis().secrets.listVersionsPage({ vaultId, name, continuationToken });
        if (!live) return;
        if (!result.ok) return setState({ versions, loading: false, error: result.error });
        versions.push(...result.value.items);
        continuationToken = result.value.continuationToken;
      } while (continuationToken);
      setState({ versions: versions.sort(newestFirst), loading: false });
    };
    void load();
    return () => {
      live = false;
    };
  }, [vaultId, name, generation]);
  return { ...state, reload };
}
