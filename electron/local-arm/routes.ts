import { createHash } from 'node:crypto';
import { seededRandom } from '../local-vault/knobs';
import type { ArmCaller } from './auth';
import { ArmError, armErrors } from './errors';
import type { ArmFaults } from './options';
import { parseOrReject, runQuery, type Row } from './resource-graph';
import { BUILT_IN_ROLES, builtInRole } from './roles';
import {
  deletedVaultJson,
  genericResourceJson,
  graphRow,
  roleAssignmentJson,
  roleDefinitionJson,
  subscriptionJson,
  tenantJson,
  vaultJson,
} from './shapes';
import type { ArmSubscription, ArmWorld } from './world';

/** The api-versions each family of routes accepts (the SDKs' own first; see the README). */
export const API_VERSIONS = {
  resources: [
    '2016-06-01',
    '2018-06-01',
    '2019-06-01',
    '2019-11-01',
    '2020-01-01',
    '2021-01-01',
    '2022-12-01',
  ],
  genericResources: ['2015-11-01', '2019-10-01', '2021-04-01', '2022-09-01'],
  keyVault: [
    '2019-09-01',
    '2021-10-01',
    '2022-07-01',
    '2023-02-01',
    '2023-07-01',
    '2024-11-01',
    '2026-02-01',
  ],
  resourceGraph: ['2019-04-01', '2021-03-01', '2022-10-01', '2024-04-01'],
  authorization: ['2015-07-01', '2018-01-01-preview', '2020-10-01-preview', '2022-04-01'],
} as const;

type Family = keyof typeof API_VERSIONS;

export type Operation =
  | { op: 'tenants' }
  | { op: 'subscriptions' }
  | { op: 'subscription'; sub: string }
  | { op: 'genericResources'; sub: string }
  | { op: 'vaults'; sub: string; rg?: string }
  | { op: 'vault'; sub: string; rg: string; name: string }
  | { op: 'deletedVaults'; sub: string }
  | { op: 'deletedVault'; sub: string; location: string; name: string }
  | { op: 'resourceGraph' }
  | { op: 'roleAssignments'; scope: string }
  | { op: 'roleAssignment'; scope: string; name: string }
  | { op: 'roleDefinitions'; scope: string }
  | { op: 'roleDefinition'; scope: string; guid: string };

export interface Routed {
  operation: Operation;
  family: Family;
  /** ARM's resource type, as NoRegisteredProviderFound names it. */
  resourceType: string;
  method: 'GET' | 'POST';
}

const eq = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

/** Method + normalized path → operation (ARM's path segments are case-insensitive). */
export function route(method: string, path: string): Routed | ArmError {
  let s: string[];
  try {
    s = path
      .split('/')
      .filter(Boolean)
      .map((p) => decodeURIComponent(p));
  } catch {
    return armErrors.routeNotFound(path);
  }
  let authz = -1;
  for (let i = s.length - 2; i >= 0 && authz < 0; i--)
    if (eq(s[i], 'providers') && eq(s[i + 1], 'Microsoft.Authorization')) authz = i;
  const get = (operation: Operation, family: Family, resourceType: string): Routed | ArmError =>
    method === 'GET'
      ? { operation, family, resourceType, method: 'GET' }
      : armErrors.methodNotAllowed(method);

  if (authz >= 0) {
    const scope = authz === 0 ? '' : `/${s.slice(0, authz).join('/')}`;
    const [kind, name, extra] = s.slice(authz + 2);
    if (extra === undefined) {
      if (eq(kind, 'roleAssignments'))
        return get(
          name === undefined ? { op: 'roleAssignments', scope } : { op: 'roleAssignment', scope, name },
          'authorization',
          'roleAssignments',
        );
      if (eq(kind, 'roleDefinitions'))
        return get(
          name === undefined ? { op: 'roleDefinitions', scope } : { op: 'roleDefinition', scope, guid: name },
          'authorization',
          'roleDefinitions',
        );
    }
    return armErrors.routeNotFound(path);
  }
  if (s.length === 1 && eq(s[0], 'tenants')) return get({ op: 'tenants' }, 'resources', 'tenants');
  if (
    s.length === 3 &&
    eq(s[0], 'providers') &&
    eq(s[1], 'Microsoft.ResourceGraph') &&
    eq(s[2], 'resources')
  ) {
    return method === 'POST'
      ? {
          operation: { op: 'resourceGraph' },
          family: 'resourceGraph',
          resourceType: 'resources',
          method: 'POST',
        }
      : armErrors.methodNotAllowed(method);
  }
  if (!eq(s[0], 'subscriptions')) return armErrors.routeNotFound(path);
  if (s.length === 1) return get({ op: 'subscriptions' }, 'resources', 'subscriptions');
  const sub = s[1] as string;
  if (s.length === 2) return get({ op: 'subscription', sub }, 'resources', 'subscriptions');
  if (s.length === 3 && eq(s[2], 'resources'))
    return get({ op: 'genericResources', sub }, 'genericResources', 'resources');
  if (eq(s[2], 'providers') && eq(s[3], 'Microsoft.KeyVault')) {
    if (s.length === 5 && eq(s[4], 'vaults')) return get({ op: 'vaults', sub }, 'keyVault', 'vaults');
    if (s.length === 5 && eq(s[4], 'deletedVaults'))
      return get({ op: 'deletedVaults', sub }, 'keyVault', 'deletedVaults');
    if (s.length === 8 && eq(s[4], 'locations') && eq(s[6], 'deletedVaults'))
      return get(
        { op: 'deletedVault', sub, location: s[5] as string, name: s[7] as string },
        'keyVault',
        'locations/deletedVaults',
      );
  }
  if (
    eq(s[2], 'resourceGroups') &&
    s.length >= 7 &&
    eq(s[4], 'providers') &&
    eq(s[5], 'Microsoft.KeyVault')
  ) {
    const rg = s[3] as string;
    if (s.length === 7 && eq(s[6], 'vaults')) return get({ op: 'vaults', sub, rg }, 'keyVault', 'vaults');
    if (s.length === 8 && eq(s[6], 'vaults'))
      return get({ op: 'vault', sub, rg, name: s[7] as string }, 'keyVault', 'vaults');
  }
  return armErrors.routeNotFound(path);
}

