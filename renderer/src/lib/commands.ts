/**
 * Workspace commands the command palette can run without knowing which pane handles them. A pane that can run
 * one registers a handler while it is mounted.
 */
export type WorkspaceCommand =
  | 'secret.new'
  | 'list.refresh'
  | 'list.filter'
  | 'secret.backup'
  | 'secret.restore'
  /** Export and import (features/transfer), from the vault's list. */
  | 'transfer.export'
  | 'transfer.import'
  /** The shell shows Settings (e.g. from an error whose fix is there). */
  | 'view.settings';

const handlers = new Map<WorkspaceCommand, () => void>();

export function onCommand(command: WorkspaceCommand, run: () => void): () => void {
  handlers.set(command, run);
  return () => {
    if (handlers.get(command) === run) handlers.delete(command);
  };
}

/** Runs a command; false when no pane on screen handles it. */
export function runCommand(command: WorkspaceCommand): boolean {
  const run = handlers.get(command);
  run?.();
  return run !== undefined;
}
