import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AccessGate } from './access';
import { checkApiVersion } from './api-versions';
import { challengeHeader, requestAuthenticator, type AuthConfig } from './auth';
import { errors, ServiceError } from './errors';
import { execute } from './handlers';
import { baseHeaders, readJsonBody, sendError, sendJson } from './http-io';
import type { FaultInjector, Throttle } from './knobs';
import type { PagingMode } from './paging';
import { BODY_OPS, route } from './router';
import type { VaultService } from './vault-service';

export interface RequestPipelineConfig {
  service: VaultService;
  auth: AuthConfig;
  tenantId: string;
  resource: string;
  challengeAuthority: string;
  paging: PagingMode;
  /** Used for ids when the Host header is missing or odd. */
  fallbackOrigin: string;
  latencyMs: number;
  throttle: Throttle | undefined;
  omitRetryAfter: boolean;
  faults: FaultInjector | undefined;
  /** Access failures (access.ts): firewall, private network, denied permissions; undefined = all allowed. */
  access?: AccessGate | undefined;
  log: ((line: string) => void) | undefined;
}

const HOST_RE = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The request pipeline: auth, faults, latency, routing, throttling, body, operation, reply. */
export function createRequestHandler(
  cfg: RequestPipelineConfig,
): (req: IncomingMessage, res: ServerResponse) => void {
  const challenge = challengeHeader(cfg.tenantId, cfg.resource, cfg.challengeAuthority);
  const authenticate = requestAuthenticator(cfg.auth, { warn: (m) => cfg.log?.(`warning: ${m}`) });

  return (req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const pathOnly = rawUrl.split('?')[0] ?? '/';
    const clientRequestId = req.headers['x-ms-client-request-id'];
    const headers = baseHeaders(
      randomUUID(),
      typeof clientRequestId === 'string' ? clientRequestId : undefined,
    );

    const log = cfg.log;
    if (log) {
      res.on('finish', () => {
        // Path and status only: never a query value, body, or header (values and tokens live there).
        log(`${method} ${pathOnly} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
      });
    }

    // Authentication comes before routing and body parsing: the SDKs' first request carries no body.
    const refused = authenticate(req.headers.authorization);
    if (refused instanceof Promise) {
      refused.then(
        (e) => (e ? refuse(e) : proceed()),
        () => refuse(errors.invalidToken()),
      );
    } else if (refused) refuse(refused);
    else proceed();

    function refuse(e: ServiceError): void {
      headers['WWW-Authenticate'] = challenge;
      sendError(res, headers, e);
    }

    function proceed(): void {
      const fault = cfg.faults?.next() ?? 'none';
      if (fault === 'reset') {
        log?.(`${method} ${pathOnly} reset ${(performance.now() - started).toFixed(1)}ms`);
        req.socket.destroy();
        return;
      }
      if (fault !== 'none') {
        sendError(res, headers, errors.fault(fault));
        return;
      }

      const run = async (): Promise<void> => {
        if (cfg.latencyMs > 0) await new Promise((r) => setTimeout(r, cfg.latencyMs));
        // Concatenate rather than resolve: a path like //x must not be read as a host name.
        const url = new URL(`https://local-vault.invalid${rawUrl.startsWith('/') ? '' : '/'}${rawUrl}`);
        const blocked = cfg.access?.network(req);
        if (blocked) throw blocked;
        const op = route(method, url.pathname);
        if (op instanceof ServiceError) throw op;
        const denied = cfg.access?.operation(op, req);
        if (denied) throw denied;
        const apiVersion = checkApiVersion(url.searchParams.get('api-version'));
        if (apiVersion instanceof ServiceError) throw apiVersion;
        if (cfg.throttle) {
          const retryAfter = cfg.throttle.admit(op.op === 'set');
          if (retryAfter !== undefined) throw errors.throttled(cfg.omitRetryAfter ? undefined : retryAfter);
        }
        const body = BODY_OPS.has(op.op) ? await readJsonBody(req) : undefined;
        void cfg.service.sweepExpired().catch(() => undefined);
        const host = req.headers.host;
        const origin = host && HOST_RE.test(host) ? `https://${host}` : cfg.fallbackOrigin;
        const reply = await execute(cfg.service, op, {
          origin,
          pathname: url.pathname,
          apiVersion,
          query: url.searchParams,
          body,
          paging: cfg.paging,
        });
        sendJson(res, reply.status, headers, reply.body);
      };

      run().catch((e: unknown) => {
        if (e instanceof ServiceError) {
          if (e.status === 413) headers.Connection = 'close';
          sendError(res, headers, e);
          return;
        }
        // Unexpected (a failed disk write, a bug): answer 500 and log only the error's kind, since
        // messages can quote request data.
        const err = e as NodeJS.ErrnoException | undefined;
        log?.(`error: ${method} ${pathOnly}: ${err?.name ?? 'Error'}${err?.code ? ` ${err.code}` : ''}`);
        sendError(res, headers, errors.internal());
      });
    }
  };
}