export function checkApiVersion(r: Routed, version: string | null): ArmError | undefined {
  if (version === null || version === '') return armErrors.missingApiVersion();
  const supported: readonly string[] = API_VERSIONS[r.family];
  return supported.includes(version)
    ? undefined
    : armErrors.invalidApiVersion(version, r.resourceType, supported);
}

/** The subscription a request is about (its throttling bucket); undefined for tenant-level requests. */
export function subscriptionOf(op: Operation): string | undefined {
  if ('sub' in op) return op.sub;
  if ('scope' in op) return /^\/subscriptions\/([^/]+)/i.exec(op.scope)?.[1];
  return undefined;
}

export interface RequestContext {
  caller: ArmCaller;
  query: URLSearchParams;
  body: unknown;
  /** https://host:port as the client addressed us, for nextLinks. */
  origin: string;
  path: string;
  apiVersion: string;
  correlationId: string;
}

export interface Reply {
  status: number;
  body: unknown;
}

export interface ServiceDeps {
  world: ArmWorld;
  faults: ArmFaults;
  pageSize: number;
  /** 'service': full pages; 'sparse': short and empty pages as recorded (sparsePage). */
  paging: { mode: 'service' } | { mode: 'sparse'; seed: number };
  authority: string;
  now: () => number;
  /** The issuer a tenant's tokens carry (quoted by InvalidAuthenticationTokenTenant). */
  issuerOf: (tenantId: string) => string;
}

interface PageToken {
  /** Offset of the next item. */
  o: number;
  /** Sparse paging: pages served so far, and empty pages in a row. */
  n?: number;
  e?: number;
  /** Sparse paging: the trailing empty page after the last items. */
  t?: 1;
}

const encodeToken = (t: PageToken): string => Buffer.from(JSON.stringify(t)).toString('base64url');
function decodeToken(raw: string | null): PageToken | ArmError {
  if (raw === null) return { o: 0 };
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
    if (Number.isInteger(t.o) && t.o >= 0) return t;
  } catch {
    // answered below
  }
  return armErrors.badRequest(`The skip token '${raw}' is not valid.`);
}

