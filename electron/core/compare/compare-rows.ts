import type {
  CompareField,
  CompareRow,
  CompareSide,
  DeletedSecretInfo,
  SecretProperties,
} from '../../contract';

/** The compared properties of one side's current version (never its value). */
export function sideOf(p: SecretProperties): CompareSide {
  const side: CompareSide = { tags: { ...p.tags } };
  if (p.version !== undefined) side.version = p.version;
  if (p.enabled !== undefined) side.enabled = p.enabled;
  if (p.contentType !== undefined && p.contentType !== '') side.contentType = p.contentType;
  if (p.notBefore !== undefined) side.notBefore = p.notBefore;
  if (p.expiresOn !== undefined) side.expiresOn = p.expiresOn;
  if (p.createdOn !== undefined) side.createdOn = p.createdOn;
  if (p.updatedOn !== undefined) side.updatedOn = p.updatedOn;
  return side;
}

const sameTags = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

/** The fields of two present sides that differ; `valueEqual` false adds 'value'. */
export function differencesOf(
  a: CompareSide,
  b: CompareSide,
  valueEqual: boolean | undefined,
): CompareField[] {
  const out: CompareField[] = [];
  if (valueEqual === false) out.push('value');
  if ((a.enabled ?? true) !== (b.enabled ?? true)) out.push('enabled');
  if (a.contentType !== b.contentType) out.push('contentType');
  if (!sameTags(a.tags, b.tags)) out.push('tags');
  if (a.notBefore !== b.notBefore) out.push('notBefore');
  if (a.expiresOn !== b.expiresOn) out.push('expiresOn');
  return out;
}

export interface RowInput {
  name: string;
  a?: CompareSide;
  b?: CompareSide;
  valueEqual?: boolean;
  valueError?: string;
  deletedOnB?: DeletedSecretInfo;
}

/** One row of the table from what is known of both sides. */
export function rowOf(input: RowInput): CompareRow {
  const { name, a, b } = input;
  const row: CompareRow = { name, status: 'same', differences: [] };
  if (a) row.a = a;
  if (b) row.b = b;
  if (input.deletedOnB && !b) {
    row.deletedOnB = {};
    if (input.deletedOnB.deletedOn !== undefined) row.deletedOnB.deletedOn = input.deletedOnB.deletedOn;
    if (input.deletedOnB.scheduledPurgeDate !== undefined)
      row.deletedOnB.scheduledPurgeDate = input.deletedOnB.scheduledPurgeDate;
  }
  if (!a || !b) {
    row.status = a ? 'only-a' : 'only-b';
    return row;
  }
  if (input.valueEqual !== undefined) row.valueEqual = input.valueEqual;
  if (input.valueError !== undefined) row.valueError = input.valueError;
  row.differences = differencesOf(a, b, input.valueEqual);
  row.status = row.differences.length > 0 ? 'differs' : input.valueEqual === true ? 'same' : 'unknown';
  const ua = a.updatedOn ?? 0;
  const ub = b.updatedOn ?? 0;
  row.newer = ua > ub ? 'a' : ub > ua ? 'b' : 'same';
  return row;
}

/** Whether a name passes the comparison's filter (case-insensitive substring; empty passes all). */
export const passesFilter = (name: string, filter: string | undefined): boolean =>
  !filter || name.toLowerCase().includes(filter.toLowerCase());
