import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { SecretClient } from '@azure/keyvault-secrets';
import type {
  AccessDiagnosis,
  DiagnoseResult,
  DiagnoseStep,
  DiagnoseStepId,
  KluisError,
  VaultConfig,
} from '../../contract';
import { toKluisError, tlsMessage } from '../errors/error-mapping';
import { resolveCloud } from '../vault/clouds';
import type { ConnectionPolicy } from '../vault/connection-policy';
import { fetchPresentedChain, originOf, pinnedTls, type PresentedChain } from '../vault/endpoint-trust';
import { diagnosisMessage, parseChallenge, tenantOfUrl } from './access-diagnosis';
import { checkRoleAssignments, type RoleAssignmentPort } from './role-assignments';
import { closeVaultNames } from './vault-names';

/** The network probes, injected so tests can answer each case with real servers (or a name that does not resolve). */
export interface DiagnosisProbes {
  /** Addresses the name resolves to; throws a Node DNS error (ENOTFOUND, EAI_AGAIN) otherwise. */
  lookup(host: string): Promise<string[]>;
  /** The chain the endpoint presents and whether it verifies with these CAs (the system's when undefined). */
  tls(
    origin: string,
    ca: string[] | undefined,
    proxy?: { host: string; port: number },
  ): Promise<PresentedChain>;
  /** An unauthenticated request, as the SDK's first one: the status and the challenge it got. */
  challenge(
    vaultUrl: string,
    ca: string[] | undefined,
  ): Promise<{ status: number; wwwAuthenticate?: string }>;
}

export interface VaultDiagnosisDeps {
  resolveVault(vaultId: string): Promise<VaultConfig>;
  /** The vault's own SecretClient (its sign-in, trust and retries): the token, list and get steps use it. */
  clientFor(vaultId: string): Promise<SecretClient>;
  /** The CAs the vault's client trusts (pinned certificates, the local vault's CA); undefined: the system's roots. */
  trustFor(vault: VaultConfig): string[] | undefined;
  proxyFor?: (vaultUrl: string) => Promise<{ host: string; port: number } | undefined>;
  emit(step: DiagnoseStep): void;
  probes?: Partial<DiagnosisProbes>;
  /** Vault names Kluis knows (configured, and discovery's when wired): a name that does not resolve gets close ones. */
  knownVaultNames?: () => Promise<string[]> | string[];
  /** Where the account can read role assignments: which one is missing on the vault's scope chain. */
  roleAssignments?: RoleAssignmentPort;
}

const TITLES: Record<DiagnoseStepId, string> = {
  dns: 'DNS',
  tls: 'TLS certificate',
  challenge: 'Sign-in challenge',
  token: 'Token for the vault',
  list: 'List permission',
  get: 'Get permission',
};

