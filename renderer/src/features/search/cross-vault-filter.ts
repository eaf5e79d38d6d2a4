import type { IndexedSecret } from '../dashboard/index-store';
import { FilterIndex } from '../secrets/filter';
import { parseFilter, type ParsedFilter } from '../secrets/filter-terms';
import { compareText } from '../secrets/text-order';
import { sortSecrets, type SortOrder } from '../secrets/sort-secrets';

/**
 * The secrets list's filter (words, tag:, type=, expires<Nd, expired, disabled, …) over the secrets of every vault,
 * plus `vault:NAME`: only secrets of vaults whose name contains NAME (case-insensitive; several vault: terms mean
 * any of those vaults).
 */
export interface CrossVaultQuery {
  vaults: string[];
  filter: ParsedFilter;
}

export function parseCrossVaultQuery(query: string): CrossVaultQuery {
  const vaults: string[] = [];
  const hints: string[] = [];
  const rest: string[] = [];
  for (const word of query.split(/\s+/).filter(Boolean)) {
    if (!/^vault:/i.test(word)) {
      rest.push(word);
      continue;
    }
    const name = word.slice(6).toLowerCase();
    if (name) vaults.push(name);
    else hints.push(`"${word}": name a vault, e.g. vault:prod`);
  }
  const filter = parseFilter(rest.join(' '));
  return { vaults, filter: { ...filter, hints: [...hints, ...filter.hints] } };
}

const inVaults = (secret: IndexedSecret, vaults: readonly string[]) =>
  vaults.length === 0 || vaults.some((v) => secret.vaultName.toLowerCase().includes(v));

/** Filters one list of secrets again and again as the query is typed (the list's FilterIndex underneath). */
export class CrossVaultIndex {
  private readonly index: FilterIndex;
  constructor(readonly items: readonly IndexedSecret[]) {
    this.index = new FilterIndex(items);
  }
  filter(query: CrossVaultQuery, now: number): IndexedSecret[] {
    const found = this.index.filter(query.filter, now) as readonly IndexedSecret[];
    return query.vaults.length === 0 ? [...found] : found.filter((s) => inVaults(s, query.vaults));
  }
}

export type CrossVaultSortKey = SortOrder['key'] | 'vault';
export interface CrossVaultSort {
  key: CrossVaultSortKey;
  direction: 'ascending' | 'descending';
}

/** The list's sort orders, plus by vault (then by name); the same name in several vaults goes by vault. */
export function sortAcrossVaults(
  items: readonly IndexedSecret[],
  order: CrossVaultSort,
): readonly IndexedSecret[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  if (order.key === 'vault') {
    return [...items].sort(
      (a, b) => sign * compareText(a.vaultName, b.vaultName) || compareText(a.name, b.name),
    );
  }
  if (order.key === 'name') {
    return [...items].sort(
      (a, b) => sign * compareText(a.name, b.name) || compareText(a.vaultName, b.vaultName),
    );
  }
  return sortSecrets(items, order as SortOrder) as readonly IndexedSecret[];
}
