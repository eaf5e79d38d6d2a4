const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} min`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} h`;
  if (ms < 60 * DAY) return `${Math.round(ms / DAY)} d`;
  if (ms < 365 * DAY) return `${Math.round(ms / (30 * DAY))} mo`;
  return `${Math.round(ms / (365 * DAY))} y`;
}

/** "2 h ago", "in 12 d", "just now". */
export function formatRelative(at: number, now: number): string {
  const diff = at - now;
  if (Math.abs(diff) < 45_000) return 'just now';
  return diff > 0 ? `in ${span(diff)}` : `${span(-diff)} ago`;
}

/** The list's expiry column: "expired" once past, otherwise how long is left. */
export function formatExpiry(expiresOn: number | undefined, now: number): string {
  if (expiresOn === undefined) return '—';
  if (expiresOn <= now) return 'expired';
  return `in ${span(expiresOn - now)}`;
}

export type ExpiryLevel = 'none' | 'ok' | 'soon' | 'expired' | 'not-yet-active';

export function expiryLevel(
  p: { expiresOn?: number; notBefore?: number },
  now: number,
  warningDays: number,
): ExpiryLevel {
  if (p.notBefore !== undefined && p.notBefore > now) return 'not-yet-active';
  if (p.expiresOn === undefined) return 'none';
  if (p.expiresOn <= now) return 'expired';
  return p.expiresOn - now <= warningDays * DAY ? 'soon' : 'ok';
}

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The exact time, for hovers and the details pane. */
export function formatExact(at: number | undefined): string {
  return at === undefined ? '—' : exact.format(new Date(at));
}
