import { errors } from './errors';
import { deletedBundle, deletedItem, secretBundle, secretItem } from './bundles';
import { latestOf } from './model';
import {
  decodePosition,
  firstAfter,
  nextLinkFor,
  parseMaxResults,
  planPage,
  type PagingMode,
} from './paging';
import type { Operation } from './router';
import { parseRestoreBody, parseSetBody, parseUpdateBody } from './validation';
import type { VaultService } from './vault-service';

export interface RequestContext {
  /** `https://host:port` as addressed by the client. */
  origin: string;
  pathname: string;
  apiVersion: string;
  query: URLSearchParams;
  body: unknown;
  /** How list pages are shaped (paging.ts); default the service's. */
  paging?: PagingMode;
}

export interface Reply {
  status: number;
  body?: unknown;
}

/** Runs one operation; throws ServiceError for the service's error answers. */
export async function execute(service: VaultService, op: Operation, ctx: RequestContext): Promise<Reply> {
  const { origin } = ctx;
  const policy = service.policy;
  switch (op.op) {
    case 'set': {
      const { secret, version } = await service.setSecret(op.name, parseSetBody(ctx.body));
      return { status: 200, body: secretBundle(origin, secret, version, policy, true) };
    }
    case 'get': {
      const { secret, version } = service.getSecret(op.name, op.version);
      checkOutContentType(ctx);
      return { status: 200, body: secretBundle(origin, secret, version, policy, true) };
    }
    case 'update': {
      const { secret, version } = await service.updateSecret(op.name, op.version, parseUpdateBody(ctx.body));
      return { status: 200, body: secretBundle(origin, secret, version, policy, false) };
    }
    case 'delete':
      return { status: 200, body: deletedBundle(origin, await service.deleteSecret(op.name), policy) };
    case 'getDeleted':
      return { status: 200, body: deletedBundle(origin, service.deletedSecret(op.name), policy) };
    case 'recover': {
      const secret = await service.recover(op.name);
      return { status: 200, body: secretBundle(origin, secret, latestOf(secret), policy, false) };
    }
    case 'purge':
      await service.purge(op.name);
      return { status: 204 };
    case 'backup':
      return { status: 200, body: { value: service.backup(op.name) } };
    case 'restore': {
      const secret = await service.restore(parseRestoreBody(ctx.body));
      return { status: 200, body: secretBundle(origin, secret, latestOf(secret), policy, false) };
    }
    case 'list':
    case 'listDeleted': {
      const max = parseMaxResults(ctx.query.get('maxresults'));
      const position = decodePosition(ctx.query.get('$skiptoken'));
      const deleted = op.op === 'listDeleted';
      const keys = service.listedKeys(deleted);
      const path = ctx.pathname.replace(/\/$/, '');
      const plan = planPage({
        total: keys.length,
        start: firstAfter(keys, position.after),
        max,
        position,
        list: path,
        paging: ctx.paging ?? { mode: 'service' },
        markerAt: (i) => keys[i] as string,
      });
      const value = keys.slice(plan.start, plan.start + plan.count).map((key) => {
        if (deleted) return deletedItem(origin, service.listedDeleted(key), policy);
        const secret = service.listedActive(key);
        return secretItem(origin, secret, latestOf(secret), policy, false);
      });
      return { status: 200, body: { value, nextLink: linkFor(ctx, path, max, plan.next) } };
    }
    case 'versions': {
      const max = parseMaxResults(ctx.query.get('maxresults'));
      const position = decodePosition(ctx.query.get('$skiptoken'));
      const secret = service.listVersions(op.name);
      const versions = secret?.versions ?? [];
      // Versions page in creation order; the marker is the index of the last one returned.
      const after = position.after;
      if (after !== undefined && !/^\d{1,9}$/.test(after)) {
        throw errors.badParameter('The $skiptoken query parameter is not valid.');
      }
      const plan = planPage({
        total: secret ? versions.length : 0,
        start: after === undefined ? 0 : Number(after) + 1,
        max,
        position,
        list: ctx.pathname.toUpperCase(),
        paging: ctx.paging ?? { mode: 'service' },
        markerAt: String,
      });
      const page = versions.slice(plan.start, plan.start + plan.count);
      const value = secret ? page.map((v) => secretItem(origin, secret, v, policy, true)) : [];
      return { status: 200, body: { value, nextLink: linkFor(ctx, ctx.pathname, max, plan.next) } };
    }
  }
}

function linkFor(
  ctx: RequestContext,
  path: string,
  max: number,
  next: { after?: string; gap: number } | null,
): string | null {
  return next === null ? null : nextLinkFor(ctx.origin, path, ctx.apiVersion, next.after, max, next.gap);
}

/** api-versions that know `outContentType` (certificate-backed secrets only). */
const OUT_CONTENT_TYPE_VERSIONS = new Set(['2025-06-01-preview', '2025-07-01', '2026-04-01']);
const TRANSFORMS: Record<string, string> = { 'application/x-pem-file': 'PEM', 'application/x-pkcs12': 'PFX' };

/**
 * Our secrets are never certificate-backed, so any conversion is refused the way the service refuses
 * PEM for a plain secret (recorded). Older api-versions ignore the parameter.
 */
function checkOutContentType(ctx: RequestContext): void {
  const wanted = ctx.query.get('outContentType');
  if (wanted === null || !OUT_CONTENT_TYPE_VERSIONS.has(ctx.apiVersion)) return;
  const target = TRANSFORMS[wanted] ?? wanted;
  throw errors.badParameter(
    `The 'Unsupported' to '${target}' transformation is not supported. Only PFX to PEM transformation is supported.`,
  );
}
