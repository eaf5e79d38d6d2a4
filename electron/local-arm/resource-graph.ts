import { ArmError } from './errors';

/**
 * The small KQL subset the stand-in runs over `resources` (its key vaults only):
 *
 *   [resources |] where <cond> [and <cond>]… [| where …] [| project col[, alias = path]…] [| order by col [asc|desc], …]
 *   [| limit N | take N]
 *
 * A condition compares a column or a dotted path (`properties.enableRbacAuthorization`) with `==`, `!=`, `=~`, `!~`
 * against a string, number, `true` or `false`. The query must restrict `type` to `microsoft.keyvault/vaults`
 * (`type =~ 'microsoft.keyvault/vaults'`, case as Resource Graph stores it for `==`), since that is all the
 * stand-in holds. Anything else is answered with Resource Graph's own 400 shape (BadRequest / InvalidQuery /
 * ParserFailure) rather than a guess at what the real service would return.
 */
export type Row = Record<string, unknown>;

type Literal = string | number | boolean;
interface Condition {
  path: string[];
  op: '==' | '!=' | '=~' | '!~';
  value: Literal;
}
interface Projection {
  name: string;
  path: string[];
}
interface Order {
  column: string;
  path: string[];
  desc: boolean;
}
export interface ParsedQuery {
  conditions: Condition[];
  project?: Projection[];
  order: Order[];
  limit?: number;
}

const VAULT_TYPE = 'microsoft.keyvault/vaults';

/** Resource Graph's answer to a query it cannot parse, with the position of the offending token. */
export function invalidQuery(position: number, token: string, correlationId: string, now: Date): ArmError {
  return new ArmError(
    400,
    'BadRequest',
    `Please provide below info when asking for support: timestamp = ${now.toISOString()}, correlationId = ${correlationId}.`,
    {},
    [
      {
        code: 'InvalidQuery',
        message:
          'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
      },
      { code: 'ParserFailure', message: 'ParserFailure', line: 1, characterPositionInLine: position, token },
    ],
  );
}

class QueryError extends Error {
  constructor(
    readonly position: number,
    readonly token: string,
  ) {
    super('invalid query');
  }
}

interface Token {
  kind: 'word' | 'string' | 'number' | 'op' | 'punct';
  text: string;
  pos: number;
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && q[i + 1] === '/') {
      while (i < q.length && q[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < q.length && q[j] !== c) {
        if (q[j] === '\\' && j + 1 < q.length) j++;
        text += q[j];
        j++;
      }
      if (j >= q.length) throw new QueryError(start, q.slice(start));
      out.push({ kind: 'string', text, pos: start });
      i = j + 1;
      continue;
    }
    const two = q.slice(i, i + 2);
    if (['==', '!=', '=~', '!~'].includes(two)) {
      out.push({ kind: 'op', text: two, pos: start });
      i += 2;
      continue;
    }
    if ('|,=().'.includes(c)) {
      out.push({ kind: 'punct', text: c, pos: start });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(q.slice(i));
    if (num) {
      out.push({ kind: 'number', text: num[0], pos: start });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i));
    if (word) {
      out.push({ kind: 'word', text: word[0], pos: start });
      i += word[0].length;
      continue;
    }
    throw new QueryError(start, c);
  }
  return out;
}

