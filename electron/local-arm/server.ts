import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { readJsonBody, sendError, sendJson } from '../local-vault/http-io';
import { ServiceError } from '../local-vault/errors';
import type { ArmCaller } from './auth';
import { ArmError, armErrors } from './errors';
import type { ArmFaults, ArmRequestRecord } from './options';
import { checkApiVersion, execute, route, subscriptionOf, type ServiceDeps } from './routes';

export interface PipelineConfig extends ServiceDeps {
  authenticate: (header: string | undefined) => Promise<ArmCaller | ArmError>;
  fallbackOrigin: () => string;
  log: ((line: string) => void) | undefined;
  record: (r: ArmRequestRecord) => void;
  /** Scripted 429s (throttleNext), consumed one per matching request. */
  scripted: Array<{ retryAfterSeconds: number; pathIncludes?: string }>;
  sleep: (ms: number) => Promise<void>;
}

const HOST_RE = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** ARM's read budgets (per subscription or tenant, and caller) and Resource Graph's quota (per caller). */
class Budgets {
  private readonly windows = new Map<string, { start: number; used: number }>();

  take(key: string, limit: number, windowMs: number, now: number): { remaining: number; resetMs: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
    }
    w.used++;
    return { remaining: limit - w.used, resetMs: w.start + windowMs - now };
  }
}

function armHeaders(
  correlationId: string,
  requestId: string,
  clientRequestId: string | undefined,
): Record<string, string> {
  const h: Record<string, string> = {
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Expires: '-1',
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': correlationId,
    // As recorded: REGION:yyyymmddThhmmssZ:<correlation id>.
    'x-ms-routing-request-id': `LOCAL:${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z:${correlationId}`,
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
  };
  // ARM echoes the client's request id; only a sane value goes back into a header.
  if (clientRequestId && /^[\x21-\x7e]{1,256}$/.test(clientRequestId))
    h['x-ms-client-request-id'] = clientRequestId;
  return h;
}

const resetsAfter = (ms: number): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
};

/** The request pipeline: latency, auth, scripted throttling, routing, api-version, budgets, body, operation. */
export function createArmHandler(cfg: PipelineConfig): (req: IncomingMessage, res: ServerResponse) => void {
  const budgets = new Budgets();
  return (req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    // ARM tolerates doubled slashes (the authorization SDK writes //subscriptions/… for a scope with a leading slash).
    const path = (rawUrl.split('?')[0] ?? '/').replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
    const given = req.headers['x-ms-correlation-request-id'];
    const correlationId =
      typeof given === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(given) ? given : randomUUID();
    const clientRequestId = req.headers['x-ms-client-request-id'];
    const headers = armHeaders(
      correlationId,
      randomUUID(),
      typeof clientRequestId === 'string' ? clientRequestId : undefined,
    );
    let tenantId: string | undefined;
    res.on('finish', () => {
      cfg.record({ method, path, status: res.statusCode, ...(tenantId ? { tenantId } : {}) });
      // Path and status only: never a query, body or header (tokens live there).
      cfg.log?.(`${method} ${path} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
    });

    const fail = (e: ServiceError): void => {
      sendError(res, headers, e);
    };

    const run = async (): Promise<void> => {
      const faults: ArmFaults = cfg.faults;
      if (faults.latencyMs > 0) await cfg.sleep(faults.latencyMs);
      const caller = await cfg.authenticate(req.headers.authorization);
      if (caller instanceof ArmError) throw caller;
      tenantId = caller.tenantId;

      const scriptIndex = cfg.scripted.findIndex(
        (s) => s.pathIncludes === undefined || path.includes(s.pathIncludes),
      );
      const routed = route(method, path);
      if (scriptIndex >= 0) {
        const [s] = cfg.scripted.splice(scriptIndex, 1);
        const retry = s?.retryAfterSeconds ?? 1;
        if (!(routed instanceof ArmError) && routed.operation.op === 'resourceGraph')
          throw armErrors.graphThrottled(new Date(cfg.now()), correlationId, retry);
        const sub = routed instanceof ArmError ? undefined : subscriptionOf(routed.operation);
        throw sub
          ? armErrors.subscriptionThrottled(sub, caller.principalId, retry)
          : armErrors.tenantThrottled(caller.tenantId, caller.principalId, retry);
      }
      if (routed instanceof ArmError) throw routed;
      const url = new URL(`https://local-arm.invalid${rawUrl.startsWith('/') ? '' : '/'}${rawUrl}`);
      const apiVersion = url.searchParams.get('api-version');
      const badVersion = checkApiVersion(routed, apiVersion);
      if (badVersion) throw badVersion;

      const now = cfg.now();
      if (routed.operation.op === 'resourceGraph') {
        const q = faults.graphQuota;
        const b = budgets.take(
          `graph:${q.requests}/${q.windowMs}:${caller.principalId}`,
          q.requests,
          q.windowMs,
          now,
        );
        headers['x-ms-user-quota-remaining'] = String(Math.max(0, b.remaining));
        headers['x-ms-user-quota-resets-after'] = resetsAfter(b.resetMs);
        if (q.enforced && b.remaining < 0)
          throw armErrors.graphThrottled(
            new Date(now),
            correlationId,
            Math.max(1, Math.ceil(b.resetMs / 1000)),
          );
      } else {
        const rb = faults.readBudget;
        const sub = subscriptionOf(routed.operation);
        // A changed budget starts afresh: its size is part of the key.
        const key = `${rb.reads}/${rb.windowMs}:${sub ? `sub:${sub.toLowerCase()}` : `tenant:${caller.tenantId}`}:${caller.principalId}`;
        const b = budgets.take(key, rb.reads, rb.windowMs, now);
        headers[
          sub ? 'x-ms-ratelimit-remaining-subscription-reads' : 'x-ms-ratelimit-remaining-tenant-reads'
        ] = String(Math.max(0, b.remaining));
        if (b.remaining < 0) {
          const retry = rb.retryAfterSeconds ?? Math.max(1, Math.ceil(b.resetMs / 1000));
          throw sub
            ? armErrors.subscriptionThrottled(sub, caller.principalId, retry)
            : armErrors.tenantThrottled(caller.tenantId, caller.principalId, retry);
        }
      }

      let body: unknown;
      if (routed.method === 'POST') {
        try {
          body = await readJsonBody(req);
        } catch (e) {
          if (e instanceof ServiceError && e.status === 413) throw e;
          throw armErrors.badRequest('The request content was invalid and could not be deserialized.');
        }
      }
      const host = req.headers.host;
      const origin = host && HOST_RE.test(host) ? `https://${host}` : cfg.fallbackOrigin();
      const reply = execute(
        routed,
        { caller, query: url.searchParams, body, origin, path, apiVersion: apiVersion ?? '', correlationId },
        cfg,
      );
      if (reply instanceof ArmError) throw reply;
      sendJson(res, reply.status, headers, reply.body);
    };

    run().catch((e: unknown) => {
      if (e instanceof ServiceError) {
        fail(e);
        return;
      }
      const err = e as Error | undefined;
      cfg.log?.(`error: ${method} ${path}: ${err?.name ?? 'Error'}`);
      if (!res.headersSent) fail(armErrors.internal());
      else res.destroy();
    });
  };
}
