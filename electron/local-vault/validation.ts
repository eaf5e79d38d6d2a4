import { errors } from './errors';

export const NAME_PATTERN = /^[0-9a-zA-Z-]{1,127}$/;
export const VERSION_PATTERN = /^[0-9a-fA-F]{32}$/;
export const MAX_VALUE_LENGTH = 25_600;
export const MAX_CONTENT_TYPE_LENGTH = 255;
export const MAX_TAGS = 15;
export const MAX_TAG_PART_LENGTH = 512;

export interface AttributeInput {
  enabled?: boolean;
  /** null means "clear", undefined means "leave unchanged". */
  nbf?: number | null;
  exp?: number | null;
}

export interface SetInput extends AttributeInput {
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
}

export interface UpdateInput extends AttributeInput {
  contentType?: string;
  tags?: Record<string, string> | null;
}

export function assertValidName(name: string): void {
  if (!NAME_PATTERN.test(name)) throw errors.invalidName(name);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw errors.badParameter('The request body must be a JSON object.');
  return body;
}

function parseContentType(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw errors.badParameter("Property 'contentType' must be a string.");
  if (v.length > MAX_CONTENT_TYPE_LENGTH) throw errors.propertyInvalid();
  return v;
}

function parseTags(v: unknown): Record<string, string> | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (!isObject(v)) throw errors.badParameter("Property 'tags' must be an object of strings.");
  const entries = Object.entries(v);
  if (entries.length > MAX_TAGS) throw errors.propertyInvalid();
  for (const [k, val] of entries) {
    if (typeof val !== 'string') throw errors.badParameter("Property 'tags' must be an object of strings.");
    if (k.length === 0 || k.length > MAX_TAG_PART_LENGTH || val.length > MAX_TAG_PART_LENGTH) {
      throw errors.propertyInvalid();
    }
  }
  // fromEntries defines own properties, so a tag named "__proto__" is kept, not swallowed.
  const tags = Object.fromEntries(entries) as Record<string, string>;
  return tags;
}

function parseTime(v: unknown, field: string): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw errors.badParameter(`Property '${field}' must be an integer number of seconds since 1970-01-01.`);
  }
  return v;
}

function parseAttributes(v: unknown): AttributeInput {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw errors.badParameter("Property 'attributes' must be an object.");
  const out: AttributeInput = {};
  if (v.enabled !== undefined && v.enabled !== null) {
    if (typeof v.enabled !== 'boolean') throw errors.badParameter("Property 'enabled' must be a boolean.");
    out.enabled = v.enabled;
  }
  const nbf = parseTime(v.nbf, 'nbf');
  const exp = parseTime(v.exp, 'exp');
  if (nbf !== undefined) out.nbf = nbf;
  if (exp !== undefined) out.exp = exp;
  // created, updated, recoveryLevel and recoverableDays are read-only: ignored like the service does.
  return out;
}

export function parseSetBody(body: unknown): SetInput {
  const o = requireObject(body);
  if (o.value === undefined || o.value === null) throw errors.badParameter("Property 'value' is required.");
  if (typeof o.value !== 'string') throw errors.badParameter("Property 'value' must be a string.");
  if (o.value.length > MAX_VALUE_LENGTH) {
    throw errors.badParameter(
      `Secret is beyond the maximum permitted length of ${MAX_VALUE_LENGTH} characters.`,
    );
  }
  const out: SetInput = { value: o.value, ...parseAttributes(o.attributes) };
  const contentType = parseContentType(o.contentType);
  if (contentType !== undefined) out.contentType = contentType;
  const tags = parseTags(o.tags);
  if (tags) out.tags = tags;
  return out;
}

export function parseUpdateBody(body: unknown): UpdateInput {
  const o = requireObject(body);
  const out: UpdateInput = parseAttributes(o.attributes);
  const contentType = parseContentType(o.contentType);
  if (contentType !== undefined) out.contentType = contentType;
  const tags = parseTags(o.tags);
  if (tags !== undefined) out.tags = tags;
  return out;
}

export function parseRestoreBody(body: unknown): string {
  const o = requireObject(body);
  if (typeof o.value !== 'string') throw errors.badParameter("Property 'value' is required.");
  return o.value;
}
