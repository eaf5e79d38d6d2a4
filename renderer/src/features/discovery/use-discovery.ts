import { useCallback, useEffect, useRef, useState } from 'react';
import type { KluisError } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import type { BrowseWith } from './BrowseSignIn';
import { applyPage, EMPTY_DISCOVERY, newBrowse, type DiscoveryState } from './discovery-store';

/**
 * The browses of one "Browse vaults" session: the first with the chosen sign-in, then one per tenant the user
 * switches to (each signs in to that tenant). Pages are applied as they arrive; a browse's own start failing
 * (bad input) is kept apart, so the form keeps what the user typed.
 */
export function useDiscovery() {
  const [state, setState] = useState<DiscoveryState>(EMPTY_DISCOVERY);
  const [how, setHow] = useState<BrowseWith>();
  const [startError, setStartError] = useState<KluisError>();
  const [currentTenant, setCurrentTenant] = useState<string>();
  const current = useRef<string | undefined>(undefined);
  const [currentId, setCurrentId] = useState<string>();

  useEffect(
    () =>
      kluis().events.on('discovery.page', (page) => {
        setState((s) => applyPage(s, page));
        if (page.browseId === current.current && page.tenantId) setCurrentTenant(page.tenantId);
      }),
    [],
  );
  // Leaving the view stops what still runs (a sign-in waiting for a code, listings).
  useEffect(
    () => () => {
      if (current.current) void kluis().discovery.cancel({ browseId: current.current });
    },
    [],
  );

  const browse = useCallback(
    async (with_: BrowseWith, tenantId?: string) => {
      const browseId = crypto.randomUUID();
      const previous = current.current;
      current.current = browseId;
      setCurrentId(browseId);
      setStartError(undefined);
      setHow(with_);
      setCurrentTenant(tenantId);
      setState((s) => {
        const browses = new Map(s.browses);
        // Browsing a tenant again replaces what was found there.
        browses.delete(tenantId ?? '');
        browses.set(tenantId ?? '', newBrowse(browseId, tenantId));
        return { ...s, browses };
      });
      if (previous) {
        const stillRunning = [...state.browses.values()].find((b) => b.browseId === previous && !b.done);
        if (stillRunning) void kluis().discovery.cancel({ browseId: previous });
      }
      const result = await kluis().discovery.start({
        browseId,
        ...('fromVaultId' in with_ ? { fromVaultId: with_.fromVaultId } : { auth: with_.auth }),
        ...(tenantId ? { tenantId } : {}),
      });
      if (!result.ok) {
        setStartError(result.error);
        setState((s) => {
          const browses = new Map(s.browses);
          browses.delete(tenantId ?? '');
          return { ...s, browses };
        });
      }
    },
    [state.browses],
  );

  const currentBrowse = [...state.browses.values()].find((b) => b.browseId === currentId);
  return {
    state,
    how,
    startError,
    currentTenant: currentTenant ?? currentBrowse?.tenantId,
    currentBrowse,
    browse,
    reset: () => {
      if (current.current) void kluis().discovery.cancel({ browseId: current.current });
      current.current = undefined;
      setCurrentId(undefined);
      setHow(undefined);
      setState(EMPTY_DISCOVERY);
    },
  };
}
