import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A real HTTP CONNECT proxy on loopback, as corporate proxies serve HTTPS: each CONNECT opens a TCP tunnel to the
 * target, and the client's TLS runs through it end to end (the proxy sees no plaintext). Counts tunnels per target
 * ("host:port"); plain proxied requests (GET http://…) are refused, since Kluis only talks HTTPS.
 */
export interface ConnectProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  host: string;
  port: number;
  /** CONNECT requests per target, e.g. { '127.0.0.1:4443': 2 }. */
  readonly tunnels: Map<string, number>;
  tunnelsTo(target: string): number;
  stop(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('This test proxy only tunnels (CONNECT).');
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.set(target, (tunnels.get(target) ?? 0) + 1);
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    if (!match?.[1] || !match[2]) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), match[1].replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    tunnels,
    tunnelsTo: (target) => tunnels.get(target) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
