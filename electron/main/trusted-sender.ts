import type { SenderInfo } from '../core';
import { isOwnRendererUrl, type RendererLocation } from './renderer-location';

/**
 * Trusts an IPC sender only when it is our main window's webContents, its main frame, showing our own page.
 * A subframe, another window or a page navigated elsewhere is refused.
 */
export function createTrustedSenderCheck(
  mainWebContentsId: () => number | undefined,
  location: RendererLocation,
): (sender: SenderInfo) => boolean {
  return (sender) =>
    sender.webContentsId === mainWebContentsId() &&
    sender.isMainFrame &&
    isOwnRendererUrl(sender.url, location);
}