export function parseQuery(query: string): ParsedQuery {
  const toks = tokenize(query);
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const fail = (t: Token | undefined = toks[i]): never => {
    throw new QueryError(t?.pos ?? query.length, t?.text ?? '<EOF>');
  };
  const next = (): Token => toks[i++] ?? fail();
  const word = (w: string): boolean => {
    const t = peek();
    if (t?.kind === 'word' && t.text.toLowerCase() === w) {
      i++;
      return true;
    }
    return false;
  };
  const punct = (p: string): boolean => {
    const t = peek();
    if (t?.kind === 'punct' && t.text === p) {
      i++;
      return true;
    }
    return false;
  };
  const path = (): string[] => {
    const t = next();
    if (t.kind !== 'word') fail(t);
    const parts = [t.text];
    while (punct('.')) {
      const p = next();
      if (p.kind !== 'word') fail(p);
      parts.push(p.text);
    }
    return parts;
  };
  const literal = (): Literal => {
    const t = next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    return fail(t);
  };

  const parsed: ParsedQuery = { conditions: [], order: [] };
  // The table: `resources` (any case), or none, as Resource Graph also accepts a query that starts with an operator.
  if (peek()?.kind === 'word' && peek()?.text.toLowerCase() === 'resources') {
    i++;
    if (peek() && !punct('|')) fail();
  }
  while (peek()) {
    if (word('where')) {
      do {
        const p = path();
        const op = next();
        if (op.kind !== 'op') fail(op);
        parsed.conditions.push({ path: p, op: op.text as Condition['op'], value: literal() });
      } while (word('and'));
    } else if (word('project')) {
      parsed.project = [];
      do {
        const first = path();
        if (first.length === 1 && punct('=')) parsed.project.push({ name: first[0] as string, path: path() });
        else parsed.project.push({ name: first.join('_'), path: first });
      } while (punct(','));
    } else if (word('order') || word('sort')) {
      if (!word('by')) fail();
      do {
        const p = path();
        // KQL sorts descending unless told otherwise.
        const desc = word('asc') ? false : (word('desc'), true);
        parsed.order.push({ column: p.join('_'), path: p, desc });
      } while (punct(','));
    } else if (word('limit') || word('take')) {
      const n = next();
      if (n.kind !== 'number' || !Number.isInteger(Number(n.text)) || Number(n.text) < 0) fail(n);
      parsed.limit = Number(n.text);
    } else fail();
    if (peek() && !punct('|')) fail();
  }
  const typed = parsed.conditions.some(
    (c) =>
      c.path.length === 1 &&
      c.path[0] === 'type' &&
      typeof c.value === 'string' &&
      ((c.op === '=~' && c.value.toLowerCase() === VAULT_TYPE) || (c.op === '==' && c.value === VAULT_TYPE)),
  );
  if (!typed) throw new QueryError(0, query.slice(0, 40));
  return parsed;
}

/** Parses, or answers with Resource Graph's 400 naming the offending token. */
export function parseOrReject(query: string, correlationId: string, now: Date): ParsedQuery | ArmError {
  try {
    return parseQuery(query);
  } catch (e) {
    if (e instanceof QueryError) return invalidQuery(e.position, e.token, correlationId, now);
    throw e;
  }
}

const at = (row: Row, path: readonly string[]): unknown => {
  let v: unknown = row;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[p];
  }
  return v ?? null;
};

function matches(row: Row, c: Condition): boolean {
  const v = at(row, c.path);
  if (c.op === '=~' || c.op === '!~') {
    const eq = String(v ?? '').toLowerCase() === String(c.value).toLowerCase();
    return c.op === '=~' ? eq : !eq;
  }
  const eq = v === c.value;
  return c.op === '==' ? eq : !eq;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Runs a parsed query over the rows (already limited to the caller's subscriptions). */
export function runQuery(q: ParsedQuery, rows: readonly Row[]): Row[] {
  let out = rows.filter((r) => q.conditions.every((c) => matches(r, c)));
  if (q.order.length > 0) {
    // Sorted on the source rows: an order column is a projected alias (its path) or a path of the row.
    const order = q.order.map((o) => ({
      path: q.project?.find((p) => p.name === o.column)?.path ?? o.path,
      desc: o.desc,
    }));
    out = [...out].sort((a, b) => {
      for (const o of order) {
        const d = compare(at(a, o.path), at(b, o.path));
        if (d !== 0) return o.desc ? -d : d;
      }
      return 0;
    });
  }
  if (q.limit !== undefined) out = out.slice(0, q.limit);
  if (q.project) {
    const cols = q.project;
    out = out.map((r) => Object.fromEntries(cols.map((c) => [c.name, at(r, c.path)])));
  }
  return out;
}
