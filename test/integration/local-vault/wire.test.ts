import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { generateTls } from '../../../electron/local-vault/tls';
import { API, raw, sdkClient } from './helpers';

const CHALLENGE_RE =
  /^Bearer authorization="https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}", resource="https:\/\/vault\.azure\.net"$/;

describe('local vault on the wire', () => {
  let vault: RunningLocalVault;
  beforeAll(async () => {
    vault = await startLocalVault({ auth: { mode: 'token', token: 'wire-token' } });
  });
  afterAll(() => vault.stop());

  describe('authentication comes first', () => {
    it('answers 401 with the service challenge before routing or body parsing', async () => {
      for (const [method, path, body] of [
        ['PUT', `/secrets/x?${API}`, ''],
        ['PUT', `/secrets/x?${API}`, '{not json'],
        ['GET', '/no/such/route', undefined],
        ['GET', '/secrets', undefined],
        ['POST', `/secrets/restore?${API}`, 'x'.repeat(2 * 1024 * 1024)],
      ] as const) {
        const res = await raw(vault, method, path, { token: null, ...(body === undefined ? {} : { body }) });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(CHALLENGE_RE);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.json).toEqual({
          error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' },
        });
      }
    });

    it('answers 401 with a challenge to a wrong token or a non-bearer scheme', async () => {
      const wrong = await raw(vault, 'GET', `/secrets?${API}`, { token: 'wrong' });
      expect(wrong.status).toBe(401);
      expect(wrong.headers['www-authenticate']).toMatch(CHALLENGE_RE);
      expect((wrong.json as { error: { code: string } }).error.code).toBe('Unauthorized');
      const basic = await raw(vault, 'GET', `/secrets?${API}`, {
        token: null,
        headers: { Authorization: 'Basic abc' },
      });
      expect(basic.status).toBe(401);
    });

    it('in "any" mode accepts any bearer token, and uses the configured tenant and resource', async () => {
      const v = await startLocalVault({
        auth: { mode: 'any' },
        tenantId: 'tenant-x',
        resource: 'https://example.test',
      });
      try {
        expect(v.token).toBeUndefined();
        expect((await raw(v, 'GET', `/secrets?${API}`, { token: 'whatever' })).status).toBe(200);
        const res = await raw(v, 'GET', `/secrets?${API}`, { token: null });
        expect(res.headers['www-authenticate']).toBe(
          'Bearer authorization="https://login.microsoftonline.com/tenant-x", resource="https://example.test"',
        );
      } finally {
        await v.stop();
      }
    });
  });

  describe('routes and parameters', () => {
    it('serves the latest version at /secrets/{name}/ and never returns a value from PATCH', async () => {
      const put = await raw(vault, 'PUT', `/secrets/Slash?${API}`, { body: JSON.stringify({ value: 's' }) });
      expect(put.status).toBe(200);
      const bundle = put.json as { value: string; id: string; attributes: Record<string, unknown> };
      expect(bundle.id).toMatch(new RegExp(`^${vault.url}/secrets/Slash/[0-9a-f]{32}$`));
      expect(Object.keys(bundle)).toEqual(['value', 'id', 'attributes']);
      expect(Object.keys(bundle.attributes)).toEqual([
        'enabled',
        'created',
        'updated',
        'recoveryLevel',
        'recoverableDays',
      ]);
      expect(Number.isInteger(bundle.attributes.created)).toBe(true);
      const get = await raw(vault, 'GET', `/secrets/slash/?${API}`);
      expect(get.status).toBe(200);
      expect((get.json as { value: string }).value).toBe('s');
      const patch = await raw(vault, 'PATCH', `/secrets/slash/?${API}`, {
        body: JSON.stringify({ tags: { a: 'b' } }),
      });
      expect(patch.status).toBe(200);
      expect(patch.json).not.toHaveProperty('value');
      expect((patch.json as { tags: unknown }).tags).toEqual({ a: 'b' });
    });

    it('refuses outContentType conversions for plain secrets like the service (2025-06-01-preview+)', async () => {
      await raw(vault, 'PUT', `/secrets/plain?${API}`, { body: '{"value":"v"}' });
      const pem = encodeURIComponent('application/x-pem-file');
      const res = await raw(vault, 'GET', `/secrets/plain/?api-version=2025-07-01&outContentType=${pem}`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        error: {
          code: 'BadParameter',
          message:
            "The 'Unsupported' to 'PEM' transformation is not supported. Only PFX to PEM transformation is supported.",
        },
      });
      expect((await raw(vault, 'GET', `/secrets/plain/?api-version=7.6&outContentType=${pem}`)).status).toBe(
        200,
      );
    });

    it('decodes query keys with a URL parser (the JS SDK sends api%2Dversion)', async () => {
      expect((await raw(vault, 'GET', '/secrets?api%2Dversion=7.4')).status).toBe(200);
    });

    it('accepts every supported api-version and gives the service 400 for unknown or missing ones', async () => {
      for (const v of [
        '7.0',
        '7.1',
        '7.2',
        '7.3',
        '7.4',
        '7.5',
        '7.6',
        '7.6-preview.2',
        '2025-06-01-preview',
        '2025-07-01',
        '2026-04-01',
      ]) {
        expect((await raw(vault, 'GET', `/secrets?api-version=${v}`)).status, v).toBe(200);
      }
      const unknown = await raw(vault, 'GET', '/secrets?api-version=7.9');
      expect(unknown.status).toBe(400);
      expect(unknown.json).toEqual({
        error: {
          code: 'BadParameter',
          message:
            'The specified version (7.9) is not recognized. Consider using the latest supported version (2026-04-01).',
        },
      });
      const missing = await raw(vault, 'GET', '/secrets');
      expect(missing.status).toBe(400);
      expect((missing.json as { error: { code: string } }).error.code).toBe('BadParameter');
    });

    it('answers PUT /secrets/ with the service 405', async () => {
      const res = await raw(vault, 'PUT', `/secrets/?${API}`, { body: JSON.stringify({ value: 'v' }) });
      expect(res.status).toBe(405);
      expect(res.json).toEqual({ error: { code: 'MethodNotAllowed', message: 'HTTP PUT not allowed' } });
    });

    it('answers wrong methods with 405 and unknown routes with 404', async () => {
      for (const [m, p] of [
        ['POST', '/secrets/x'],
        ['DELETE', '/secrets'],
        ['PUT', '/deletedsecrets/x'],
        ['GET', '/deletedsecrets/x/recover'],
        ['DELETE', '/secrets/x/versions'],
      ] as const) {
        const res = await raw(vault, m, `${p}?${API}`, { body: '{}' });
        expect(res.status, `${m} ${p}`).toBe(405);
        expect((res.json as { error: { code: string } }).error.code).toBe('MethodNotAllowed');
      }
      for (const p of ['/', '/keys', '/secrets/a/b/c', '/certificates/x', '//secrets']) {
        const res = await raw(vault, 'GET', `${p}?${API}`);
        expect(res.status, p).toBe(404);
        expect((res.json as { error: { code: string } }).error.code).toBeTypeOf('string');
      }
    });

    it('rejects invalid names with the service message', async () => {
      for (const [path, name] of [
        ['/secrets/bad_name', 'bad_name'],
        [`/secrets/${'n'.repeat(128)}`, 'n'.repeat(128)],
        ['/secrets/sp%20ace', 'sp ace'],
      ]) {
        const res = await raw(vault, 'PUT', `${path}?${API}`, { body: JSON.stringify({ value: 'v' }) });
        expect(res.status).toBe(400);
        expect(res.json).toEqual({
          error: { code: 'BadParameter', message: `The request URI contains an invalid name: ${name}` },
        });
      }
      expect((await raw(vault, 'GET', `/secrets/bad_name/?${API}`)).status).toBe(400);
    });

    it('rejects malformed JSON, wrong types and missing values with 400', async () => {
      for (const body of [
        '{not json',
        '',
        '[]',
        '"text"',
        '{}',
        '{"value":42}',
        '{"value":"v","tags":["a"]}',
        '{"value":"v","tags":{"a":1}}',
        '{"value":"v","attributes":{"enabled":"yes"}}',
        '{"value":"v","attributes":{"nbf":"soon"}}',
        '{"value":"v","attributes":{"exp":1.5}}',
        '{"value":"v","contentType":7}',
        '{"value":"v","attributes":[]}',
      ]) {
        const res = await raw(vault, 'PUT', `/secrets/typed?${API}`, { body });
        expect(res.status, body).toBe(400);
        expect((res.json as { error: { code: string } }).error.code).toBe('BadParameter');
      }
      await raw(vault, 'PUT', `/secrets/typed?${API}`, { body: '{"value":"v"}' });
      expect((await raw(vault, 'PATCH', `/secrets/typed/?${API}`, { body: '{"tags":"x"}' })).status).toBe(
        400,
      );
      expect((await raw(vault, 'POST', `/secrets/restore?${API}`, { body: '{"value":7}' })).status).toBe(400);
    });

    it('refuses bodies over 1 MB with 413 and keeps serving', async () => {
      const body = JSON.stringify({ value: 'x'.repeat(1024 * 1024 + 10) });
      const res = await raw(vault, 'PUT', `/secrets/huge?${API}`, { body });
      expect(res.status).toBe(413);
      expect((res.json as { error: { code: string } }).error.code).toBe('RequestEntityTooLarge');
      expect((await raw(vault, 'GET', `/secrets?${API}`)).status).toBe(200);
    });

    it('pages with absolute nextLinks and ends on the last page with "nextLink": null', async () => {
      const v = await startLocalVault({ auth: { mode: 'any' } });
      try {
        for (const n of ['p1', 'P2', 'p3']) {
          await raw(v, 'PUT', `/secrets/${n}?${API}`, { body: '{"value":"v"}', token: 't' });
        }
        let path = `/secrets?${API}&maxresults=2`;
        const seen: string[] = [];
        const links: string[] = [];
        for (;;) {
          const res = await raw(v, 'GET', path, { token: 't' });
          expect(res.status).toBe(200);
          const page = res.json as { value: Array<{ id: string; value?: string }>; nextLink: string | null };
          for (const item of page.value) {
            expect(item).not.toHaveProperty('value');
            seen.push(item.id);
          }
          if (page.nextLink === null) {
            // The service ends on the page that reaches the end (recorded), not on a trailing empty page.
            expect(page.value).toHaveLength(1);
            expect(res.text).toMatch(/,"nextLink":null\}$/);
            break;
          }
          links.push(page.nextLink);
          const u = new URL(page.nextLink);
          expect(page.nextLink.startsWith(`${v.url}/`)).toBe(true);
          expect(u.pathname).toBe('/secrets');
          expect(u.searchParams.get('api-version')).toBe('7.6');
          expect(u.searchParams.get('maxresults')).toBe('2');
          expect(u.searchParams.get('$skiptoken')).toMatch(/^[A-Za-z0-9_-]+$/);
          path = u.pathname + u.search;
        }
        expect(links[0]).toMatch(
          new RegExp(`^${v.url}/secrets\\?api-version=7\\.6&\\$skiptoken=[A-Za-z0-9_-]+&maxresults=2$`),
        );
        expect(seen).toEqual([`${v.url}/secrets/p1`, `${v.url}/secrets/P2`, `${v.url}/secrets/p3`]);
        for (const bad of ['maxresults=0', 'maxresults=26', 'maxresults=abc', '$skiptoken=%%%']) {
          expect((await raw(v, 'GET', `/secrets?${API}&${bad}`, { token: 't' })).status, bad).toBe(400);
        }
        const badVersionsToken = await raw(v, 'GET', `/secrets/p1/versions?${API}&$skiptoken=abc`, {
          token: 't',
        });
        expect(badVersionsToken.status).toBe(400);
        expect((await raw(v, 'GET', `/secrets/bad_name/versions?${API}`, { token: 't' })).status).toBe(400);
        const none = await raw(v, 'GET', `/secrets/nobody/versions?${API}`, { token: 't' });
        expect(none.status).toBe(200);
        expect(none.text).toBe('{"value":[],"nextLink":null}');
        expect((await raw(v, 'GET', `/deletedsecrets?${API}`, { token: 't' })).text).toBe(
          '{"value":[],"nextLink":null}',
        );
      } finally {
        await v.stop();
      }
    });

    it('sends the service headers and echoes x-ms-client-request-id', async () => {
      const res = await raw(vault, 'GET', `/secrets?${API}`, {
        headers: { 'x-ms-client-request-id': 'abc-123' },
      });
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-ms-client-request-id']).toBe('abc-123');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('answers purge with 204 and no body, and no value from DELETE, recover or restore', async () => {
      await raw(vault, 'PUT', `/secrets/gone?${API}`, { body: '{"value":"v"}' });
      const backup = await raw(vault, 'POST', `/secrets/gone/backup?${API}`);
      expect((backup.json as { value: string }).value).toMatch(/^[A-Za-z0-9_-]+$/);
      const del = await raw(vault, 'DELETE', `/secrets/gone?${API}`);
      expect(del.json).not.toHaveProperty('value');
      expect(Object.keys(del.json as object).slice(0, 3)).toEqual([
        'recoveryId',
        'deletedDate',
        'scheduledPurgeDate',
      ]);
      const putDeleted = await raw(vault, 'PUT', `/secrets/gone?${API}`, { body: '{"value":"v"}' });
      expect(putDeleted.status).toBe(409);
      expect(putDeleted.json).toMatchObject({
        error: { code: 'Conflict', innererror: { code: 'ObjectIsDeletedButRecoverable' } },
      });
      const rec = await raw(vault, 'POST', `/deletedsecrets/gone/recover?${API}`);
      expect(rec.status).toBe(200);
      expect(rec.json).not.toHaveProperty('value');
      await raw(vault, 'DELETE', `/secrets/gone?${API}`);
      const purge = await raw(vault, 'DELETE', `/deletedsecrets/gone?${API}`);
      expect(purge.status).toBe(204);
      expect(purge.text).toBe('');
      const restore = await raw(vault, 'POST', `/secrets/restore?${API}`, {
        body: JSON.stringify({ value: (backup.json as { value: string }).value }),
      });
      expect(restore.status).toBe(200);
      expect(restore.json).not.toHaveProperty('value');
      const junk = await raw(vault, 'POST', `/secrets/restore?${API}`, {
        body: '{"value":"bm90IGEgYmFja3Vw"}',
      });
      expect(junk.json).toEqual({
        error: { code: 'Malformed backup blob', message: 'Backup blob contains invalid or corrupt version.' },
      });
    });

    it('builds ids from the host the client addressed', async () => {
      const res = await raw(vault, 'PUT', `/secrets/hosted?${API}`, {
        body: '{"value":"v"}',
        headers: { Host: `localhost:${vault.port}` },
      });
      expect((res.json as { id: string }).id).toMatch(
        new RegExp(`^https://localhost:${vault.port}/secrets/hosted/`),
      );
    });
  });

  describe('TLS', () => {
    it('is not trusted without the generated CA (verification stays on)', async () => {
      const url = new URL(vault.url);
      const err = await new Promise<Error>((resolve) => {
        const req = httpsRequest({ host: url.hostname, port: url.port, path: '/', agent: false }, () =>
          resolve(new Error('unexpectedly trusted')),
        );
        req.on('error', resolve);
        req.end();
      });
      expect((err as NodeJS.ErrnoException).code).toMatch(/CERT|SIGNATURE|UNABLE/);
    });

    it('serves a given certificate pair, trusted through its CA', async () => {
      const tls = await generateTls(['given.test']);
      const v = await startLocalVault({ tls, auth: { mode: 'any' } });
      try {
        expect(v.caPem).toBe(tls.caPem);
        await sdkClient(v).setSecret('given', 'v');
        expect((await sdkClient(v).getSecret('given')).value).toBe('v');
      } finally {
        await v.stop();
      }
    });
  });
});
