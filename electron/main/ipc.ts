import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventChannelOf, type EventName, type EventPayloads } from '../contract';
import type { HandlerRegistry, SenderInfo } from '../core';

/** What main knows about the sender of an invoke; the registry decides whether to trust it. */
export function senderInfoOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
    url: frame?.url ?? '',
  };
}

/**
 * The one place main touches ipcMain: every contract channel goes to its registry handler, which checks the sender,
 * parses the input and never throws.
 */
export function registerIpcHandlers(handlers: HandlerRegistry): () => void {
  for (const [channel, handler] of handlers) {
    ipcMain.handle(channel, (event, input: unknown) => handler(senderInfoOf(event), input));
  }
  return () => {
    for (const channel of handlers.keys()) ipcMain.removeHandler(channel);
  };
}

/** Sends a contract event to our window, if it is still there. */
export function sendEvent<E extends EventName>(
  target: WebContents | undefined,
  name: E,
  payload: EventPayloads[E],
): void {
  if (!target || target.isDestroyed()) return;
  target.send(eventChannelOf(name), payload);
}
