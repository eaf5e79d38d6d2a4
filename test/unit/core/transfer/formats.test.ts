import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../../../electron/core/transfer/csv-format';
import { envKeyOf, parseDotenv, writeDotenv } from '../../../../electron/core/transfer/dotenv-format';
import { parseJson, writeJsonFull, writeJsonMap } from '../../../../electron/core/transfer/json-format';
import { TransferParseError, type TransferRecord } from '../../../../electron/core/transfer/transfer-records';

/** Values that break naive writers: line breaks, quotes of every kind, unicode, `=`, `#`, backslashes, 25 KB. */
const AWKWARD: string[] = [
  '',
  'plain',
  'two\nlines\n',
  'windows\r\nline\r\n',
  `it's "quoted" and \`ticked\``,
  'a=b=c',
  'hash # not a comment',
  '#starts-with-hash',
  '  padded  ',
  'back\\slash \\n not a newline \\',
  'ünïcødé ✓ 鍵 🔑',
  '$HOME ${PATH}',
  'tab\there',
  '"',
  "'",
  'x'.repeat(25_600),
  `${'line with "quote"\n'.repeat(1200)}end`.slice(0, 25_600),
];

const records = (values: string[]): TransferRecord[] =>
  values.map((value, i) => ({ key: `secret-${i}`, value, line: 0 }));

function parseError(run: () => unknown): TransferParseError {
  try {
    run();
  } catch (err) {
    if (err instanceof TransferParseError) return err;
    throw err;
  }
  throw new Error('expected a TransferParseError');
}

describe('.env', () => {
  it('reads the common dialect: export, comments, quotes, escapes, blanks, CRLF', () => {
    const text = [
      '# a comment',
      '',
      'export API_KEY=abc123',
      'PLAIN = spaced out   # trailing comment',
      "SINGLE='literal \\n $HOME # kept'",
      'DOUBLE="line1\\nline2\\t\\"q\\" \\\\ \\x"',
      'MULTI="first',
      'second"',
      'EMPTY=',
      'HASHED=a#b',
      'TICK=`back tick`',
    ].join('\r\n');
    const out = parseDotenv(text).map((r) => [r.key, r.value, r.line]);
    expect(out).toEqual([
      ['API_KEY', 'abc123', 3],
      ['PLAIN', 'spaced out', 4],
      ['SINGLE', 'literal \\n $HOME # kept', 5],
      ['DOUBLE', 'line1\nline2\t"q" \\ \\x', 6],
      ['MULTI', 'first\nsecond', 7],
      ['EMPTY', '', 9],
      ['HASHED', 'a#b', 10],
      ['TICK', 'back tick', 11],
    ]);
  });

  it('refuses a key given twice, naming both lines', () => {
    const err = parseError(() => parseDotenv('A=1\nB=2\n\nA=3\n'));
    expect(err.code).toBe('duplicate-key');
    expect(err.message).toContain('line 1');
    expect(err.message).toContain('line 4');
    expect(err.line).toBe(4);
  });

  it('refuses an unclosed quote, naming where it opened', () => {
    const err = parseError(() => parseDotenv('A=1\nB="never closed\nC=3\n'));
    expect(err.code).toBe('bad-quote');
    expect([err.line, err.column]).toEqual([2, 3]);
    expect(err.message).toContain('line 2, column 3');
  });

  it('refuses text after a closing quote and a line without "="', () => {
    expect(parseError(() => parseDotenv('A="x" y\n')).code).toBe('bad-quote');
    const missing = parseError(() => parseDotenv('A=1\njust words\n'));
    expect([missing.code, missing.line]).toEqual(['syntax', 2]);
  });

  it('writes every awkward value so that it reads back exactly', () => {
    const input = records(AWKWARD).map((r) => ({ ...r, key: envKeyOf(r.key) }));
    const back = parseDotenv(writeDotenv(input, 'Exported by Kluis'));
    expect(back.map((r) => r.value)).toEqual(AWKWARD);
    expect(back.map((r) => r.key)).toEqual(input.map((r) => r.key));
  });
});

