import { clipboard } from 'electron';
import type { ClipboardPort } from '../core';

/** The system clipboard for the clipboard guard. Electron's clipboard lives in main and is async since 45. */
export const electronClipboard: ClipboardPort = {
  writeText: (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};
