/**
 * Which vault the Diagnose panel is open for. Anything can ask (the error banner, the sidebar's context menu, the
 * command palette); the shell's DiagnoseHost shows it. useSyncExternalStore shape.
 */
let target: string | undefined;
const listeners = new Set<() => void>();

export const diagnoseRequest = {
  open(vaultId: string): void {
    target = vaultId;
    for (const l of listeners) l();
  },
  close(): void {
    target = undefined;
    for (const l of listeners) l();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: (): string | undefined => target,
};
