import { at, TransferParseError, withoutBom, type TransferRecord } from './transfer-records';

/*
 * The common .env dialect (as python-dotenv and Docker Compose read it, and the dotenv npm package for the cases it
 * handles): `KEY=value` lines, an optional `export ` before the key, `#` comments on their own line or after an
 * unquoted value (a `#` preceded by a space), blank lines. Unquoted values are trimmed. Single quotes and backticks
 * are literal; double quotes take the escapes \n \r \t \\ \" (any other backslash stays as written). Quoted values
 * may span lines. `$` is never expanded: Kluis reads values as written. Windows line endings are accepted.
 */

const KEY_CHAR = /[A-Za-z0-9_.-]/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };
const QUOTES = new Set(["'", '"', '`']);

export function parseDotenv(input: string): TransferRecord[] {
  const text = withoutBom(input);
  const out: TransferRecord[] = [];
  const seen = new Map<string, number>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const column = () => i - lineStart + 1;
  const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
  const skipBlanks = () => {
    while (isBlank(text[i])) i++;
  };
  const atLineEnd = () => i >= text.length || text[i] === '\n' || text.startsWith('\r\n', i);
  const endLine = () => {
    while (!atLineEnd()) i++;
    if (i < text.length) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      lineStart = i;
    }
  };

  while (i < text.length) {
    skipBlanks();
    if (atLineEnd() || text[i] === '#') {
      endLine();
      continue;
    }
    if (text.startsWith('export', i) && isBlank(text[i + 6])) {
      i += 6;
      skipBlanks();
    }
    const keyLine = line;
    const keyStart = i;
    while (i < text.length && KEY_CHAR.test(text[i] as string)) i++;
    const key = text.slice(keyStart, i);
    if (key === '') {
      throw new TransferParseError(
        'syntax',
        `${at(line, column())}: expected a line such as NAME=value.`,
        line,
        column(),
      );
    }
    skipBlanks();
    if (text[i] !== '=') {
      throw new TransferParseError(
        'syntax',
        `${at(line, column())}: expected "=" after ${key}.`,
        line,
        column(),
      );
    }
    i++;
    skipBlanks();
    let value: string;
    const quote = text[i] as string;
    if (QUOTES.has(quote)) {
      const quoteLine = line;
      const quoteColumn = column();
      i++;
      let raw = '';
      for (;;) {
        if (i >= text.length) {
          throw new TransferParseError(
            'bad-quote',
            `${at(quoteLine, quoteColumn)}: the ${quote} quote of ${key} is never closed.`,
            quoteLine,
            quoteColumn,
          );
        }
        const c = text[i] as string;
        if (c === quote) {
          i++;
          break;
        }
        if (quote === '"' && c === '\\' && i + 1 < text.length) {
          const next = text[i + 1] as string;
          raw += ESCAPES[next] ?? `\\${next}`;
          i += 2;
          continue;
        }
        if (c === '\r' && text[i + 1] === '\n') {
          // A value spanning lines of a file with Windows line endings holds plain newlines.
          i++;
          continue;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        raw += c;
        i++;
      }
      value = raw;
      skipBlanks();
      if (!atLineEnd() && text[i] !== '#') {
        throw new TransferParseError(
          'bad-quote',
          `${at(line, column())}: unexpected text after the closing quote of ${key}.`,
          line,
          column(),
        );
      }
    } else {
      const start = i;
      while (!atLineEnd()) {
        if (text[i] === '#' && (i === start || isBlank(text[i - 1]))) break;
        i++;
      }
      value = text.slice(start, i).trim();
    }
    endLine();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new TransferParseError(
        'duplicate-key',
        `${key} is set twice, on line ${earlier} and line ${keyLine}: keep one of them.`,
        keyLine,
      );
    }
    seen.set(key, keyLine);
    out.push({ key, value, line: keyLine });
  }
  return out;
}

/** A secret name as a .env key: dashes become underscores (secret names have none), so shells can use it. */
export const envKeyOf = (secretName: string): string => secretName.replace(/-/g, '_');

const BARE = /^[A-Za-z0-9_\-.,:/@+=%~^]*$/;

/** One value as the dialect above reads it back exactly: bare, in single quotes, or double-quoted with escapes. */
export function dotenvValue(value: string): string {
  if (BARE.test(value)) return value;
  // Single quotes are literal in every dialect: the safest form for anything without a quote or a line break.
  if (!/['\r\n]/.test(value)) return `'${value}'`;
  const escaped = value.replace(/[\\"\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '"' ? '\\"' : c === '\n' ? '\\n' : '\\r',
  );
  return `"${escaped}"`;
}

export function writeDotenv(records: Array<Pick<TransferRecord, 'key' | 'value'>>, heading: string): string {
  const lines = [`# ${heading}`];
  for (const r of records) lines.push(`${r.key}=${dotenvValue(r.value)}`);
  return `${lines.join('\n')}\n`;
}
