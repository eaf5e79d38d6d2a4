import { useCallback, useEffect, useMemo, useState } from 'react';
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

const sameTags = (a: Record<string, string> = {}, b: Record<string, string> = {}) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Whether a version has the properties the vault's listing gave for the secret (its current version's). */
const matchesListed = (v: SecretProperties, listed: SecretProperties) =>
  v.updatedOn === listed.updatedOn &&
  v.enabled === listed.enabled &&
  v.contentType === listed.contentType &&
  v.expiresOn === listed.expiresOn &&
  v.notBefore === listed.notBefore &&
  sameTags(v.tags, listed.tags);

/**
 * The service keeps creation times in whole seconds, so versions saved within one second tie. Among those tied
 * newest, the one whose properties are the listing's (the current version's) goes first; the order of the others
 * within that second stays the listing's.
 */
export function currentFirst(versions: SecretProperties[], listed?: SecretProperties): SecretProperties[] {
  const newest = versions[0]?.createdOn;
  if (!listed || versions.length < 2 || versions[1]?.createdOn !== newest) return versions;
  const at = versions.findIndex((v) => v.createdOn === newest && matchesListed(v, listed));
  if (at <= 0) return versions;
  return [versions[at]!, ...versions.slice(0, at), ...versions.slice(at + 1)];
}

/**
 * A secret's versions (properties only), newest first; the list gives no version id, this does. `listed`: the
 * secret as the vault's listing gave it, which tells the current version among versions saved in the same second.
 */
export function useVersions(vaultId: string, name: string, listed?: SecretProperties): VersionsState {
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
  const versions = useMemo(() => currentFirst(state.versions, listed), [state.versions, listed]);
  return { ...state, versions, reload };
}
