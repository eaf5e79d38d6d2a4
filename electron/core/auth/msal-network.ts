import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { proxyTunnelPolicy, type TunnelTls } from '../vault/proxy-tunnel';

type RestPipeline = typeof import('@azure/core-rest-pipeline');

/**
 * MSAL's HTTP through Azure's pipeline, so sign-in requests take the same proxy (explicit, or HTTPS_PROXY/NO_PROXY)
 * and TLS trust as identity's credentials and the vault client.
 */
export function msalNetworkModule(
  p: RestPipeline,
  o: { tlsOptions?: TunnelTls; proxyOptions?: { host: string; port: number } },
): INetworkModule {
  const pipeline = p.createPipelineFromOptions({
    ...(o.tlsOptions ? { tlsOptions: o.tlsOptions } : {}),
    ...(o.proxyOptions ? { proxyOptions: o.proxyOptions } : {}),
  });
  // The SDK's proxy agent would drop this client's TLS trust; the tunnel keeps it.
  if (o.tlsOptions) pipeline.addPolicy(proxyTunnelPolicy(o.proxyOptions, o.tlsOptions));
  const client = p.createDefaultHttpClient();
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const response = await pipeline.sendRequest(
      client,
      p.createPipelineRequest({
        url,
        method,
        headers: p.createHttpHeaders(options?.headers),
        ...(options?.body !== undefined ? { body: options.body } : {}),
        ...(timeout ? { timeout } : {}),
      }),
    );
    let body: unknown = {};
    try {
      body = response.bodyAsText ? (JSON.parse(response.bodyAsText) as unknown) : {};
    } catch {
      body = {};
    }
    return { status: response.status, headers: response.headers.toJSON(), body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
