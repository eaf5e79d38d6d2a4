import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The session denies every web permission (session-hardening.ts) and main refuses every new window
 * (main-window.ts). In plain Chromium, where the e2e suite runs, these APIs work, so a use would only break inside
 * Electron: the renderer must not rely on any of them. Main offers what the app needs instead (app.copyText,
 * app.openDeviceCodePage).
 */
const DENIED: Array<[RegExp, string]> = [
  [/navigator\s*\.\s*clipboard/, 'the clipboard (use kluis().app.copyText)'],
  [/document\s*\.\s*execCommand/, 'execCommand copy/paste (clipboard permission)'],
  [/\bwindow\s*\.\s*open\s*\(/, 'window.open (main denies new windows)'],
  [/target\s*=\s*["'{]\s*["']?_blank/, 'target=_blank (main denies new windows; use main to open pages)'],
  [/\btarget\s*:\s*["']_blank/, "target: '_blank'"],
  [/\bNotification\b/, 'notifications'],
  [/requestFullscreen|webkitRequestFullscreen/, 'fullscreen'],
  [/getUserMedia|getDisplayMedia|enumerateDevices|mediaDevices/, 'camera, microphone, screen capture'],
  [/geolocation/, 'geolocation'],
  [
    /navigator\s*\.\s*(share|canShare|permissions|bluetooth|usb|hid|serial|requestMIDIAccess|wakeLock|keyboard|locks|storage)\b/,
    'a permission-gated navigator API',
  ],
  [/show(Open|Save)FilePicker|showDirectoryPicker/, 'file system access (main has the dialogs)'],
  [
    /requestPointerLock|EyeDropper|IdleDetector|queryLocalFonts|getScreenDetails|requestStorageAccess/,
    'a permission-gated API',
  ],
];

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') out.push(...(await sourceFiles(path)));
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.(ts|tsx)$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

describe('renderer uses no browser API that Electron denies it', () => {
  it('has no clipboard, new-window, notification, fullscreen, media, geolocation or other permission use', async () => {
    const root = resolve(__dirname, '../../../renderer/src');
    const files = await sourceFiles(root);
    expect(files.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const [pattern, what] of DENIED) {
        if (pattern.test(text)) found.push(`${relative(root, file)}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });
});
