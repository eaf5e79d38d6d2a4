import { errors } from './errors';

export const MAX_PAGE_SIZE = 25;

/** `maxresults` is 1..25 and defaults to 25, as in the REST spec. */
export function parseMaxResults(raw: string | null): number {
  if (raw === null || raw === '') return MAX_PAGE_SIZE;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw errors.badParameter(
      `The value '${raw}' of query parameter maxresults is not valid. It must be between 1 and ${MAX_PAGE_SIZE}.`,
    );
  }
  return n;
}

/** The skiptoken is opaque to clients; ours names the last item of the previous page. */
export function encodeSkipToken(marker: string): string {
  return Buffer.from(JSON.stringify({ after: marker }), 'utf8').toString('base64url');
}

export function decodeSkipToken(raw: string | null): string | undefined {
  if (raw === null || raw === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { after?: unknown }).after === 'string'
    ) {
      return (parsed as { after: string }).after;
    }
  } catch {
    // fall through to the 400 below
  }
  throw errors.badParameter('The $skiptoken query parameter is not valid.');
}

/** Index of the first element strictly greater than `marker` in an ascending array. */
export function firstAfter(sorted: readonly string[], marker: string | undefined): number {
  if (marker === undefined) return 0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) <= marker) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Absolute nextLink like the service's: it carries api-version, $skiptoken and maxresults.
 * A page with items always links on; the list ends with `{"value":[],"nextLink":null}`,
 * which is how recorded service traffic ends.
 */
export function nextLinkFor(
  origin: string,
  path: string,
  apiVersion: string,
  marker: string,
  maxResults: number,
): string {
  const token = encodeSkipToken(marker);
  return `${origin}${path}?api-version=${encodeURIComponent(apiVersion)}&$skiptoken=${token}&maxresults=${maxResults}`;
}
