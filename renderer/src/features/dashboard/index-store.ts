import { useEffect, useSyncExternalStore } from 'react';
import type { IndexPage, KluisError, SecretProperties, VaultConfig } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

/** A secret of some vault, as the dashboard and the search across vaults show it. */
export interface IndexedSecret extends SecretProperties {
  vaultId: string;
  vaultName: string;
}

export interface VaultIndexState {
  vaultId: string;
  vaultName: string;
  items: IndexedSecret[];
  /** Its last page (or its error) has arrived. */
  done: boolean;
  error?: KluisError;
}

export interface IndexSnapshot {
  buildId?: string;
  vaults: VaultIndexState[];
  /** Every vault's secrets together, in arrival order; a new array whenever a page arrives. */
  items: IndexedSecret[];
  /** When the build started (ms); undefined before the first. */
  startedAt?: number;
  /** Every vault has answered. */
  complete: boolean;
  /** The build itself could not start. */
  error?: KluisError;
}

/** A build younger than this is shown again as it is when a view opens; Refresh always builds anew. */
const FRESH_MS = 60_000;

let snapshot: IndexSnapshot = { vaults: [], items: [], complete: false };
const listeners = new Set<() => void>();
let unsubscribe: (() => void) | undefined;

function publish(next: IndexSnapshot): void {
  snapshot = next;
  for (const l of listeners) l();
}

function onPage(page: IndexPage): void {
  if (page.buildId !== snapshot.buildId) return;
  const vaults = snapshot.vaults.map((v) => {
    if (v.vaultId !== page.vaultId) return v;
    const added = page.items.map((s) => ({ ...s, vaultId: v.vaultId, vaultName: v.vaultName }));
    return {
      ...v,
      items: added.length > 0 ? [...v.items, ...added] : v.items,
      done: page.done,
      ...(page.error ? { error: page.error } : {}),
    };
  });
  const added = vaults.find((v) => v.vaultId === page.vaultId);
  const items =
    page.items.length > 0 && added
      ? [...snapshot.items, ...added.items.slice(-page.items.length)]
      : snapshot.items;
  publish({ ...snapshot, vaults, items, complete: vaults.every((v) => v.done) });
}

/** Starts a build over the given vaults; pages stream into the snapshot as each vault answers. */
export function buildIndex(vaults: readonly VaultConfig[], fresh = false): void {
  unsubscribe ??= kluis().events.on('index.page', onPage);
  const buildId = crypto.randomUUID();
  publish({
    buildId,
    vaults: vaults.map((v) => ({ vaultId: v.id, vaultName: v.displayName, items: [], done: false })),
    items: [],
    startedAt: Date.now(),
    complete: vaults.length === 0,
  });
  void kluis()
    .index.build({ buildId, vaultIds: vaults.map((v) => v.id), ...(fresh ? { fresh } : {}) })
    .then((result) => {
      if (!result.ok && snapshot.buildId === buildId)
        publish({ ...snapshot, complete: true, error: result.error });
    });
}

const sameVaults = (a: readonly VaultIndexState[], b: readonly VaultConfig[]) =>
  a.length === b.length && a.every((v, i) => v.vaultId === b[i]?.id && v.vaultName === b[i]?.displayName);

/**
 * The property index of every connected vault, shared by the dashboard and the search: a view that opens shows
 * the current build, and starts one when there is none, it is older than a minute, or the vaults changed.
 */
export function usePropertyIndex(vaults: readonly VaultConfig[]): IndexSnapshot & { refresh: () => void } {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
  useEffect(() => {
    const stale = !snapshot.startedAt || Date.now() - snapshot.startedAt > FRESH_MS;
    if (stale || !sameVaults(snapshot.vaults, vaults)) buildIndex(vaults);
    // Only when the set of vaults changes; pages arriving do not start builds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [vaults.map((v) => `${v.id}:${v.displayName}`).join('|')]);
  return { ...current, refresh: () => buildIndex(vaults, true) };
}

/** A property edit made from a view (a bulk fix): the index shows the new properties without a new listing. */
export function updateIndexed(vaultId: string, name: string, properties: Partial<SecretProperties>): void {
  const lower = name.toLowerCase();
  const patch = (s: IndexedSecret) =>
    s.vaultId === vaultId && s.name.toLowerCase() === lower ? { ...s, ...properties } : s;
  publish({
    ...snapshot,
    vaults: snapshot.vaults.map((v) => (v.vaultId === vaultId ? { ...v, items: v.items.map(patch) } : v)),
    items: snapshot.items.map(patch),
  });
}
