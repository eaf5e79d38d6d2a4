import { MAX_TAGS, MAX_TAG_NAME_LENGTH } from '../../../../../electron/contract/limits';

export interface TagRow {
  /** Stable React key; rows are edited in place. */
  id: number;
  name: string;
  value: string;
}

let nextId = 1;
export const newTagRow = (name = '', value = ''): TagRow => ({ id: nextId++, name, value });

export const rowsFromTags = (tags: Record<string, string> | undefined): TagRow[] =>
  Object.entries(tags ?? {}).map(([name, value]) => newTagRow(name, value));

/** What is wrong with one row, per field; blank rows are ignored when saving. */
export function tagRowProblems(row: TagRow, all: TagRow[]): { name?: string; value?: string } {
  const name = row.name.trim();
  const problems: { name?: string; value?: string } = {};
  if (!name && row.value) problems.name = 'A tag needs a name.';
  else if (name.length > MAX_TAG_NAME_LENGTH) problems.name = `At most ${MAX_TAG_NAME_LENGTH} characters.`;
  else if (name && all.some((r) => r.id !== row.id && r.id < row.id && r.name.trim() === name))
    problems.name = 'This name is already used.';
  if (row.value.length > MAX_TAG_NAME_LENGTH) problems.value = `At most ${MAX_TAG_NAME_LENGTH} characters.`;
  return problems;
}

export const canAddTag = (rows: TagRow[]): boolean => rows.length < MAX_TAGS;

/** The tags to save, or undefined while any row has a problem. */
export function tagsFromRows(rows: TagRow[]): Record<string, string> | undefined {
  if (rows.length > MAX_TAGS) return undefined;
  if (rows.some((r) => Object.keys(tagRowProblems(r, rows)).length > 0)) return undefined;
  return Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]));
}
