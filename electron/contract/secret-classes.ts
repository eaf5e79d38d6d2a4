/**
 * The dashboard's classes of secrets, from properties alone (never a value). Pure: the clock is given, and every
 * date is an instant (epoch ms), so a class never depends on the machine's time zone or on daylight saving time;
 * "within N days" means within N × 24 hours of now.
 *
 * Edges, the same as the secrets list's colouring and filter terms: a secret whose expiry is exactly now is
 * expired; one whose not-before is exactly now is active; one expiring exactly N days from now is within the
 * warning window.
 */
export const SECRET_CLASSES = [
  'expired',
  'expiring',
  'not-yet-active',
  'disabled',
  'no-expiry',
  'no-content-type',
  'stale',
] as const;
export type SecretClass = (typeof SECRET_CLASSES)[number];

/** What each class is called on screen. */
export const SECRET_CLASS_LABELS: Record<SecretClass, string> = {
  expired: 'Expired',
  expiring: 'Expiring soon',
  'not-yet-active': 'Not yet active',
  disabled: 'Disabled',
  'no-expiry': 'No expiry',
  'no-content-type': 'No content type',
  stale: 'Unchanged',
};

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Default for "unchanged for more than M days". */
export const DEFAULT_STALE_DAYS = 365;

export interface ClassifyOptions {
  now: number;
  /** Expires within this many days (the expiry warning setting). */
  warningDays: number;
  /** Unchanged for more than this many days. */
  staleDays: number;
}

export interface ClassifiedProperties {
  enabled?: boolean;
  notBefore?: number;
  expiresOn?: number;
  createdOn?: number;
  updatedOn?: number;
  contentType?: string;
}

/** Every class the secret is in, in SECRET_CLASSES order (a secret can be in several, or none). */
export function classifySecret(p: ClassifiedProperties, o: ClassifyOptions): SecretClass[] {
  const out: SecretClass[] = [];
  if (p.expiresOn !== undefined && p.expiresOn <= o.now) out.push('expired');
  else if (p.expiresOn !== undefined && p.expiresOn - o.now <= o.warningDays * DAY_MS) out.push('expiring');
  if (p.notBefore !== undefined && p.notBefore > o.now) out.push('not-yet-active');
  if (p.enabled === false) out.push('disabled');
  if (p.expiresOn === undefined) out.push('no-expiry');
  if (!p.contentType) out.push('no-content-type');
  const changed = p.updatedOn ?? p.createdOn;
  if (changed !== undefined && o.now - changed > o.staleDays * DAY_MS) out.push('stale');
  return out;
}

/** Whether a secret has just entered (or is in) the warning window: expiring, not yet expired. */
export const inWarningWindow = (p: ClassifiedProperties, o: ClassifyOptions): boolean =>
  classifySecret(p, o).includes('expiring');

/** How many secrets are in each class. */
export function countClasses(
  secrets: Iterable<ClassifiedProperties>,
  o: ClassifyOptions,
): Record<SecretClass, number> {
  const counts = Object.fromEntries(SECRET_CLASSES.map((c) => [c, 0])) as Record<SecretClass, number>;
  for (const s of secrets) for (const c of classifySecret(s, o)) counts[c] += 1;
  return counts;
}
