import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { onCommand } from '../../lib/commands';
import type { useBackupFiles } from './use-backup-files';

interface ListCommands {
  onNew: () => void;
  onRefresh: () => void;
  files: ReturnType<typeof useBackupFiles>;
  selectedName?: string;
  filterRef: RefObject<HTMLInputElement | null>;
}

/**
 * What the list answers from outside its rows: Ctrl+F (focus the filter) from anywhere in the workspace, and the
 * command palette's new, refresh, filter, backup and restore. Returns the toolbar's handlers, stable across
 * renders (they call the latest props), so a keystroke in the filter does not re-render the toolbar.
 */
export function useListCommands(props: ListCommands) {
  const { filterRef } = props;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && !event.defaultPrevented) {
        if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [filterRef]);

  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  useEffect(() => {
    const offs = [
      onCommand('secret.new', () => latest.current.onNew()),
      onCommand('list.refresh', () => latest.current.onRefresh()),
      onCommand('list.filter', () => filterRef.current?.focus()),
      // The backup hook reports its own failures; nothing waits for these.
      onCommand('secret.restore', () => void latest.current.files.restore()),
      onCommand('secret.backup', () => {
        const name = latest.current.selectedName;
        if (name) void latest.current.files.backup(name);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [filterRef]);
  return {
    onRefresh: useCallback(() => latest.current.onRefresh(), []),
    onNew: useCallback(() => latest.current.onNew(), []),
    onBackup: useCallback((name: string) => void latest.current.files.backup(name), []),
    onRestore: useCallback(() => void latest.current.files.restore(), []),
  };
}