/** One page of a list, with a nextLink (carrying api-version, $top and $skiptoken) while more remain. */
function page<T>(
  items: readonly T[],
  toJson: (t: T) => unknown,
  ctx: RequestContext,
  deps: ServiceDeps,
): Reply | ArmError {
  const topRaw = ctx.query.get('$top');
  let size = deps.pageSize;
  if (topRaw !== null) {
    const n = Number(topRaw);
    if (!/^\d+$/.test(topRaw) || n < 1 || n > 1000)
      return armErrors.badRequest(`The value '${topRaw}' of query parameter '$top' is not valid: 1 to 1000.`);
    size = n;
  }
  const token = decodeToken(ctx.query.get('$skiptoken') ?? ctx.query.get('$skipToken'));
  if (token instanceof ArmError) return token;
  const link = (next: PageToken): string => {
    const q = new URLSearchParams();
    for (const [k, v] of ctx.query) if (k.toLowerCase() !== '$skiptoken') q.append(k, v);
    if (!q.has('api-version')) q.set('api-version', ctx.apiVersion);
    q.set('$skiptoken', encodeToken(next));
    return `${ctx.origin}${ctx.path}?${q.toString()}`;
  };
  if (deps.paging.mode === 'sparse')
    return sparsePage(items, toJson, token, size, link, ctx.path, deps.paging.seed);
  const slice = items.slice(token.o, token.o + size);
  const body: { value: unknown[]; nextLink?: string } = { value: slice.map(toJson) };
  if (token.o + size < items.length) body.nextLink = link({ o: token.o + size });
  return { status: 200, body };
}

/** A number from a string (FNV-1a), to seed the sparse pages of one list position. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Pages as Microsoft's recorded vault list shows them (azure-sdk-for-js arm-keyvault
 * `recording_vaults_list_test.json`): short pages, empty pages that still carry a nextLink, and after the last
 * items sometimes one more empty page before the final `{"value":[]}` without nextLink. Drawn from the seed, the
 * path and the position, so the same link always gets the same answer; at most 3 empty pages in a row.
 */
function sparsePage<T>(
  items: readonly T[],
  toJson: (t: T) => unknown,
  token: PageToken,
  size: number,
  link: (next: PageToken) => string,
  path: string,
  seed: number,
): Reply {
  if (token.t) return { status: 200, body: { value: [] } };
  const random = seededRandom(fnv(`${seed}|${path.toLowerCase()}|${token.o}|${token.n ?? 0}`));
  const empties = token.e ?? 0;
  const n = (token.n ?? 0) + 1;
  const take = empties < 3 && random() < 0.3 ? 0 : 1 + Math.floor(random() * size);
  const slice = items.slice(token.o, token.o + take);
  const o = token.o + slice.length;
  const body: { value: unknown[]; nextLink?: string } = { value: slice.map(toJson) };
  if (o < items.length) body.nextLink = link({ o, n, e: slice.length === 0 ? empties + 1 : 0 });
  else if (slice.length > 0 && random() < 0.5) body.nextLink = link({ o, n, t: 1 });
  return { status: 200, body };
}

/** A subscription the caller may address: it exists, and belongs to the token's tenant. */
function subscriptionFor(sub: string, ctx: RequestContext, deps: ServiceDeps): ArmSubscription | ArmError {
  const s = deps.world.subscriptions.find((x) => eq(x.subscriptionId, sub));
  if (!s) return armErrors.subscriptionNotFound(sub);
  if (s.tenantId !== ctx.caller.tenantId)
    return armErrors.wrongTenant(deps.authority, ctx.caller.issuer, deps.issuerOf(s.tenantId), s.tenantId);
  return s;
}

function failure(
  sub: ArmSubscription,
  action: string,
  ctx: RequestContext,
  deps: ServiceDeps,
): ArmError | undefined {
  const f = deps.faults.failingSubscriptions[sub.subscriptionId];
  if (f === 'forbidden')
    return armErrors.authorizationFailed(
      ctx.caller.principalId,
      ctx.caller.appId,
      action,
      `/subscriptions/${sub.subscriptionId}`,
    );
  if (f === 'error') return armErrors.internal();
  return undefined;
}

/** Whether a scope is at or above another (segment-wise, case-insensitive); '' is the root. */
export function scopeCovers(outer: string, inner: string): boolean {
  const o = outer.toLowerCase().replace(/\/+$/, '');
  const i = inner.toLowerCase().replace(/\/+$/, '');
  return o === '' || i === o || i.startsWith(`${o}/`);
}

