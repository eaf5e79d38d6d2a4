import { clipboard, ClipboardItem } from 'electron';
import type { ClipboardPort } from '../core';

/** Electron's name for a raw platform clipboard format (written and read back under this name). */
const osFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

/** A 4-byte little-endian DWORD, as Windows reads these clipboard formats. */
const dword = (value: number): Blob => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value, 0);
  return new Blob([bytes]);
};

/**
 * The formats that tell the platform's clipboard history and clipboard managers to skip an entry, next to the text:
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (its presence is what counts) keeps the entry from
 *   clipboard monitors, `CanIncludeInClipboardHistory` = 0 from Win+V history, `CanUploadToCloudClipboard` = 0 from
 *   the cloud clipboard that syncs to other devices; all DWORDs.
 * - macOS: `org.nspasteboard.ConcealedType`, which clipboard managers that follow nspasteboard.org do not record
 *   (its presence counts; the bytes are not read, so it carries a marker word and not a second copy of the value).
 * - Linux: KDE Klipper skips an entry whose `x-kde-passwordManagerHint` is `secret`.
 * Each platform gets its own markers only; the others would be meaningless there.
 */
export function concealedClipboardEntry(
  text: string,
  platform: NodeJS.Platform,
): Record<string, string | Blob> {
  const entry: Record<string, string | Blob> = { 'text/plain': text };
  if (platform === 'win32') {
    entry[osFormat('ExcludeClipboardContentFromMonitorProcessing')] = dword(0);
    entry[osFormat('CanIncludeInClipboardHistory')] = dword(0);
    entry[osFormat('CanUploadToCloudClipboard')] = dword(0);
  } else if (platform === 'darwin') {
    entry[osFormat('org.nspasteboard.ConcealedType')] = new Blob([Buffer.from('secret', 'utf8')]);
  } else {
    entry[osFormat('x-kde-passwordManagerHint')] = new Blob([Buffer.from('secret', 'utf8')]);
  }
  return entry;
}

/**
 * The system clipboard for the clipboard guard and for plain copies. Electron's clipboard lives in main and is async
 * since 45.
 *
 * A secret goes in ONE clipboard.write with a single ClipboardItem holding the text and the markers. That is the
 * only way the markers can be on the same clipboard entry: Electron's write() commits all the formats of one call
 * together (on every platform), while every separate call (writeText, or the older writeBuffer before 45) opened
 * its own clipboard writer and replaced what the previous call had put there. Raw platform formats are named with
 * Electron's `electron application/osclipboard;format="…"` custom format, which writes the bytes under exactly
 * that platform format name (registered as a clipboard format on Windows, a pasteboard type on macOS, a MIME
 * target on Linux), not pickled as web custom formats are.
 */
export function createElectronClipboard(platform: NodeJS.Platform = process.platform): ClipboardPort {
  return {
    writeText: (text, kind) =>
      kind === 'secret'
        ? clipboard.write([new ClipboardItem(concealedClipboardEntry(text, platform))])
        : clipboard.writeText(text),
    readText: () => clipboard.readText(),
    clear: () => clipboard.clear(),
  };
}

export const electronClipboard: ClipboardPort = createElectronClipboard();
