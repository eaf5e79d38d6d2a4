/**
 * A structural diff of two JSON documents: both normalised (keys sorted, two-space indent) so that key order and
 * formatting do not count, and the paths whose value was added, removed or changed. Arrays compare by position.
 * Only objects and arrays count as JSON here: a value such as `42` or `"x"` is shown with the line diff.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PathChange {
  kind: 'added' | 'removed' | 'changed';
  /** e.g. `$.db.hosts[0]`, `$["key with space"]`. */
  path: string;
  /** The value at the path, normalised JSON text (changed and removed). */
  before?: string;
  /** (changed and added) */
  after?: string;
}

export interface JsonDiff {
  /** The older document, normalised. */
  olderText: string;
  newerText: string;
  changes: PathChange[];
}

const isContainer = (v: unknown): v is Json[] | { [key: string]: Json } =>
  typeof v === 'object' && v !== null;
const isObject = (v: Json): v is { [key: string]: Json } => isContainer(v) && !Array.isArray(v);

/** The document if `text` is a JSON object or array, else undefined. */
export function parseJsonDocument(text: string): Json | undefined {
  try {
    const parsed = JSON.parse(text) as Json;
    return isContainer(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// Object.keys gives own keys only; JSON.parse makes '__proto__' an own key like any other.
const keysOf = (o: { [key: string]: Json }) => Object.keys(o).sort(compareKeys);
const own = (o: { [key: string]: Json }, key: string) => Object.hasOwn(o, key);

/** Normalised JSON text: sorted keys, two spaces per level, without building a new object. */
export function normaliseJson(value: Json, indent = ''): string {
  if (!isContainer(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + normaliseJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = keysOf(value);
  if (keys.length === 0) return '{}';
  const body = keys.map((k) => `${inner}${JSON.stringify(k)}: ${normaliseJson(value[k]!, inner)}`);
  return `{\n${body.join(',\n')}\n${indent}}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const childPath = (path: string, key: string) =>
  IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function walk(a: Json, b: Json, path: string, out: PathChange[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= b.length) out.push({ kind: 'removed', path: p, before: normaliseJson(a[i]!) });
      else if (i >= a.length) out.push({ kind: 'added', path: p, after: normaliseJson(b[i]!) });
      else walk(a[i]!, b[i]!, p, out);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...keysOf(a), ...keysOf(b)])].sort(compareKeys);
    for (const key of keys) {
      const p = childPath(path, key);
      if (!own(b, key)) out.push({ kind: 'removed', path: p, before: normaliseJson(a[key]!) });
      else if (!own(a, key)) out.push({ kind: 'added', path: p, after: normaliseJson(b[key]!) });
      else walk(a[key]!, b[key]!, p, out);
    }
    return;
  }
  const before = normaliseJson(a);
  const after = normaliseJson(b);
  if (before !== after) out.push({ kind: 'changed', path, before, after });
}

/** The structural diff, or undefined when either text is not a JSON object or array (use the line diff then). */
export function diffJson(older: string, newer: string): JsonDiff | undefined {
  const a = parseJsonDocument(older);
  const b = parseJsonDocument(newer);
  if (a === undefined || b === undefined) return undefined;
  const changes: PathChange[] = [];
  walk(a, b, '$', changes);
  return { olderText: normaliseJson(a), newerText: normaliseJson(b), changes };
}
