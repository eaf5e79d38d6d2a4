import { errors, ServiceError } from './errors';

export type Operation =
  | { op: 'set'; name: string }
  | { op: 'get'; name: string; version?: string }
  | { op: 'update'; name: string; version?: string }
  | { op: 'delete'; name: string }
  | { op: 'list' }
  | { op: 'versions'; name: string }
  | { op: 'listDeleted' }
  | { op: 'getDeleted'; name: string }
  | { op: 'recover'; name: string }
  | { op: 'purge'; name: string }
  | { op: 'backup'; name: string }
  | { op: 'restore' };

/** Operations whose request carries a JSON body. */
export const BODY_OPS: ReadonlySet<Operation['op']> = new Set(['set', 'update', 'restore']);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Maps method + path to an operation, or the service's 404/405. Every vault is its own origin, so
 * paths start at /secrets (the SDKs parse ids assuming no prefix).
 */
export function route(method: string, pathname: string): Operation | ServiceError {
  const segs = pathname.split('/').slice(1).map(decode);
  const [collection = '', a, b] = segs;
  const col = collection.toLowerCase();

  if (col === 'secrets') {
    if (segs.length === 1 || (segs.length === 2 && a === '')) {
      // `PUT /secrets/` (empty name) is a 405 on the service, not a 400.
      return method === 'GET' ? { op: 'list' } : errors.methodNotAllowed(method);
    }
    const name = a as string;
    if (segs.length === 2) {
      if (method === 'POST' && name.toLowerCase() === 'restore') return { op: 'restore' };
      if (method === 'PUT') return { op: 'set', name };
      if (method === 'GET') return { op: 'get', name };
      if (method === 'PATCH') return { op: 'update', name };
      if (method === 'DELETE') return { op: 'delete', name };
      return errors.methodNotAllowed(method);
    }
    if (segs.length === 3) {
      const tail = b as string;
      if (tail === '') {
        // The SDKs address the latest version as `/secrets/{name}/`.
        if (method === 'GET') return { op: 'get', name };
        if (method === 'PATCH') return { op: 'update', name };
        return errors.methodNotAllowed(method);
      }
      if (tail === 'versions')
        return method === 'GET' ? { op: 'versions', name } : errors.methodNotAllowed(method);
      if (tail === 'backup' && method === 'POST') return { op: 'backup', name };
      if (method === 'GET') return { op: 'get', name, version: tail };
      if (method === 'PATCH') return { op: 'update', name, version: tail };
      return errors.methodNotAllowed(method);
    }
    return errors.routeNotFound();
  }

  if (col === 'deletedsecrets') {
    if (segs.length === 1 || (segs.length === 2 && a === '')) {
      return method === 'GET' ? { op: 'listDeleted' } : errors.methodNotAllowed(method);
    }
    const name = a as string;
    if (segs.length === 2) {
      if (method === 'GET') return { op: 'getDeleted', name };
      if (method === 'DELETE') return { op: 'purge', name };
      return errors.methodNotAllowed(method);
    }
    if (segs.length === 3 && b === 'recover')
      return method === 'POST' ? { op: 'recover', name } : errors.methodNotAllowed(method);
    return errors.routeNotFound();
  }
  return errors.routeNotFound();
}
