import { jsonErrorPosition } from './json-error-position';

/** What a value looks like, for the hint under the editor. Never echoes the value in a message. */
export type ValueFormat =
  | { kind: 'json'; pretty: string }
  | { kind: 'json-invalid'; message: string }
  | { kind: 'pem'; blockTypes: string[] }
  | { kind: 'base64'; bytes: number }
  | { kind: 'text' };

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const isJsonContentType = (contentType: string | undefined): boolean =>
  /json/i.test(contentType ?? '');

/** "Invalid JSON: line L, column C (position P)", or undefined for valid JSON. Never quotes the value. */
export function jsonProblem(value: string): string | undefined {
  const position = jsonErrorPosition(value);
  if (position === undefined) return undefined;
  const before = value.slice(0, position).split('\n');
  const column = (before[before.length - 1] ?? '').length + 1;
  return `Invalid JSON: line ${before.length}, column ${column} (position ${position})`;
}

export function describeValue(value: string, contentType?: string): ValueFormat {
  const trimmed = value.trim();
  if (trimmed === '') return { kind: 'text' };
  if (isJsonContentType(contentType)) {
    const problem = jsonProblem(value);
    return problem
      ? { kind: 'json-invalid', message: problem }
      : { kind: 'json', pretty: JSON.stringify(JSON.parse(value), null, 2) };
  }
  const blockTypes = [...value.matchAll(PEM_BEGIN)].map((m) => m[1] ?? '');
  if (blockTypes.length > 0) return { kind: 'pem', blockTypes };
  const compact = trimmed.replace(/\s+/g, '');
  // Random base64 of this length all but surely mixes cases and digits or symbols; 'aaaa…' is text, not a key.
  const mixed = /[A-Z]/.test(compact) && /[a-z]/.test(compact) && /[0-9+/=]/.test(compact);
  if (compact.length >= 16 && mixed && BASE64.test(compact)) {
    const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
    return { kind: 'base64', bytes: (compact.length / 4) * 3 - padding };
  }
  return { kind: 'text' };
}

/** One line for the hint under a value: what it is, never what it says. */
export function formatSummary(format: ValueFormat): string | undefined {
  switch (format.kind) {
    case 'json':
      return 'Valid JSON';
    case 'json-invalid':
      return format.message;
    case 'pem': {
      const kinds = [...new Set(format.blockTypes)].join(', ');
      const n = format.blockTypes.length;
      return `PEM: ${n} block${n === 1 ? '' : 's'} (${kinds})`;
    }
    case 'base64':
      return `Looks like base64, ${format.bytes} bytes decoded`;
    default:
      return undefined;
  }
}
