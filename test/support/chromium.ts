import { existsSync } from 'node:fs';

/**
 * The Chromium the browser tests drive: KLUIS_CHROMIUM if set, else Debian's /usr/bin/chromium. Playwright's own
 * browser download is not used (it cannot be fetched on our build machines).
 */
export function chromiumPath(): string {
  const path = process.env.KLUIS_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install it (Debian/Ubuntu: apt-get install chromium) or set KLUIS_CHROMIUM to a Chromium or Chrome executable.`,
    );
  }
  return path;
}

/** Flags for a quiet, hermetic headless run: no background traffic to Google, no GPU, a fresh profile. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
