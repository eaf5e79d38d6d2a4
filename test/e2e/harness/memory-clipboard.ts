import type { ClipboardPort, ClipboardTextKind } from '../../../electron/core';

/**
 * The e2e clipboard: main's ClipboardPort kept in memory, so a test can read what Copy put there and whether it was
 * written as a secret (main's Electron port adds the clipboard-history markers for those).
 */
export function createMemoryClipboard(): ClipboardPort & {
  current(): string;
  currentKind(): ClipboardTextKind | undefined;
} {
  let text = '';
  let textKind: ClipboardTextKind | undefined;
  return {
    writeText: (value, kind) => {
      text = value;
      textKind = kind;
    },
    readText: () => text,
    clear: () => {
      text = '';
      textKind = undefined;
    },
    current: () => text,
    currentKind: () => textKind,
  };
}
