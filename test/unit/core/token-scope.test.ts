import type { GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { scopedCredential } from '../../../electron/core/auth/token-scope';
import { KluisFailure } from '../../../electron/core/errors/kluis-failure';

/** A credential that records what it was asked for. */
function recording() {
  const asked: Array<{ scopes: string[]; tenantId: string | undefined }> = [];
  const credential: TokenCredential = {
    getToken: async (scopes, options?: GetTokenOptions) => {
      asked.push({ scopes: [scopes].flat(), tenantId: options?.tenantId });
      return { token: 't', expiresOnTimestamp: Date.now() + 60_000 };
    },
  };
  return { asked, credential };
}

const refusal = async (p: Promise<unknown>) => {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KluisFailure);
  return (err as KluisFailure).error;
};

describe('scopedCredential (a custom cloud: its own resource and tenant only)', () => {
  const resource = 'https://vault.stack.example';

  it('passes the configured scope on, in whatever spelling the challenge gave it', async () => {
    const { asked, credential } = recording();
    const scoped = scopedCredential(credential, { resource, tenantId: 'T1' });
    for (const s of [`${resource}/.default`, `${resource}//.default`, 'https://VAULT.stack.example/.default'])
      await scoped.getToken(s, { tenantId: 't1' });
    expect(asked).toEqual(Array(3).fill({ scopes: [`${resource}/.default`], tenantId: 'T1' }));
  });

  it('refuses any other resource before the credential is asked, and says so', async () => {
    const { asked, credential } = recording();
    const scoped = scopedCredential(credential, { resource, tenantId: 'T1' });
    for (const s of [
      'https://management.azure.com/.default',
      'https://vault.stack.example.evil.test/.default',
      'https://vault.stack.example/other/.default',
      'not a url "quoted" text',
    ]) {
      const error = await refusal(scoped.getToken(s));
      expect(error).toMatchObject({ kind: 'unauthenticated', code: 'TokenScopeRefused' });
      expect(error.message).toContain(`this vault's sign-in is for ${resource} only`);
      expect(error.message).not.toContain('"quoted"');
    }
    await refusal(scoped.getToken([`${resource}/.default`, 'https://graph.microsoft.com/.default']));
    await refusal(scoped.getToken([]));
    expect(asked).toEqual([]);
  });

  it('refuses another tenant than the configured one; without one, the server cannot choose it', async () => {
    const { asked, credential } = recording();
    const error = await refusal(
      scopedCredential(credential, { resource, tenantId: 'T1' }).getToken(`${resource}/.default`, {
        tenantId: 'other-tenant',
      }),
    );
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'TokenTenantRefused' });
    expect(error.message).toMatch(/tenant other-tenant, but this vault's sign-in is for tenant T1/);
    expect(asked).toEqual([]);
    await scopedCredential(credential, { resource }).getToken(`${resource}/.default`, {
      tenantId: 'other-tenant',
    });
    expect(asked).toEqual([{ scopes: [`${resource}/.default`], tenantId: undefined }]);
  });

  it("scopes a browse's credential to its cloud's Resource Manager alone: no Key Vault or other token", async () => {
    const { asked, credential } = recording();
    const arm = 'https://management.azure.com';
    const scoped = scopedCredential(credential, { resource: arm, tenantId: 'T1', purpose: 'discovery' });
    await scoped.getToken(`${arm}/.default`);
    expect(asked).toEqual([{ scopes: [`${arm}/.default`], tenantId: 'T1' }]);
    for (const s of ['https://vault.azure.net/.default', 'https://graph.microsoft.com/.default']) {
      const error = await refusal(scoped.getToken(s));
      expect(error).toMatchObject({ kind: 'unauthenticated', code: 'TokenScopeRefused' });
      expect(error.message).toContain(`browsing signs in to Azure Resource Manager (${arm}) only`);
    }
    const other = await refusal(scoped.getToken(`${arm}/.default`, { tenantId: 'T2' }));
    expect(other).toMatchObject({
      code: 'TokenTenantRefused',
      message: /Choose that tenant in the tenant list/,
    });
    expect(asked).toHaveLength(1);
  });
});
