import type { ClipboardPort } from '../../../electron/core';

/** The e2e clipboard: main's ClipboardPort kept in memory, so a test can read what Copy put there. */
export function createMemoryClipboard(): ClipboardPort & { current(): string } {
  let text = '';
  return {
    writeText: (value) => {
      text = value;
    },
    readText: () => text,
    clear: () => {
      text = '';
    },
    current: () => text,
  };
}
