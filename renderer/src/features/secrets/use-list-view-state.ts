import { useEffect, useRef, type RefObject } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { rememberedView, rememberView } from './view-memory';

interface Options {
  vaultId: string;
  scrollRef: RefObject<HTMLDivElement | null>;
  items: readonly SecretProperties[];
  /** The list has loaded every page. */
  complete: boolean;
  openName: string | undefined;
  onOpen: (secret: SecretProperties) => void;
}

/**
 * Brings a vault's list back where the user left it: the scroll position and the open secret, from this session's
 * memory or else from settings (settings.saveViewState), which also survives a reload.
 */
export function useListViewState({ vaultId, scrollRef, items, complete, openName, onOpen }: Options) {
  const pendingOpen = useRef<string | undefined>(undefined);
  const restored = useRef(false);
  const saveTimer = useRef<number | undefined>(undefined);
  const latest = useRef({ onOpen, openName });
  useEffect(() => {
    latest.current = { onOpen, openName };
  });

  // What to restore: this session's memory first, else what settings kept.
  useEffect(() => {
    const remembered = rememberedView(vaultId);
    if (remembered.openName || remembered.scrollTop > 0) {
      pendingOpen.current = remembered.openName;
      return;
    }
    void kluis()
      .app.getState()
      .then((r) => {
        const saved = r.ok ? r.value.settings.ui.lastSelection?.[vaultId] : undefined;
        if (!saved) return;
        rememberView(vaultId, { scrollTop: saved.scrollTop ?? 0, openName: saved.secretName });
        pendingOpen.current ??= saved.secretName;
        const here = scrollRef.current;
        if (here && here.scrollTop === 0 && saved.scrollTop) here.scrollTop = saved.scrollTop;
      });
  }, [vaultId, scrollRef]);

  // Scroll once rows are there; open the remembered secret once its page has arrived.
  useEffect(() => {
    const here = scrollRef.current;
    if (!restored.current && here && items.length > 0) {
      restored.current = true;
      const top = rememberedView(vaultId).scrollTop;
      if (top > 0) here.scrollTop = top;
    }
    const name = pendingOpen.current;
    if (!name) return;
    const secret = items.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (secret || complete) pendingOpen.current = undefined;
    if (secret && !latest.current.openName) latest.current.onOpen(secret);
  }, [items, complete, vaultId, scrollRef]);

  const save = () => {
    const top = Math.round(scrollRef.current?.scrollTop ?? 0);
    const name = latest.current.openName;
    rememberView(vaultId, { scrollTop: top, openName: name });
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      void kluis().settings.saveViewState({ vaultId, scrollTop: top, ...(name ? { secretName: name } : {}) });
    }, 600);
  };

  // The open secret is part of the view: keep it whenever it changes.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    if (openName !== undefined || rememberedView(vaultId).openName !== undefined) saveRef.current();
  }, [openName, vaultId]);
  useEffect(() => () => window.clearTimeout(saveTimer.current), []);

  return { onScroll: save };
}
