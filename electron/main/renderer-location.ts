import { pathToFileURL } from 'node:url';

/** Where our renderer page lives: the built index.html, or the electron-vite dev server. */
export interface RendererLocation {
  kind: 'file' | 'dev';
  /** file: absolute path to index.html; dev: the dev server URL. */
  target: string;
}

export function rendererLocation(devUrl: string | undefined, indexHtmlPath: string): RendererLocation {
  return devUrl ? { kind: 'dev', target: devUrl } : { kind: 'file', target: indexHtmlPath };
}

/** True when a frame URL is our own page: the same file, or the dev server's origin. Hash and query do not matter. */
export function isOwnRendererUrl(url: string, location: RendererLocation): boolean {
  let actual: URL;
  try {
    actual = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return actual.origin === new URL(location.target).origin;
  const expected = pathToFileURL(location.target);
  return (
    actual.protocol === 'file:' &&
    decodeURIComponent(actual.pathname) === decodeURIComponent(expected.pathname)
  );
}
