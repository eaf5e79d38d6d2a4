import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions, type RequestOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';

export interface ProxyTarget {
  /** Host name or IP, with or without a leading http:// (the SDK's proxyOptions form). */
  host: string;
  port: number;
}

/** The TLS trust a client was given: its own CA or pinned certificates. Verification always stays on. */
export type TunnelTls = Pick<AgentOptions, 'ca' | 'checkServerIdentity'> & {
  allowPartialTrustChain?: boolean;
};

/** Opens a CONNECT tunnel through the proxy to host:port; the socket carries whatever the caller runs over it. */
export function openTunnel(proxy: ProxyTarget, host: string, port: number): Promise<Socket> {
  const target = `${isIP(host) === 6 ? `[${host}]` : host}:${String(port)}`;
  return new Promise((resolve, reject) => {
    const connectRequest = httpRequest({
      host: proxy.host.replace(/^https?:\/\//, ''),
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers: { host: target },
    });
    connectRequest.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`The proxy refused a tunnel to ${target} (HTTP ${String(res.statusCode)}).`));
        return;
      }
      resolve(socket);
    });
    connectRequest.once('error', reject);
    connectRequest.end();
  });
}

/**
 * An HTTPS agent that reaches each server through a proxy's CONNECT tunnel and runs TLS end to end with the given
 * trust. The Azure SDK's own proxy agent drops a client's TLS settings ("TLS settings are not supported in combination
 * with custom Proxy"), which would lose a custom cloud's CA or pinned certificates behind a proxy.
 */
class TunnelAgent extends HttpsAgent {
  constructor(
    private readonly proxy: { host: string; port: number },
    tls: TunnelTls,
  ) {
    super({ keepAlive: true, ...tls });
  }

  override createConnection(
    options: RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    const done = callback ?? (() => undefined);
    const fail = (err: Error) => done(err, undefined as unknown as Duplex);
    openTunnel(this.proxy, host, Number(options.port ?? 443)).then((socket) => {
      // The request's own fields (path, headers, method…) are not TLS options; the rest (CA, pins, checks) are.
      const {
        path: _path,
        host: _host,
        hostname: _hostname,
        port: _port,
        headers: _headers,
        method: _method,
        agent: _agent,
        ...tlsOptions
      } = options;
      const servername = isIP(host) ? undefined : host;
      done(
        null,
        tlsConnect({
          ...tlsOptions,
          host,
          port: Number(options.port ?? 443),
          socket,
          ...(servername ? { servername } : {}),
        }),
      );
    }, fail);
    return undefined;
  }
}

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and localhost (with its subdomains): this machine's own addresses. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

/**
 * A pipeline policy for a client on loopback (the embedded local vault): every request goes straight to this machine
 * with exactly the given trust, whatever HTTPS_PROXY, NO_PROXY or the OS proxy say. A proxy cannot reach another
 * machine's loopback, the SDK's proxy agent would drop the client's own CA, and a TLS-intercepting proxy would see
 * the bearer token. The SDK's proxy policy leaves a request that already has an agent alone.
 */
export function directLoopbackPolicy(tls: TunnelTls): PipelinePolicy {
  const agent = new HttpsAgent({ keepAlive: true, ...tls });
  return {
    name: 'kluisDirectLoopback',
    async sendRequest(request, next) {
      if (!isLoopbackHost(new URL(request.url).hostname)) {
        throw new Error("Kluis sends this client's requests to this machine only. Please report this.");
      }
      request.agent = agent;
      return next(request);
    },
  };
}

/** HTTPS_PROXY (or HTTP_PROXY) for a host unless NO_PROXY names it: exact host, a ".suffix", or "*". */
export function environmentProxy(
  hostname: string,
  env: NodeJS.ProcessEnv = process.env,
): { host: string; port: number } | undefined {
  const raw = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (!raw) return undefined;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const noProxy = (env.NO_PROXY || env.no_proxy || '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of noProxy) {
    const name = entry.replace(/:\d+$/, '');
    if (name === '*') return undefined;
    if (name.startsWith('.') ? host.endsWith(name) || host === name.slice(1) : host === name)
      return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
}

/**
 * A pipeline policy for clients with their own TLS trust: https requests that go through a proxy (the explicit one
 * main resolved, else HTTPS_PROXY unless NO_PROXY names the host) use a tunnel that keeps that trust. It replaces the
 * SDK's proxy agent for those requests only; requests that go direct are left alone.
 */
export function proxyTunnelPolicy(explicit: ProxyTarget | undefined, tls: TunnelTls): PipelinePolicy {
  const agents = new Map<string, TunnelAgent>();
  const fixed = explicit
    ? { host: explicit.host.replace(/^https?:\/\//, ''), port: explicit.port }
    : undefined;
  return {
    name: 'kluisProxyTunnel',
    async sendRequest(request, next) {
      const url = new URL(request.url);
      const proxy = url.protocol === 'https:' ? (fixed ?? environmentProxy(url.hostname)) : undefined;
      if (proxy) {
        const key = `${proxy.host}:${String(proxy.port)}`;
        let agent = agents.get(key);
        if (!agent) {
          agent = new TunnelAgent(proxy, tls);
          agents.set(key, agent);
        }
        request.agent = agent;
      }
      return next(request);
    },
  };
}
