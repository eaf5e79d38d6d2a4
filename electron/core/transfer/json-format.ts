import { at, TransferParseError, withoutBom, type TransferRecord } from './transfer-records';

/*
 * Two JSON forms. The plain map `{"name": "value", ...}` holds values only (what tools and scripts read). The full
 * form holds properties too:
 *   {"format": "kluis-secrets", "version": 1, "secrets": [{"name", "value", "contentType", "enabled", "notBefore",
 *    "expiresOn", "createdOn", "updatedOn", "tags"}, ...]}
 * with dates in ISO 8601. JSON.parse keeps the last of two equal keys silently, so the keys are also scanned here:
 * a name given twice is an error naming both lines.
 */

export const FULL_FORMAT = 'kluis-secrets';

/** Where each member of the top-level object, and each object in a top-level member's array, starts. */
function scanLines(text: string): { keys: Array<{ key: string; line: number }>; items: number[] } {
  const keys: Array<{ key: string; line: number }> = [];
  const items: number[] = [];
  const stack: Array<'{' | '['> = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (stack.length === 1 && expectKey) {
        keys.push({ key: JSON.parse(text.slice(start, i + 1)) as string, line });
        expectKey = false;
      }
    } else if (c === '{' || c === '[') {
      if (c === '{' && stack.length === 2 && stack[1] === '[') items.push(line);
      stack.push(c);
      expectKey = c === '{' && stack.length === 1;
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && stack.length === 1) expectKey = true;
  }
  return { keys, items };
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec(String((err as Error).message))?.[1];
    if (position === undefined) {
      throw new TransferParseError('syntax', 'The file is not valid JSON (it ends too early or is empty).');
    }
    const { line, column } = lineAndColumn(text, Number(position));
    throw new TransferParseError('syntax', `${at(line, column)}: this is not valid JSON here.`, line, column);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function dateField(item: Record<string, unknown>, field: string, line: number): number | undefined {
  const v = item[field];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms) || ms < 0) {
    throw new TransferParseError('syntax', `${at(line)}: "${field}" is not an ISO 8601 date.`, line);
  }
  return ms;
}

function fullRecord(item: unknown, line: number): TransferRecord {
  if (!isObject(item) || typeof item.name !== 'string' || typeof item.value !== 'string') {
    throw new TransferParseError(
      'syntax',
      `${at(line)}: each secret needs a "name" and a "value" (strings).`,
      line,
    );
  }
  const record: TransferRecord = { key: item.name, value: item.value, line };
  if (item.contentType !== undefined && item.contentType !== null) {
    if (typeof item.contentType !== 'string') {
      throw new TransferParseError('syntax', `${at(line)}: "contentType" is a string.`, line);
    }
    record.contentType = item.contentType;
  }
  if (item.enabled !== undefined && item.enabled !== null) {
    if (typeof item.enabled !== 'boolean') {
      throw new TransferParseError('syntax', `${at(line)}: "enabled" is true or false.`, line);
    }
    record.enabled = item.enabled;
  }
  for (const f of ['notBefore', 'expiresOn', 'createdOn', 'updatedOn'] as const) {
    const ms = dateField(item, f, line);
    if (ms !== undefined) record[f] = ms;
  }
  if (item.tags !== undefined && item.tags !== null) {
    if (!isObject(item.tags) || Object.values(item.tags).some((v) => typeof v !== 'string')) {
      throw new TransferParseError('syntax', `${at(line)}: "tags" is an object of strings.`, line);
    }
    record.tags = item.tags as Record<string, string>;
  }
  return record;
}

function noDuplicates(records: TransferRecord[]): TransferRecord[] {
  const seen = new Map<string, number>();
  for (const r of records) {
    const earlier = seen.get(r.key);
    if (earlier !== undefined) {
      const where = r.line > 0 ? `, on line ${earlier} and line ${r.line}` : '';
      throw new TransferParseError(
        'duplicate-key',
        `${r.key} is given twice${where}: keep one of them.`,
        r.line,
      );
    }
    seen.set(r.key, r.line);
  }
  return records;
}

/** Either JSON form; which one is told by the top-level "format" member. */
export function parseJson(input: string): TransferRecord[] {
  const text = withoutBom(input);
  const parsed = parseJsonText(text);
  if (!isObject(parsed)) {
    throw new TransferParseError(
      'syntax',
      'Expected a JSON object: {"name": "value", ...}, or the full form Kluis exports.',
      1,
    );
  }
  const lines = scanLines(text);
  if (parsed.format === FULL_FORMAT) {
    if (parsed.version !== 1) {
      throw new TransferParseError(
        'syntax',
        `This file is version ${String(parsed.version)} of the format; Kluis reads version 1.`,
      );
    }
    const secrets = parsed.secrets;
    if (!Array.isArray(secrets))
      throw new TransferParseError('syntax', 'The "secrets" member must be a list.');
    return noDuplicates(secrets.map((item, n) => fullRecord(item, lines.items[n] ?? 0)));
  }
  return noDuplicates(
    lines.keys.map(({ key, line }) => {
      const value = parsed[key];
      if (typeof value !== 'string') {
        throw new TransferParseError(
          'syntax',
          `${at(line)}: the value of ${key} is not a string; a secret value is text (put numbers and objects in quotes).`,
          line,
        );
      }
      return { key, value, line };
    }),
  );
}

export function writeJsonMap(records: Array<Pick<TransferRecord, 'key' | 'value'>>): string {
  const map: Record<string, string> = {};
  for (const r of records) map[r.key] = r.value;
  return `${JSON.stringify(map, null, 2)}\n`;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The full form's list entries (also the encrypted bundle's plaintext). */
export const fullEntries = (records: TransferRecord[]) =>
  records.map((r) => ({
    name: r.key,
    value: r.value,
    ...(r.contentType !== undefined ? { contentType: r.contentType } : {}),
    ...(r.enabled !== undefined ? { enabled: r.enabled } : {}),
    ...(r.notBefore !== undefined ? { notBefore: iso(r.notBefore) } : {}),
    ...(r.expiresOn !== undefined ? { expiresOn: iso(r.expiresOn) } : {}),
    ...(r.createdOn !== undefined ? { createdOn: iso(r.createdOn) } : {}),
    ...(r.updatedOn !== undefined ? { updatedOn: iso(r.updatedOn) } : {}),
    tags: r.tags ?? {},
  }));

export function writeJsonFull(records: TransferRecord[]): string {
  return `${JSON.stringify({ format: FULL_FORMAT, version: 1, secrets: fullEntries(records) }, null, 2)}\n`;
}

/** The full form's entries read back, without line numbers (the bundle's plaintext has none). */
export const recordsFromEntries = (entries: unknown[]): TransferRecord[] =>
  noDuplicates(entries.map((e) => fullRecord(e, 0)));
