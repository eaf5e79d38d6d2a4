import { createHash } from 'node:crypto';

/**
 * What is being copied: a secret value (written with the markers that ask clipboard history, cloud clipboard and
 * clipboard managers to leave it out) or plain non-secret text such as a secret's id.
 */
export type ClipboardTextKind = 'secret' | 'plain';

/** The system clipboard, as main provides it (Electron's clipboard in the app, a fake in tests). */
export interface ClipboardPort {
  writeText(text: string, kind: ClipboardTextKind): Promise<void> | void;
  readText(): Promise<string> | string;
  clear(): Promise<void> | void;
}

export interface ClipboardGuard {
  /** Copies a value and schedules its removal; returns when the value is on the clipboard. */
  copy(value: string, clearAfterSeconds: number): Promise<void>;
  /** Clears now if the clipboard still holds what Kluis copied (on quit). */
  clearNow(): Promise<void>;
  /** Stops the timer without touching the clipboard. */
  dispose(): void;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Copies secret values and clears them again after a while, but only if the clipboard still holds what Kluis put
 * there: something the user copied since must survive. Only a hash of the value is kept while waiting.
 */
export function createClipboardGuard(clipboard: ClipboardPort, onCleared: () => void): ClipboardGuard {
  let pending: { hash: string; timer: ReturnType<typeof setTimeout> } | undefined;

  async function clearIfStillOurs(hash: string): Promise<void> {
    const current = await clipboard.readText();
    if (sha256(current) !== hash) return;
    await clipboard.clear();
    onCleared();
  }

  function cancel(): void {
    if (pending) clearTimeout(pending.timer);
    pending = undefined;
  }

  return {
    async copy(value, clearAfterSeconds) {
      // A newer copy supersedes the older pending clear: its own timer decides now.
      cancel();
      await clipboard.writeText(value, 'secret');
      const hash = sha256(value);
      const timer = setTimeout(() => {
        if (pending?.timer !== timer) return;
        pending = undefined;
        void clearIfStillOurs(hash).catch(() => undefined);
      }, clearAfterSeconds * 1000);
      // Never keep the app alive just to clear the clipboard; clearNow() runs on quit.
      timer.unref?.();
      pending = { hash, timer };
    },
    async clearNow() {
      const hash = pending?.hash;
      cancel();
      if (hash) await clearIfStillOurs(hash);
    },
    dispose: cancel,
  };
}
