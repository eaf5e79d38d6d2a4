import { createHash } from 'node:crypto';
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

/**
 * A position in a listing: after which item (none: from the start), and how many empty pages in a row have
 * already been answered there (sparse paging only).
 */
export interface ListPosition {
  after?: string;
  gap: number;
}

/** The skiptoken is opaque to clients; ours names the last item of the previous page. */
export function encodeSkipToken(marker: string | undefined, gap = 0): string {
  const body: { after?: string; gap?: number } = {};
  if (marker !== undefined) body.after = marker;
  if (gap > 0) body.gap = gap;
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export function decodePosition(raw: string | null): ListPosition {
  if (raw === null || raw === '') return { gap: 0 };
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const { after, gap } = parsed as { after?: unknown; gap?: unknown };
      const gapOk =
        gap === undefined || (Number.isInteger(gap) && (gap as number) > 0 && (gap as number) < 100);
      if (
        (after === undefined || typeof after === 'string') &&
        gapOk &&
        (after !== undefined || gap !== undefined)
      ) {
        return { ...(after !== undefined ? { after } : {}), gap: (gap as number | undefined) ?? 0 };
      }
    }
  } catch {
    // fall through to the 400 below
  }
  throw errors.badParameter('The $skiptoken query parameter is not valid.');
}

export function decodeSkipToken(raw: string | null): string | undefined {
  return decodePosition(raw).after;
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
 * How list pages are shaped. `service` (default): full pages, and the page that reaches the end carries
 * `"nextLink": null`, as the recordings show for a listing that fits. `sparse`: like the service on a busy
 * vault, some answers are empty pages that still link on (up to MAX_EMPTY_RUN in a row), some pages are short,
 * and the last items may be followed by one more linked page that turns out empty. Drawn from the seed, the list
 * and the position, so the same link always gets the same answer.
 */
export type PagingMode = { mode: 'service' } | { mode: 'sparse'; seed: number };

export const MAX_EMPTY_RUN = 4;
const EMPTY_PAGE_CHANCE = 0.4;
const SHORT_PAGE_CHANCE = 0.3;
const TRAILING_EMPTY_CHANCE = 0.5;

export interface PagePlan {
  /** Items [start, start + count) of the listing. */
  start: number;
  count: number;
  /** Where the next page starts, or null when this page ends the listing. */
  next: ListPosition | null;
}

/** Four reproducible draws in [0, 1) for one request of a sparse listing. */
function draws(seed: number, list: string, position: ListPosition): number[] {
  const digest = createHash('sha256')
    .update(`${seed}\n${list}\n${position.after ?? ''}\n${position.gap}`)
    .digest();
  return [0, 4, 8, 12].map((o) => digest.readUInt32BE(o) / 4_294_967_296);
}

/**
 * Plans one page of a listing of `total` items, where `start` is the index of the first item after the
 * position and `markerAt(i)` names item i for the next skiptoken.
 */
export function planPage(opts: {
  total: number;
  start: number;
  max: number;
  position: ListPosition;
  list: string;
  paging: PagingMode;
  markerAt: (index: number) => string;
}): PagePlan {
  const { total, start, max, position } = opts;
  const remaining = Math.max(0, total - start);
  const [empty = 1, short = 1, shortLen = 0, trailing = 1] =
    opts.paging.mode === 'sparse' ? draws(opts.paging.seed, opts.list, position) : [];
  if (opts.paging.mode === 'sparse' && position.gap < MAX_EMPTY_RUN && empty < EMPTY_PAGE_CHANCE) {
    return {
      start,
      count: 0,
      next: { ...(position.after !== undefined ? { after: position.after } : {}), gap: position.gap + 1 },
    };
  }
  let count = Math.min(max, remaining);
  if (opts.paging.mode === 'sparse' && count > 1 && short < SHORT_PAGE_CHANCE) {
    count = 1 + Math.floor(shortLen * (count - 1));
  }
  const end = start + count;
  if (count === 0) return { start, count, next: null };
  const linkOn = end < total || (opts.paging.mode === 'sparse' && trailing < TRAILING_EMPTY_CHANCE);
  return { start, count, next: linkOn ? { after: opts.markerAt(end - 1), gap: 0 } : null };
}

/**
 * The origin nextLinks carry: the one the client addressed, with its port always written out, as the service
 * writes `https://<vault>.vault.azure.net:443/...` although clients address it without a port.
 */
export function linkOrigin(origin: string): string {
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.hostname}:${u.port || '443'}`;
  } catch {
    return origin;
  }
}

/** Absolute nextLink like the service's: it carries api-version, $skiptoken and maxresults. */
export function nextLinkFor(
  origin: string,
  path: string,
  apiVersion: string,
  marker: string | undefined,
  maxResults: number,
  gap = 0,
): string {
  const token = encodeSkipToken(marker, gap);
  return `${linkOrigin(origin)}${path}?api-version=${encodeURIComponent(apiVersion)}&$skiptoken=${token}&maxresults=${maxResults}`;
}