describe('JSON', () => {
  it('reads the plain map with each key’s line', () => {
    const out = parseJson('{\n  "a": "1",\n  "b-c": "two\\nlines"\n}\n');
    expect(out.map((r) => [r.key, r.value, r.line])).toEqual([
      ['a', '1', 2],
      ['b-c', 'two\nlines', 3],
    ]);
  });

  it('refuses a name given twice (JSON.parse would keep the last silently)', () => {
    const err = parseError(() => parseJson('{"a": "1",\n"b": "2",\n"a": "3"}'));
    expect(err.code).toBe('duplicate-key');
    expect(err.message).toMatch(/line 1 and line 3/);
  });

  it('refuses a value that is not a string, and broken JSON with its line and column', () => {
    expect(parseError(() => parseJson('{"a": 5}')).message).toContain('not a string');
    const broken = parseError(() => parseJson('{\n  "a": "1",,\n}'));
    expect(broken.code).toBe('syntax');
    expect(broken.line).toBe(2);
  });

  it('round-trips awkward values through the map and the full form with every property', () => {
    expect(parseJson(writeJsonMap(records(AWKWARD))).map((r) => r.value)).toEqual(AWKWARD);
    const full: TransferRecord[] = records(AWKWARD).map((r, i) => ({
      ...r,
      contentType: i % 2 ? 'application/json' : 'text/plain',
      tags: { env: 'prod', 'odd "tag"': 'x=y' },
      enabled: i % 3 !== 0,
      notBefore: Date.UTC(2026, 0, 1),
      expiresOn: Date.UTC(2027, 5, 30, 12, 0, 0),
      createdOn: Date.UTC(2025, 1, 2),
      updatedOn: Date.UTC(2025, 1, 3),
    }));
    const back = parseJson(writeJsonFull(full));
    expect(back.map(({ line: _line, ...r }) => r)).toEqual(full.map(({ line: _line, ...r }) => r));
  });
});

describe('CSV', () => {
  it('reads RFC 4180: quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'name,value,contentType\r\na,"x, ""y""\r\nz",text/plain\r\nb,,\r\n';
    const out = parseCsv(text);
    expect(out.map((r) => [r.key, r.value, r.line, r.contentType])).toEqual([
      ['a', 'x, "y"\r\nz', 2, 'text/plain'],
      ['b', '', 4, undefined],
    ]);
  });

  it('names the line and column of a bad quote', () => {
    const inside = parseError(() => parseCsv('name,value\na,b"c\n'));
    expect([inside.code, inside.line, inside.column]).toEqual(['bad-quote', 2, 4]);
    expect(inside.message).toContain('line 2, column 4');
    const after = parseError(() => parseCsv('name,value\na,"b"c\n'));
    expect([after.code, after.line, after.column]).toEqual(['bad-quote', 2, 6]);
    const open = parseError(() => parseCsv('name,value\na,b\nc,"open\nmore\n'));
    expect([open.code, open.line, open.column]).toEqual(['bad-quote', 3, 3]);
  });

  it('refuses a missing column, an unknown column and a short row', () => {
    expect(parseError(() => parseCsv('name\na\n')).message).toContain('"value"');
    expect(parseError(() => parseCsv('name,value,colour\na,b,c\n')).message).toContain('colour');
    expect(parseError(() => parseCsv('name,value\na\n')).line).toBe(2);
  });

  it('round-trips awkward values and every property', () => {
    const full: TransferRecord[] = records(AWKWARD).map((r, i) => ({
      ...r,
      contentType: 'text/plain; charset=utf-8',
      tags: (i % 2 ? { a: '1', 'b,c': '"d"' } : {}) as Record<string, string>,
      enabled: i % 2 === 0,
      expiresOn: Date.UTC(2027, 5, 30),
    }));
    const back = parseCsv(writeCsv(full));
    expect(back.map((r) => r.value)).toEqual(AWKWARD);
    expect(back.map((r) => [r.key, r.enabled, r.expiresOn, r.contentType])).toEqual(
      full.map((r) => [r.key, r.enabled, r.expiresOn, r.contentType]),
    );
    expect(back.map((r) => r.tags ?? {})).toEqual(full.map((r) => r.tags));
  });
});
