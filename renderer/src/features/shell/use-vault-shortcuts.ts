import { useEffect, useRef } from 'react';

/** Ctrl+1..9 selects the n-th vault in sidebar order. */
export function useVaultShortcuts(vaultIds: string[], onSelect: (id: string) => void): void {
  const latest = useRef({ vaultIds, onSelect });
  useEffect(() => {
    latest.current = { vaultIds, onSelect };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (!/^[1-9]$/.test(event.key)) return;
      const id = latest.current.vaultIds[Number(event.key) - 1];
      if (!id) return;
      event.preventDefault();
      latest.current.onSelect(id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
