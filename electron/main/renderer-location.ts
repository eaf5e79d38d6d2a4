import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './app-protocol';

/** Where our renderer page lives: the built app on app://kluis/, or the electron-vite dev server. */
export interface RendererLocation {
  kind: 'app' | 'dev';
  /** The URL the window loads. */
  target: string;
}

export function rendererLocation(devUrl: string | undefined): RendererLocation {
  return devUrl ? { kind: 'dev', target: devUrl } : { kind: 'app', target: APP_INDEX_URL };
}

/**
 * True when a frame URL is our own page: app://kluis/index.html, or the dev server's origin. Hash and query do not
 * matter; everything else is compared part by part on the parsed URL, user info included: `app://a@kluis/index.html`
 * has host `kluis` too, but it is not our page (and a non-special scheme's `origin` is just "null", so comparing
 * origins alone would not tell them apart either).
 */
export function isOwnRendererUrl(url: string, location: RendererLocation): boolean {
  let actual: URL;
  try {
    actual = new URL(url);
  } catch {
    return false;
  }
  if (actual.username !== '' || actual.password !== '') return false;
  if (location.kind === 'dev') {
    const expected = new URL(location.target);
    return actual.protocol === expected.protocol && actual.host === expected.host;
  }
  return (
    actual.protocol === `${APP_SCHEME}:` &&
    actual.host === APP_HOST &&
    actual.port === '' &&
    actual.pathname === '/index.html'
  );
}