/** Checks a role-assignment scope: root, a subscription, a resource group, or a vault the caller can address. */
function checkScope(scope: string, ctx: RequestContext, deps: ServiceDeps): ArmError | undefined {
  if (scope === '') return undefined;
  const s = scope.split('/').filter(Boolean);
  if (!eq(s[0], 'subscriptions') || s.length < 2) return armErrors.routeNotFound(scope);
  const sub = subscriptionFor(s[1] as string, ctx, deps);
  if (sub instanceof ArmError) return sub;
  if (s.length === 2) return undefined;
  if (!eq(s[2], 'resourceGroups') || s.length < 4) return armErrors.routeNotFound(scope);
  const rg = s[3] as string;
  if (!sub.resourceGroups.some((r) => eq(r, rg))) return armErrors.resourceGroupNotFound(rg);
  if (s.length === 4) return undefined;
  if (s.length === 8 && eq(s[4], 'providers') && eq(s[5], 'Microsoft.KeyVault') && eq(s[6], 'vaults')) {
    const name = s[7] as string;
    const v = deps.world.vaults.find(
      (x) => eq(x.subscriptionId, sub.subscriptionId) && eq(x.resourceGroup, rg) && eq(x.name, name),
    );
    return v ? undefined : armErrors.resourceNotFound('Microsoft.KeyVault/vaults', name, rg);
  }
  return armErrors.routeNotFound(scope);
}

const quoted = (filter: string, fn: string): string | undefined =>
  new RegExp(`^${fn}\\('([^']*)'\\)$`, 'i').exec(filter.trim())?.[1];

function roleAssignmentFilter(
  filter: string | null,
): { atScope: boolean; principalId?: string; withGroups?: boolean } | ArmError {
  if (filter === null || filter.trim() === '') return { atScope: false };
  let atScope = false;
  let principalId: string | undefined;
  let withGroups = false;
  for (const part of filter.split(/\s+and\s+/i)) {
    const p = part.trim();
    if (/^atScope\(\)$/i.test(p)) atScope = true;
    else if (quoted(p, 'assignedTo') !== undefined) {
      principalId = quoted(p, 'assignedTo');
      withGroups = true;
    } else {
      const m = /^principalId\s+eq\s+'([^']*)'$/i.exec(p);
      if (!m) return armErrors.invalidFilter(filter);
      principalId = m[1];
    }
  }
  return principalId === undefined ? { atScope } : { atScope, principalId, withGroups };
}

function resourceGraph(ctx: RequestContext, deps: ServiceDeps): Reply | ArmError {
  if (deps.faults.resourceGraphDenied)
    return armErrors.authorizationFailed(
      ctx.caller.principalId,
      ctx.caller.appId,
      'Microsoft.ResourceGraph/resources/read',
      '/providers/Microsoft.ResourceGraph',
    );
  const body = ctx.body as
    | {
        query?: unknown;
        subscriptions?: unknown;
        options?: { $top?: unknown; $skip?: unknown; $skipToken?: unknown; resultFormat?: unknown };
      }
    | undefined;
  if (!body || typeof body !== 'object' || typeof body.query !== 'string')
    return armErrors.badRequest(
      "The request content was invalid and could not be deserialized: 'query' is required.",
    );
  const parsed = parseOrReject(body.query, ctx.correlationId, new Date(deps.now()));
  if (parsed instanceof ArmError) return parsed;

  const inTenant = deps.world.subscriptions.filter(
    (s) =>
      s.tenantId === ctx.caller.tenantId &&
      deps.faults.failingSubscriptions[s.subscriptionId] !== 'forbidden',
  );
  const wanted = Array.isArray(body.subscriptions)
    ? new Set(
        body.subscriptions.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()),
      )
    : undefined;
  const subs = new Set(
    inTenant
      .filter((s) => !wanted || wanted.has(s.subscriptionId.toLowerCase()))
      .map((s) => s.subscriptionId),
  );
  const rows: Row[] = deps.world.vaults.filter((v) => subs.has(v.subscriptionId)).map(graphRow);
  const result = runQuery(parsed, rows);

  const o = body.options ?? {};
  const top = o.$top === undefined ? 1000 : o.$top;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > 1000)
    return armErrors.badRequest("The value of 'options.$top' must be an integer from 1 to 1000.");
  const skip = o.$skip === undefined ? 0 : o.$skip;
  if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0)
    return armErrors.badRequest("The value of 'options.$skip' must be a non-negative integer.");
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([body.query, [...subs].sort()]))
    .digest('base64url')
    .slice(0, 16);
  let offset = skip;
  if (o.$skipToken !== undefined && o.$skipToken !== null && o.$skipToken !== '') {
    let t: { o?: unknown; f?: unknown } | undefined;
    try {
      t = JSON.parse(Buffer.from(String(o.$skipToken), 'base64url').toString('utf8')) as typeof t;
    } catch {
      t = undefined;
    }
    if (!t || typeof t.o !== 'number' || t.f !== fingerprint)
      return armErrors.badRequest('The $skipToken is not valid for this query and these subscriptions.');
    offset = t.o;
  }
  const data = result.slice(offset, offset + top);
  const more = offset + data.length < result.length;
  // Paging is impossible for a query that limits itself (limit / take) or whose columns are all dynamic or null;
  // then more records are reported as resultTruncated "true" and no $skipToken. A pageable rest gets a $skipToken
  // and resultTruncated "false" (Microsoft's "Guidance for pagination": "When resultTruncated is true, the
  // $skipToken property isn't set").
  const allDynamic =
    data.length > 0 && data.every((r) => Object.values(r).every((v) => v === null || typeof v === 'object'));
  const pageable = parsed.limit === undefined && !allDynamic;
  const reply: Record<string, unknown> = {
    totalRecords: result.length,
    count: data.length,
    data: o.resultFormat === 'table' ? toTable(data) : data,
    facets: [],
    resultTruncated: more && !pageable ? 'true' : 'false',
  };
  if (more && pageable)
    reply.$skipToken = Buffer.from(JSON.stringify({ o: offset + data.length, f: fingerprint })).toString(
      'base64url',
    );
  return { status: 200, body: reply };
}

