import type { SecretProperties } from '../../../../electron/contract';
import { compareText } from './text-order';

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

function comparator(order: SortOrder): (a: SecretProperties, b: SecretProperties) => number {
  const sign = order.direction === 'ascending' ? 1 : -1;
  if (order.key === 'name') return (a, b) => sign * compareText(a.name, b.name);
  return (a, b) => {
    const x = valueOf(a, order.key);
    const y = valueOf(b, order.key);
    if (x !== undefined && y === undefined) return -1;
    if (x === undefined && y !== undefined) return 1;
    let c = 0;
    if (x !== undefined && y !== undefined) {
      c = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    }
    return c !== 0 ? sign * c : compareText(a.name, b.name);
  };
}

function inOrder<T>(items: readonly T[], from: number, compare: (a: T, b: T) => number): boolean {
  for (let i = Math.max(1, from); i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return false;
  }
  return true;
}

/**
 * Sorted: secrets without a value for the key come last in either direction, then by name. Returns `secrets`
 * itself when it is already in that order (a vault lists by name, so usually it is); never changes it.
 */
export function sortSecrets(
  secrets: readonly SecretProperties[],
  order: SortOrder,
): readonly SecretProperties[] {
  const compare = comparator(order);
  return inOrder(secrets, 1, compare) ? secrets : [...secrets].sort(compare);
}

/**
 * sortSecrets for a list that grows page by page: when the new list is the previous one with rows appended (the
 * same objects first) and the order is the same, only the new rows are checked, and a list that still arrives
 * in order is returned as it is; anything else sorts in full.
 */
export function createSorter(): (
  secrets: readonly SecretProperties[],
  order: SortOrder,
) => readonly SecretProperties[] {
  let last:
    { input: readonly SecretProperties[]; order: SortOrder; output: readonly SecretProperties[] } | undefined;
  return (secrets, order) => {
    const prev = last;
    let output: readonly SecretProperties[] | undefined;
    if (
      prev &&
      prev.output === prev.input &&
      prev.order.key === order.key &&
      prev.order.direction === order.direction &&
      secrets.length >= prev.input.length &&
      extends_(secrets, prev.input)
    ) {
      if (inOrder(secrets, prev.input.length, comparator(order))) output = secrets;
    }
    output ??= sortSecrets(secrets, order);
    last = { input: secrets, order, output };
    return output;
  };
}

function extends_<T>(items: readonly T[], prefix: readonly T[]): boolean {
  if (items === prefix) return true;
  for (let i = 0; i < prefix.length; i++) if (items[i] !== prefix[i]) return false;
  return true;
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
