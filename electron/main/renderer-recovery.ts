import type { BrowserWindow } from 'electron';

export interface RendererRecoveryOptions {
  /** Loads our page again (the built file or the dev server). */
  reload: () => Promise<unknown> | void;
  /** Operational lines only: reasons and counts, never page content. */
  log: (line: string) => void;
  now?: () => number;
  /** How long a hang may last before the renderer is replaced. */
  unresponsiveMs?: number;
  /** At most this many reloads within windowMs; beyond that Kluis stops reloading rather than loop. */
  maxReloads?: number;
  windowMs?: number;
}

/**
 * Brings the window back after its renderer crashed or hung. The page restores the user's vault and selection
 * itself from settings (selectedVaultId, ui.lastSelection) through app.getState. A renderer that keeps dying is
 * left alone after a few reloads: reloading it forever would only burn CPU and hide the problem.
 */
export function watchRenderer(window: BrowserWindow, options: RendererRecoveryOptions): () => void {
  const now = options.now ?? Date.now;
  const unresponsiveMs = options.unresponsiveMs ?? 10_000;
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  const reloads: number[] = [];
  let hang: ReturnType<typeof setTimeout> | undefined;
  let killedByUs = false;
  let gaveUp = false;

  const stopHangTimer = () => {
    if (hang) clearTimeout(hang);
    hang = undefined;
  };

  function recover(why: string): void {
    if (gaveUp || window.isDestroyed()) return;
    const t = now();
    while (reloads.length > 0 && t - (reloads[0] ?? 0) > windowMs) reloads.shift();
    if (reloads.length >= maxReloads) {
      gaveUp = true;
      options.log(
        `renderer ${why}; not reloading again: ${reloads.length} reloads within ${windowMs / 1000} s. Restart Kluis.`,
      );
      return;
    }
    reloads.push(t);
    options.log(
      `renderer ${why}; reloading the window (${reloads.length} of ${maxReloads} allowed per minute)`,
    );
    void Promise.resolve()
      .then(options.reload)
      .catch((err: unknown) => options.log(`renderer reload failed: ${(err as Error)?.name ?? 'Error'}`));
  }

  window.webContents.on('render-process-gone', (_event, details) => {
    stopHangTimer();
    if (killedByUs) {
      // We ended a hung renderer ourselves and already reloaded for it.
      killedByUs = false;
      return;
    }
    if (details.reason === 'clean-exit') return;
    recover(`process gone (${details.reason}, exit code ${details.exitCode})`);
  });
  window.on('unresponsive', () => {
    hang ??= setTimeout(() => {
      hang = undefined;
      if (gaveUp || window.isDestroyed()) return;
      // A hung renderer cannot run a reload; end its process first, then load the page in a fresh one.
      killedByUs = true;
      window.webContents.forcefullyCrashRenderer();
      recover(`unresponsive for ${Math.round(unresponsiveMs / 1000)} s`);
    }, unresponsiveMs);
  });
  window.on('responsive', stopHangTimer);
  window.on('closed', stopHangTimer);
  return stopHangTimer;
}
