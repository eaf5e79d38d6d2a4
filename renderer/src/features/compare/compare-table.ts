import type { BulkWriteMode, CompareField, CompareRow, CompareStatus } from '../../../../electron/contract';

/** The status chips, in the order shown. */
export const CHIP_ORDER: readonly CompareStatus[] = ['only-a', 'only-b', 'differs', 'same', 'unknown'];

export const STATUS_LABELS: Record<CompareStatus, string> = {
  'only-a': 'Only in A',
  'only-b': 'Only in B',
  differs: 'Differs',
  same: 'Same',
  unknown: 'Not compared',
};

export const FIELD_LABELS: Record<CompareField, string> = {
  value: 'value',
  enabled: 'enabled',
  contentType: 'content type',
  tags: 'tags',
  notBefore: 'activation',
  expiresOn: 'expiry',
};

export const MODE_LABELS: Record<BulkWriteMode, string> = {
  copy: 'Copy',
  'new-version': 'Overwrite as new version',
  'recover-then-update': 'Recover, then update',
  skip: 'Skip',
};

export type SortKey = 'name' | 'status' | 'newer';

const STATUS_ORDER: Record<CompareStatus, number> = {
  differs: 0,
  'only-a': 1,
  'only-b': 2,
  unknown: 3,
  same: 4,
};

/** The modes a row can be promoted with (A to B); none for a name only in B. */
export function modesFor(row: CompareRow): BulkWriteMode[] {
  if (!row.a) return [];
  if (row.deletedOnB) return ['recover-then-update', 'skip'];
  if (!row.b) return ['copy', 'skip'];
  return ['new-version', 'skip'];
}

/** What a selected row does unless the user chooses otherwise. */
export function defaultMode(row: CompareRow): BulkWriteMode {
  if (!row.a || row.status === 'same') return 'skip';
  return modesFor(row)[0] ?? 'skip';
}

export function visibleRows(
  rows: Iterable<CompareRow>,
  shown: ReadonlySet<CompareStatus>,
  sort: { key: SortKey; descending: boolean },
): CompareRow[] {
  const out = [...rows].filter((r) => shown.size === 0 || shown.has(r.status));
  const byName = (a: CompareRow, b: CompareRow) => a.name.localeCompare(b.name);
  const compare =
    sort.key === 'name'
      ? byName
      : sort.key === 'status'
        ? (a: CompareRow, b: CompareRow) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b)
        : (a: CompareRow, b: CompareRow) => (a.newer ?? '').localeCompare(b.newer ?? '') || byName(a, b);
  out.sort(compare);
  if (sort.descending) out.reverse();
  return out;
}

export function countByStatus(rows: Iterable<CompareRow>): Record<CompareStatus, number> {
  const counts: Record<CompareStatus, number> = { 'only-a': 0, 'only-b': 0, differs: 0, same: 0, unknown: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}
