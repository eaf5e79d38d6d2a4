import { RestError } from '@azure/core-rest-pipeline';
import { AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { toKluisError } from '../../../electron/core/errors/error-mapping';
import { failure } from '../../../electron/core/errors/kluis-failure';

/** A RestError as the SDK throws it: top-level code, and the Key Vault error body in details. */
function restError(statusCode: number, code: string, message: string, innerCode?: string): RestError {
  const err = new RestError(message, { statusCode, code });
  err.details = { error: { code, message, ...(innerCode ? { innerError: { code: innerCode } } : {}) } };
  return err;
}

describe('toKluisError', () => {
  it('401 asks to sign in again and check the tenant', () => {
    const e = toKluisError(restError(401, 'Unauthorized', 'AKV10032: Invalid issuer.'), {
      authMethod: 'azure-cli',
    });
    expect(e).toMatchObject({ kind: 'unauthenticated', status: 401 });
    expect(e.message).toMatch(/sign in again/i);
    expect(e.message).toMatch(/tenant/);
    expect(e.message).toMatch(/az login/);
  });

  it('403 ForbiddenByRbac names the RBAC role for the operation', () => {
    const e = toKluisError(restError(403, 'Forbidden', 'Caller is not authorized', 'ForbiddenByRbac'), {
      operation: 'secrets.set',
    });
    expect(e).toMatchObject({ kind: 'forbidden', status: 403, code: 'ForbiddenByRbac' });
    expect(e.message).toContain('Key Vault Secrets Officer');
    expect(e.message).toMatch(/RBAC/);
  });

  it('403 ForbiddenByPolicy names the access policy permission', () => {
    const e = toKluisError(
      restError(403, 'Forbidden', 'The user does not have secrets get permission', 'ForbiddenByPolicy'),
      {
        operation: 'secrets.get',
      },
    );
    expect(e.kind).toBe('forbidden');
    expect(e.message).toContain('"get" permission');
    expect(e.message).toMatch(/access polic/);
  });

  it('403 without an inner code names both the policy permission and the role', () => {
    const e = toKluisError(restError(403, 'Forbidden', 'Access denied'), { operation: 'deleted.purge' });
    expect(e.message).toContain('"purge"');
    expect(e.message).toContain('Key Vault Secrets Officer');
    const list = toKluisError(restError(403, 'Forbidden', 'Access denied'), {
      operation: 'secrets.listPage',
    });
    expect(list.message).toContain('"list"');
    expect(list.message).toContain('Key Vault Secrets User');
  });

  it('403 from the firewall says to allow the network address', () => {
    const byCode = toKluisError(restError(403, 'Forbidden', 'blocked', 'ForbiddenByFirewall'));
    const byText = toKluisError(
      restError(
        403,
        'Forbidden',
        'Client address is not authorized and caller is not a trusted service.\r\nClient address: 1.2.3.4',
      ),
    );
    for (const e of [byCode, byText]) {
      expect(e.kind).toBe('forbidden');
      expect(e.message).toMatch(/firewall/);
    }
  });

  it('403 SecretDisabled is its own kind and says to enable the secret', () => {
    const e = toKluisError(
      restError(403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled'),
      {
        secretName: 'db-password',
      },
    );
    expect(e).toMatchObject({ kind: 'disabled', status: 403 });
    expect(e.message).toContain('db-password');
    expect(e.message).toMatch(/enable it to read its value/i);
  });

  it('404 is not-found', () => {
    const e = toKluisError(
      restError(404, 'SecretNotFound', 'A secret with (name/id) x was not found in this key vault.'),
      {
        secretName: 'x',
      },
    );
    expect(e).toMatchObject({ kind: 'not-found', status: 404, code: 'SecretNotFound' });
  });

  it('409 ObjectIsDeletedButRecoverable is conflict-deleted with the name and the fix', () => {
    const e = toKluisError(
      restError(
        409,
        'Conflict',
        'Secret api-key is currently in a deleted but recoverable state',
        'ObjectIsDeletedButRecoverable',
      ),
      {
        secretName: 'api-key',
      },
    );
    expect(e).toMatchObject({ kind: 'conflict-deleted', secretName: 'api-key', status: 409 });
    expect(e.message).toMatch(/recover it or purge it, then create again/i);
  });

  it('other 409s are conflict', () => {
    expect(toKluisError(restError(409, 'Conflict', 'busy', 'ObjectIsBeingDeleted')).kind).toBe('conflict');
    expect(toKluisError(restError(409, 'Conflict', 'something')).kind).toBe('conflict');
  });

  it('429 is throttled and 5xx is service', () => {
    expect(toKluisError(restError(429, 'Throttled', 'Too many requests')).kind).toBe('throttled');
    expect(toKluisError(restError(503, 'ServiceUnavailable', 'down')).kind).toBe('service');
  });

  it('network errors name the host, bare or wrapped', () => {
    const bare = Object.assign(new Error('getaddrinfo ENOTFOUND nope.vault.azure.net'), {
      code: 'ENOTFOUND',
      hostname: 'nope.vault.azure.net',
    });
    expect(toKluisError(bare)).toMatchObject({
      kind: 'network',
      host: 'nope.vault.azure.net',
      code: 'ENOTFOUND',
    });

    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']) {
      const wrapped = new RestError(`connect ${code}`, { code });
      const e = toKluisError(wrapped, { vaultUrl: 'https://my-vault.vault.azure.net/' });
      expect(e).toMatchObject({ kind: 'network', host: 'my-vault.vault.azure.net', code });
      expect(e.message).toContain('my-vault.vault.azure.net');
    }
  });

  it('a send error without a cause is network; an abort is cancelled', () => {
    const e = toKluisError(new RestError('socket hang up', { code: 'REQUEST_SEND_ERROR' }), {
      vaultUrl: 'https://kv.vault.azure.net/',
    });
    expect(e).toMatchObject({ kind: 'network', host: 'kv.vault.azure.net' });
    const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(toKluisError(abort).kind).toBe('cancelled');
  });

  it('certificate errors are tls', () => {
    const e = toKluisError(
      new RestError('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
      {
        vaultUrl: 'https://127.0.0.1:8443/',
      },
    );
    expect(e).toMatchObject({ kind: 'tls', host: '127.0.0.1:8443' });
  });

  it('credential errors are unauthenticated with the fix for the sign-in method', () => {
    const unavailable = toKluisError(new CredentialUnavailableError('Azure CLI could not be found.'), {
      authMethod: 'azure-cli',
    });
    expect(unavailable.kind).toBe('unauthenticated');
    expect(unavailable.message).toContain('az login');
    const auth = toKluisError(
      new AuthenticationError(400, { error: 'invalid_grant', error_description: 'expired' }),
      {
        authMethod: 'azure-developer-cli',
      },
    );
    expect(auth.kind).toBe('unauthenticated');
    expect(auth.message).toContain('azd auth login');
  });

  it('a KluisFailure passes through unchanged', () => {
    const f = failure('not-configured', 'No vault.');
    expect(toKluisError(f)).toEqual({ kind: 'not-configured', message: 'No vault.' });
  });

  it('an unknown error becomes internal without quoting its message', () => {
    const e = toKluisError(new TypeError('value was hunter2'));
    expect(e.kind).toBe('internal');
    expect(e.message).not.toContain('hunter2');
    expect(toKluisError('plain string').kind).toBe('internal');
  });
});
