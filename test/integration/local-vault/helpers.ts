import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import { request as httpsRequest } from 'node:https';
import {
  startLocalVault,
  type LocalVaultOptions,
  type RunningLocalVault,
} from '../../../electron/local-vault/index';

/** A credential that hands out a fixed token: the local vault checks it like the service would. */
export function staticCredential(token: string): TokenCredential {
  return {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
}

/** The real SDK client, trusting only the vault's own CA (never turning verification off). */
export function sdkClient(
  vault: RunningLocalVault,
  extra: Partial<SecretClientOptions> = {},
  token = vault.token ?? 'any-token',
): SecretClient {
  return new SecretClient(vault.url, staticCredential(token), {
    tlsOptions: { ca: vault.caPem },
    // 127.0.0.1 is not a subdomain of the challenge resource, so the SDK's check must be skipped here.
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    ...extra,
  });
}

export async function startTestVault(
  options: LocalVaultOptions = {},
): Promise<{ vault: RunningLocalVault; client: SecretClient }> {
  const vault = await startLocalVault(options);
  return { vault, client: sdkClient(vault) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface RawOptions {
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Bearer token to send; null for none. Defaults to the vault's token. */
  token?: string | null;
}

/** A plain HTTPS request for wire-level checks, trusting only the vault's CA. */
export function raw(
  vault: RunningLocalVault,
  method: string,
  path: string,
  opts: RawOptions = {},
): Promise<RawResponse> {
  const url = new URL(vault.url);
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? (vault.token ?? 'any-token') : opts.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(opts.body));
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: url.hostname, port: url.port, method, path, headers, ca: vault.caPem, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export const API = 'api-version=7.6';

export async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

export function statusOf(e: unknown): { statusCode?: number; code?: string; message: string } {
  const err = e as { statusCode?: number; code?: string; message: string };
  return { statusCode: err.statusCode, code: err.code, message: err.message };
}