export const defaultProbes: DiagnosisProbes = {
  async lookup(host) {
    return (await dnsLookup(host, { all: true })).map((a) => a.address);
  },
  tls: (origin, ca, proxy) =>
    fetchPresentedChain(origin, { ...(ca ? { ca } : {}), ...(proxy ? { proxy } : {}) }),
  challenge: (vaultUrl, ca) =>
    new Promise((resolve, reject) => {
      const url = new URL(`${vaultUrl.replace(/\/+$/, '')}/secrets?api-version=7.6&maxresults=1`);
      const req = httpsRequest(
        url,
        { method: 'GET', agent: false, timeout: 15_000, ...(ca ? pinnedTls(ca) : {}) },
        (res) => {
          res.resume();
          const header = res.headers['www-authenticate'];
          resolve({
            status: res.statusCode ?? 0,
            ...(typeof header === 'string' ? { wwwAuthenticate: header } : {}),
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end();
    }),
};

const PRIVATE_V4 = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

/** vaults.diagnose: the checks in order; a failed step skips the ones that depend on it. */
export function createVaultDiagnosis(deps: VaultDiagnosisDeps) {
  const probes: DiagnosisProbes = { ...defaultProbes, ...deps.probes };

  return async function diagnose({
    vaultId,
    runId,
  }: {
    vaultId: string;
    runId: string;
  }): Promise<DiagnoseResult> {
    const vault = await deps.resolveVault(vaultId);
    const steps: DiagnoseStep[] = [];
    const url = new URL(vault.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const ca = deps.trustFor(vault);
    const ctx = { vaultUrl: vault.url, authMethod: vault.auth.method };

    const report = (
      step: DiagnoseStepId,
      status: DiagnoseStep['status'],
      detail: string,
      extra: Partial<DiagnoseStep> = {},
    ): DiagnoseStep['status'] => {
      const s: DiagnoseStep = { runId, vaultId, step, title: `${TITLES[step]}`, status, detail, ...extra };
      steps.push(s);
      deps.emit(s);
      return status;
    };
    const skipRest = (from: DiagnoseStepId, why: string) => {
      const order: DiagnoseStepId[] = ['dns', 'tls', 'challenge', 'token', 'list', 'get'];
      for (const step of order.slice(order.indexOf(from))) report(step, 'skipped', why);
    };
    const failedWith = (step: DiagnoseStepId, error: KluisError, extra: Partial<DiagnoseStep> = {}) =>
      report(step, 'failed', error.message, {
        error,
        ...(error.access ? { access: error.access } : {}),
        ...(error.access?.command ? { command: error.access.command } : {}),
        ...extra,
      });

    // 1. DNS
    if (isIP(host)) {
      report('dns', 'ok', `${host} is an IP address: nothing to look up.`);
    } else {
      try {
        const addresses = await probes.lookup(host);
        const priv = addresses.find((a) => PRIVATE_V4.test(a));
        report(
          'dns',
          'ok',
          `${host} resolves to ${addresses.slice(0, 3).join(', ')}${priv ? ' (a private address: a private endpoint)' : ''}.`,
        );
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'ENOTFOUND') {
          const label = host.split('.')[0] ?? host;
          const known = deps.knownVaultNames
            ? await Promise.resolve(deps.knownVaultNames()).catch(() => [])
            : [];
          const suggestions = closeVaultNames(label, known);
          report('dns', 'failed', `The name ${host} does not exist.`, {
            fix: `No vault named "${label}" exists in this cloud, or the name is mistyped. Check the name${suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : ''}, and that the vault is in this cloud (China and US Government vaults have other addresses).`,
            ...(suggestions.length > 0 ? { suggestions } : {}),
          });
        } else {
          report('dns', 'failed', `The name ${host} could not be looked up (${String(code ?? 'error')}).`, {
            fix: 'Check your network, DNS or VPN, then run the checks again.',
          });
        }
        skipRest('tls', 'Skipped: the vault name does not resolve.');
        return { runId, steps };
      }
    }

    // 2. TLS, with the trust the vault's client uses (pins, the local vault's CA, or the system's roots)
    try {
      const proxy = deps.proxyFor ? await deps.proxyFor(vault.url) : undefined;
      const chain = await probes.tls(originOf(vault.url), ca, proxy);
      const leaf = chain.chain[0];
      if (chain.trustedBySystem) {
        report(
          'tls',
          'ok',
          `The certificate${leaf ? ` for ${leaf.subject}` : ''} is valid and trusted${ca ? ' (with this vault’s own trusted certificates)' : ''}.`,
        );
      } else {
        const code = chain.verificationError ?? 'UNTRUSTED_CERTIFICATE';
        report('tls', 'failed', tlsMessage(url.host, code, { customCloud: vault.auth.cloud === 'custom' }), {
          fix:
            vault.auth.cloud === 'custom'
              ? 'Open Settings, Certificates for this vault, check the chain and pin it.'
              : 'Trust the root certificate that signs it in the system (e.g. your proxy’s); Kluis never skips this check.',
        });
        skipRest('challenge', 'Skipped: the certificate is not trusted, so nothing is sent to this server.');
        return { runId, steps };
      }
    } catch (err) {
      failedWith('tls', toKluisError(err, ctx));
      skipRest('challenge', 'Skipped: no TLS connection to the vault.');
      return { runId, steps };
    }

    // 3. The challenge: which sign-in host, tenant and resource the vault asks for
    let challengeTenant: string | undefined;
    try {
      const answer = await probes.challenge(vault.url, ca);
      const challenge = parseChallenge(answer.wwwAuthenticate);
      challengeTenant = tenantOfUrl(challenge.authorization);
      if (answer.status !== 401 || !challenge.authorization || !challenge.resource) {
        report(
          'challenge',
          'failed',
          `The vault answered HTTP ${answer.status} without a Key Vault sign-in challenge: this address may not be a key vault.`,
          { fix: 'Check the vault URL.' },
        );
        skipRest('token', 'Skipped: no sign-in challenge.');
        return { runId, steps };
      }
      const expected = vault.kind === 'local' ? undefined : safeCloud(vault);
      const tenant = vault.kind === 'local' ? undefined : vault.auth.tenantId;
      const said = `The vault asks for a token from ${challenge.authorization} for ${challenge.resource}.`;
      if (expected && origin(challenge.resource) !== origin(expected.resource)) {
        report('challenge', 'failed', `${said} This vault's sign-in gets tokens for ${expected.resource}.`, {
          fix: 'Check the cloud and Key Vault resource in this vault’s sign-in settings.',
        });
      } else if (tenant && challengeTenant && tenant !== challengeTenant && !isCommonTenant(tenant)) {
        const access: AccessDiagnosis = {
          model: 'tenant',
          vaultTenant: challengeTenant,
          signedInTenant: tenant,
          authority: new URL(challenge.authorization).origin,
          command: `az login --tenant ${challengeTenant}`,
        };
        report('challenge', 'failed', `${said} ${diagnosisMessage(access)}`, {
          access,
          ...(access.command ? { command: access.command } : {}),
          fix: `Sign in to tenant ${challengeTenant} for this vault.`,
        });
      } else {
        report('challenge', 'ok', said);
      }
    } catch (err) {
      failedWith('challenge', toKluisError(err, ctx));
      skipRest('token', 'Skipped: the vault did not answer.');
      return { runId, steps };
    }

    // 4 and 5. A token the vault accepts, and list: one page of one item through the vault's own client
    let client: SecretClient;
    try {
      client = await deps.clientFor(vaultId);
    } catch (err) {
      failedWith('token', toKluisError(err, ctx));
      skipRest('list', 'Skipped: no sign-in for this vault.');
      return { runId, steps };
    }
    try {
      const page = await client.listPropertiesOfSecrets().byPage({ maxPageSize: 1 }).next();
      report('token', 'ok', 'Key Vault accepted the token: it is for the right tenant and resource.');
      const n = page.done ? 0 : page.value.length;
      report('list', 'ok', `Listing secrets is allowed${n === 0 ? ' (the first page is empty)' : ''}.`);
    } catch (err) {
      const error = toKluisError(err, { ...ctx, operation: 'secrets.listPage' });
      if (error.kind === 'forbidden') {
        report('token', 'ok', 'Key Vault accepted the token: it is for the right tenant and resource.');
        failedWith('list', await withAssignments(error, vault));
        const model = error.access?.model;
        if (model === 'firewall' || model === 'private-network') {
          report('get', 'skipped', 'Skipped: the vault’s network rules refuse every request from here.');
          return { runId, steps };
        }
      } else {
        failedWith(
          'token',
          error,
          error.access?.model === 'tenant'
            ? { fix: `Sign in to tenant ${error.access.vaultTenant ?? ''} for this vault.` }
            : {},
        );
        skipRest('list', 'Skipped: the vault did not accept the token.');
        return { runId, steps };
      }
    }

    // 6. Get: a name that does not exist, so the answer is the permission (404 allowed, 403 denied) and no value moves
    const probeName = `kluis-diagnose-${randomBytes(6).toString('hex')}`;
    try {
      await client.getSecret(probeName);
      report('get', 'ok', 'Reading secret values is allowed.');
    } catch (err) {
      const error = toKluisError(err, { ...ctx, operation: 'secrets.get' });
      if (error.kind === 'not-found') {
        report(
          'get',
          'ok',
          'Reading secret values is allowed (checked with a name that does not exist: no value was read).',
        );
      } else {
        failedWith('get', await withAssignments(error, vault));
      }
    }
    return { runId, steps };
  };

  /** An RBAC refusal, with what the account's role assignments say, where it can read them. */
  async function withAssignments(error: KluisError, vault: VaultConfig): Promise<KluisError> {
    const a = error.access;
    if (!deps.roleAssignments || a?.model !== 'rbac' || !a.scope || !a.callerObjectId) return error;
    const assignments = await checkRoleAssignments(deps.roleAssignments, {
      vault,
      scope: a.scope,
      principalId: a.callerObjectId,
      ...(a.deniedAction ? { deniedAction: a.deniedAction } : {}),
      requiredRole: a.requiredRole ?? 'Key Vault Secrets User',
    });
    return { ...error, access: { ...a, assignments } };
  }
}

function safeCloud(vault: VaultConfig) {
  try {
    return resolveCloud(vault.auth, vault.url);
  } catch {
    return undefined;
  }
}

const origin = (u: string): string => {
  try {
    return new URL(u).origin;
  } catch {
    return u;
  }
};

/** Tenant aliases that follow the account, not a directory. */
const isCommonTenant = (t: string) => ['common', 'organizations', 'consumers'].includes(t.toLowerCase());

/** The CAs a vault's client trusts, as vault-connections.ts builds it: the local vault's own, pins, or test trust. */
export function vaultTrustFor(
  vault: VaultConfig,
  localCaPem: string | undefined,
  policy: Pick<ConnectionPolicy, 'trustFor'>,
): string[] | undefined {
  if (vault.kind === 'local') return localCaPem ? [localCaPem] : undefined;
  const ca = policy.trustFor(vault).vaultTls?.ca;
  return ca === undefined ? undefined : Array.isArray(ca) ? ca : [ca];
}