function toTable(rows: Row[]): { columns: Array<{ name: string; type: string }>; rows: unknown[][] } {
  const names = rows.length > 0 ? Object.keys(rows[0] as Row) : [];
  const typeOf = (v: unknown): string =>
    typeof v === 'string'
      ? 'string'
      : typeof v === 'boolean'
        ? 'boolean'
        : typeof v === 'number'
          ? Number.isInteger(v)
            ? 'integer'
            : 'number'
          : 'object';
  return {
    columns: names.map((n) => ({ name: n, type: typeOf(rows.find((r) => r[n] != null)?.[n] ?? {}) })),
    rows: rows.map((r) => names.map((n) => r[n] ?? null)),
  };
}

/** Runs one routed operation for an authenticated caller. */
export function execute(r: Routed, ctx: RequestContext, deps: ServiceDeps): Reply | ArmError {
  const op = r.operation;
  const w = deps.world;
  switch (op.op) {
    case 'tenants':
      // Every tenant the account belongs to (the world's principal is a member of all), whatever the token's tenant.
      return page(w.tenants, tenantJson, ctx, deps);
    case 'subscriptions':
      return page(
        w.subscriptions.filter((s) => s.tenantId === ctx.caller.tenantId),
        subscriptionJson,
        ctx,
        deps,
      );
    case 'subscription': {
      const s = subscriptionFor(op.sub, ctx, deps);
      return s instanceof ArmError ? s : { status: 200, body: subscriptionJson(s) };
    }
    case 'genericResources': {
      const s = subscriptionFor(op.sub, ctx, deps);
      if (s instanceof ArmError) return s;
      const fail = failure(s, 'Microsoft.Resources/subscriptions/resources/read', ctx, deps);
      if (fail) return fail;
      const filter = ctx.query.get('$filter');
      const type = filter ? /resourceType\s+eq\s+'([^']+)'/i.exec(filter)?.[1] : undefined;
      if (filter && type === undefined) return armErrors.invalidFilter(filter);
      const vaults =
        type === undefined || eq(type, 'Microsoft.KeyVault/vaults')
          ? w.vaults.filter((v) => v.subscriptionId === s.subscriptionId)
          : [];
      return page(vaults, genericResourceJson, ctx, deps);
    }
    case 'vaults': {
      const s = subscriptionFor(op.sub, ctx, deps);
      if (s instanceof ArmError) return s;
      const rg = op.rg;
      if (rg !== undefined && !s.resourceGroups.some((x) => eq(x, rg)))
        return armErrors.resourceGroupNotFound(rg);
      const fail = failure(s, 'Microsoft.KeyVault/vaults/read', ctx, deps);
      if (fail) return fail;
      const vaults = w.vaults.filter(
        (v) => v.subscriptionId === s.subscriptionId && (rg === undefined || eq(v.resourceGroup, rg)),
      );
      return page(vaults, vaultJson, ctx, deps);
    }
    case 'vault': {
      const s = subscriptionFor(op.sub, ctx, deps);
      if (s instanceof ArmError) return s;
      if (!s.resourceGroups.some((x) => eq(x, op.rg))) return armErrors.resourceGroupNotFound(op.rg);
      const fail = failure(s, 'Microsoft.KeyVault/vaults/read', ctx, deps);
      if (fail) return fail;
      const v = w.vaults.find(
        (x) => x.subscriptionId === s.subscriptionId && eq(x.resourceGroup, op.rg) && eq(x.name, op.name),
      );
      return v
        ? { status: 200, body: vaultJson(v) }
        : armErrors.resourceNotFound('Microsoft.KeyVault/vaults', op.name, op.rg);
    }
    case 'deletedVaults': {
      const s = subscriptionFor(op.sub, ctx, deps);
      if (s instanceof ArmError) return s;
      const fail = failure(s, 'Microsoft.KeyVault/deletedVaults/read', ctx, deps);
      if (fail) return fail;
      return page(
        w.deletedVaults.filter((d) => d.subscriptionId === s.subscriptionId),
        deletedVaultJson,
        ctx,
        deps,
      );
    }
    case 'deletedVault': {
      const s = subscriptionFor(op.sub, ctx, deps);
      if (s instanceof ArmError) return s;
      const fail = failure(s, 'Microsoft.KeyVault/deletedVaults/read', ctx, deps);
      if (fail) return fail;
      const d = w.deletedVaults.find(
        (x) => x.subscriptionId === s.subscriptionId && eq(x.location, op.location) && eq(x.name, op.name),
      );
      return d
        ? { status: 200, body: deletedVaultJson(d) }
        : new ArmError(
            404,
            'ResourceNotFound',
            `The Resource 'Microsoft.KeyVault/deletedVaults/${op.name}' was not found.`,
          );
    }
    case 'resourceGraph':
      return resourceGraph(ctx, deps);
    case 'roleAssignments': {
      const bad = checkScope(op.scope, ctx, deps);
      if (bad) return bad;
      if (deps.faults.authorizationDenied)
        return armErrors.authorizationFailed(
          ctx.caller.principalId,
          ctx.caller.appId,
          'Microsoft.Authorization/roleAssignments/read',
          op.scope || '/',
        );
      const f = roleAssignmentFilter(ctx.query.get('$filter'));
      if (f instanceof ArmError) return f;
      const principals =
        f.principalId === undefined
          ? undefined
          : new Set([f.principalId, ...(f.withGroups ? (w.groupMemberships[f.principalId] ?? []) : [])]);
      const list = w.roleAssignments.filter(
        (a) =>
          (scopeCovers(a.scope, op.scope) || (!f.atScope && scopeCovers(op.scope, a.scope))) &&
          (principals === undefined || principals.has(a.principalId)) &&
          // A subscription's assignments are visible only to its own tenant's tokens.
          assignmentVisible(a.scope, ctx, deps),
      );
      return page(list, roleAssignmentJson, ctx, deps);
    }
    case 'roleAssignment': {
      const bad = checkScope(op.scope, ctx, deps);
      if (bad) return bad;
      const a = w.roleAssignments.find((x) => eq(x.name, op.name) && eq(x.scope, op.scope));
      return a ? { status: 200, body: roleAssignmentJson(a) } : armErrors.roleAssignmentNotFound();
    }
    case 'roleDefinitions': {
      const bad = checkScope(op.scope, ctx, deps);
      if (bad) return bad;
      const filter = ctx.query.get('$filter');
      let roles = BUILT_IN_ROLES;
      if (filter !== null && filter.trim() !== '') {
        const name = /^roleName\s+eq\s+'([^']*)'$/i.exec(filter.trim())?.[1];
        const type = /^type\s+eq\s+'([^']*)'$/i.exec(filter.trim())?.[1];
        if (name !== undefined) roles = roles.filter((x) => x.roleName.toLowerCase() === name.toLowerCase());
        else if (type !== undefined) roles = eq(type, 'BuiltInRole') ? roles : [];
        else return armErrors.invalidFilter(filter);
      }
      const sub = subscriptionOf(op);
      return page(roles, (x) => roleDefinitionJson(x, sub), ctx, deps);
    }
    case 'roleDefinition': {
      const bad = checkScope(op.scope, ctx, deps);
      if (bad) return bad;
      const role = builtInRole(op.guid);
      if (!role || role.guid !== op.guid.toLowerCase()) return armErrors.roleDefinitionNotFound();
      return { status: 200, body: roleDefinitionJson(role, subscriptionOf(op)) };
    }
  }
}

function assignmentVisible(scope: string, ctx: RequestContext, deps: ServiceDeps): boolean {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  if (sub === undefined) return true;
  return deps.world.subscriptions.some(
    (s) => eq(s.subscriptionId, sub) && s.tenantId === ctx.caller.tenantId,
  );
}
