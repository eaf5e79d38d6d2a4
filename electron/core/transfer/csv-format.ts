import { at, TransferParseError, withoutBom, type TransferRecord } from './transfer-records';

/*
 * CSV as RFC 4180 has it: records end with CRLF (a bare LF is accepted too), fields are separated by commas, a
 * field with a comma, a quote or a line break is in double quotes and doubles its quotes. The first record names
 * the columns: name and value are required; contentType, enabled, notBefore, expiresOn, createdOn, updatedOn and
 * tags are optional (dates in ISO 8601, enabled true or false, tags a JSON object of strings).
 */

export const CSV_COLUMNS = [
  'name',
  'value',
  'contentType',
  'enabled',
  'notBefore',
  'expiresOn',
  'createdOn',
  'updatedOn',
  'tags',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

interface Row {
  fields: string[];
  line: number;
}

function parseRows(input: string): Row[] {
  const text = withoutBom(input);
  const rows: Row[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const column = () => i - lineStart + 1;
  const isRecordEnd = () => i >= text.length || text[i] === '\n' || text.startsWith('\r\n', i);
  while (i < text.length) {
    const row: Row = { fields: [], line };
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        const quoteColumn = column();
        i++;
        for (;;) {
          if (i >= text.length) {
            throw new TransferParseError(
              'bad-quote',
              `${at(quoteLine, quoteColumn)}: the quoted field opened here is never closed.`,
              quoteLine,
              quoteColumn,
            );
          }
          const c = text[i] as string;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') {
            line++;
            lineStart = i + 1;
          }
          field += c;
          i++;
        }
        if (!isRecordEnd() && text[i] !== ',') {
          throw new TransferParseError(
            'bad-quote',
            `${at(line, column())}: text follows the closing quote of a field; inside a quoted field write a quote as two quotes ("").`,
            line,
            column(),
          );
        }
      } else {
        while (!isRecordEnd() && text[i] !== ',') {
          if (text[i] === '"') {
            throw new TransferParseError(
              'bad-quote',
              `${at(line, column())}: a quote inside a field that does not start with one; put the field in quotes and write the quote as two quotes ("").`,
              line,
              column(),
            );
          }
          field += text[i];
          i++;
        }
      }
      row.fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (i < text.length) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      lineStart = i;
    }
    // A blank line holds no record (spreadsheets leave them at the end).
    if (!(row.fields.length === 1 && row.fields[0] === '')) rows.push(row);
  }
  return rows;
}

const columnKey = (header: string): Column | undefined => {
  const plain = header.toLowerCase().replace(/[^a-z]/g, '');
  return CSV_COLUMNS.find((c) => c.toLowerCase() === plain);
};

function dateOf(text: string, line: number, column: Column): number | undefined {
  if (text.trim() === '') return undefined;
  const ms = Date.parse(text.trim());
  if (Number.isNaN(ms) || ms < 0) {
    throw new TransferParseError(
      'syntax',
      `${at(line)}, column ${column}: "${text.slice(0, 40)}" is not a date; use ISO 8601, e.g. 2027-01-31T00:00:00Z.`,
      line,
    );
  }
  return ms;
}

function tagsOf(text: string, line: number): Record<string, string> | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  ) {
    throw new TransferParseError(
      'syntax',
      `${at(line)}, column tags: tags are a JSON object of strings, e.g. {"env":"prod"}.`,
      line,
    );
  }
  return parsed as Record<string, string>;
}

export function parseCsv(input: string): TransferRecord[] {
  const rows = parseRows(input);
  const header = rows.shift();
  if (!header)
    throw new TransferParseError('syntax', 'The file is empty: expected a header row with name,value.', 1);
  const columns = header.fields.map((h) => {
    const key = columnKey(h);
    if (!key) {
      throw new TransferParseError(
        'syntax',
        `${at(header.line)}: unknown column "${h.slice(0, 40)}"; the columns are ${CSV_COLUMNS.join(', ')}.`,
        header.line,
      );
    }
    return key;
  });
  for (const need of ['name', 'value'] as const) {
    if (!columns.includes(need)) {
      throw new TransferParseError(
        'syntax',
        `${at(header.line)}: the header has no "${need}" column.`,
        header.line,
      );
    }
  }
  return rows.map((row) => {
    if (row.fields.length !== columns.length) {
      throw new TransferParseError(
        'syntax',
        `${at(row.line)}: ${row.fields.length} fields where the header has ${columns.length}.`,
        row.line,
      );
    }
    const cell = (c: Column) => {
      const index = columns.indexOf(c);
      return index < 0 ? undefined : (row.fields[index] as string);
    };
    const record: TransferRecord = { key: cell('name') ?? '', value: cell('value') ?? '', line: row.line };
    const contentType = cell('contentType');
    if (contentType) record.contentType = contentType;
    const enabled = cell('enabled')?.trim().toLowerCase();
    if (enabled === 'true' || enabled === 'false') record.enabled = enabled === 'true';
    else if (enabled) {
      throw new TransferParseError(
        'syntax',
        `${at(row.line)}, column enabled: write true or false.`,
        row.line,
      );
    }
    for (const c of ['notBefore', 'expiresOn', 'createdOn', 'updatedOn'] as const) {
      const text = cell(c);
      const ms = text === undefined ? undefined : dateOf(text, row.line, c);
      if (ms !== undefined) record[c] = ms;
    }
    const tags = cell('tags');
    const parsedTags = tags === undefined ? undefined : tagsOf(tags, row.line);
    if (parsedTags) record.tags = parsedTags;
    return record;
  });
}

const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

export function writeCsv(records: TransferRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const cells: Record<Column, string> = {
      name: r.key,
      value: r.value,
      contentType: r.contentType ?? '',
      enabled: r.enabled === undefined ? '' : String(r.enabled),
      notBefore: iso(r.notBefore),
      expiresOn: iso(r.expiresOn),
      createdOn: iso(r.createdOn),
      updatedOn: iso(r.updatedOn),
      tags: r.tags && Object.keys(r.tags).length > 0 ? JSON.stringify(r.tags) : '',
    };
    lines.push(CSV_COLUMNS.map((c) => csvField(cells[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
