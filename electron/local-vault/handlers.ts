import { errors } from './errors';
import { deletedBundle, deletedItem, secretBundle, secretItem } from './bundles';
import { latestOf } from './model';
import { decodeSkipToken, firstAfter, nextLinkFor, parseMaxResults } from './paging';
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
      const after = decodeSkipToken(ctx.query.get('$skiptoken'));
      const deleted = op.op === 'listDeleted';
      const keys = deleted ? service.state.sortedDeletedKeys() : service.state.sortedActiveKeys();
      const start = firstAfter(keys, after);
      const pageKeys = keys.slice(start, start + max);
      const value = pageKeys.map((key) => {
        if (deleted) return deletedItem(origin, service.state.deleted.get(key)!, policy);
        const secret = service.state.active.get(key)!;
        return secretItem(origin, secret, latestOf(secret), policy, false);
      });
      const last = pageKeys[pageKeys.length - 1];
      const nextLink =
        last === undefined
          ? null
          : nextLinkFor(origin, ctx.pathname.replace(/\/$/, ''), ctx.apiVersion, last, max);
      return { status: 200, body: { value, nextLink } };
    }
    case 'versions': {
      const max = parseMaxResults(ctx.query.get('maxresults'));
      const after = decodeSkipToken(ctx.query.get('$skiptoken'));
      const secret = service.listVersions(op.name);
      const versions = secret?.versions ?? [];
      // Versions page in creation order; the marker is the index of the last one returned.
      if (after !== undefined && !/^\d{1,9}$/.test(after)) {
        throw errors.badParameter('The $skiptoken query parameter is not valid.');
      }
      const start = after === undefined ? 0 : Number(after) + 1;
      const page = versions.slice(start, start + max);
      const value = secret ? page.map((v) => secretItem(origin, secret, v, policy, true)) : [];
      const nextLink =
        page.length === 0
          ? null
          : nextLinkFor(origin, ctx.pathname, ctx.apiVersion, String(start + page.length - 1), max);
      return { status: 200, body: { value, nextLink } };
    }
  }
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
