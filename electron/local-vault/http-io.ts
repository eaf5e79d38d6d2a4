import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, ServiceError } from './errors';

/** Bodies above this are refused before parsing; a secret value is at most 25,600 characters. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > 32 * MAX_BODY_BYTES) {
      reject(errors.bodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining an oversized body (up to a point) so the client gets to read our 413
      // instead of a reset while it is still sending.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > 32 * MAX_BODY_BYTES) req.destroy();
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(errors.bodyTooLarge());
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        reject(errors.badParameter('The request body is empty; a JSON object is required.'));
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(errors.badParameter('The request body is not valid JSON.'));
      }
    });
  });
}

/** Headers the service sends on every response (docs/keyvault-protocol.md §1.7). */
export function baseHeaders(requestId: string, clientRequestId: string | undefined): Record<string, string> {
  const h: Record<string, string> = {
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Expires: '-1',
    'x-ms-request-id': requestId,
    'x-ms-keyvault-service-version': '1.9.0.0-kluis-local',
    'x-ms-keyvault-region': 'local',
    'Strict-Transport-Security': 'max-age=31536000;includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
  };
  // Echo only a sane value: it goes back into a header.
  if (clientRequestId && /^[\x21-\x7e]{1,256}$/.test(clientRequestId))
    h['x-ms-client-request-id'] = clientRequestId;
  return h;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown | undefined,
): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  // The headers object belongs to this one request, so it is filled in place (this is the hot path).
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(payload.length);
  res.writeHead(status, headers);
  res.end(payload);
}

export function sendError(res: ServerResponse, headers: Record<string, string>, e: ServiceError): void {
  sendJson(res, e.status, Object.assign(headers, e.headers), e.toBody());
}
