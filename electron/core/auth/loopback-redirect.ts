import type { GetTokenOptions } from '@azure/core-auth';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failure } from '../errors/kluis-failure';

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p style="font:16px system-ui;margin:2em">${text}</p>`;

/**
 * The app's end of the redirect: an http listener on 127.0.0.1, named by that literal address (http://127.0.0.1:<port>,
 * RFC 8252 §8.3: a name such as localhost could resolve elsewhere, e.g. to ::1 where nothing of ours listens; Entra ID
 * accepts loopback redirects on any port) that takes one answer carrying our `state`, then closes. A
 * cancelled sign-in closes it at once, so nothing keeps waiting on an abandoned browser tab.
 */
export async function listenForRedirect(
  state: string,
  abortSignal: GetTokenOptions['abortSignal'],
): Promise<{ redirectUri: string; code: Promise<string>; close: () => void }> {
  let settle: { resolve: (code: string) => void; reject: (err: unknown) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = url.searchParams;
    if (req.method !== 'GET' || (!params.has('code') && !params.has('error'))) {
      res.writeHead(404).end(); // favicon and the like
      return;
    }
    if (params.get('state') !== state) {
      res
        .writeHead(400, { 'Content-Type': 'text/html' })
        .end(page('Kluis', 'This sign-in answer is not for Kluis.'));
      return;
    }
    const error = params.get('error');
    res
      .writeHead(error ? 400 : 200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' })
      .end(
        error
          ? page('Kluis', 'Kluis could not sign you in. Close this tab and try again in Kluis.')
          : page('Kluis', 'Signed in to Kluis. You can close this tab and return to Kluis.'),
      );
    const found = params.get('code');
    if (found) settle?.resolve(found);
    else
      settle?.reject(
        failure(
          'unauthenticated',
          `The sign-in was not completed: ${(params.get('error_description') ?? error ?? '').slice(0, 300)}`,
        ),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const onAbort = () =>
    settle?.reject(failure('cancelled', 'The sign-in was cancelled. Try again to open the sign-in page.'));
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  return {
    redirectUri: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    code,
    close: () => {
      abortSignal?.removeEventListener('abort', onAbort);
      server.close();
      server.closeAllConnections();
    },
  };
}
