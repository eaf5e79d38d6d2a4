import type { SecretProperties } from '../../../../electron/contract';

export const SORT_KEYS = [
  'name',
  'contentType',
  'enabled',
  'notBefore',
  'expiresOn',
  'updatedOn',
  'tags',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortOrder {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

const text = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function valueOf(s: SecretProperties, key: SortKey): string | number | undefined {
  switch (key) {
    case 'name':
      return s.name;
    case 'contentType':
      return s.contentType || undefined;
    case 'enabled':
      return s.enabled === false ? 0 : 1;
    case 'tags': {
      const entries = Object.entries(s.tags ?? {});
      return entries.length === 0
        ? undefined
        : entries
            .map(([k, v]) => `${k}=${v}`)
            .sort()
            .join(' ');
    }
    default:
      return s[key];
  }
}

/** Sorted copy; secrets without a value for the key come last in either direction, then by name. */
export function sortSecrets(secrets: readonly SecretProperties[], order: SortOrder): SecretProperties[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...secrets].sort((a, b) => {
    const x = valueOf(a, order.key);
    const y = valueOf(b, order.key);
    if (x !== undefined && y === undefined) return -1;
    if (x === undefined && y !== undefined) return 1;
    let c = 0;
    if (x !== undefined && y !== undefined) {
      c = typeof x === 'number' && typeof y === 'number' ? x - y : text.compare(String(x), String(y));
    }
    return c !== 0 ? sign * c : text.compare(a.name, b.name);
  });
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
