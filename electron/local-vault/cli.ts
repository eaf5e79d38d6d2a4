import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliUsageError, decodeStoreKey, HELP, parseCliArgs, parseToken, type CliArgs } from './cli-args';
import {
  LocalVaultStoreError,
  startLocalVault,
  type LocalVaultOptions,
  type RunningLocalVault,
} from './index';
import { generateTls, type TlsMaterial } from './tls';
import { loadOrCreateTls } from './tls-store';

function storeKey(args: CliArgs): Buffer | undefined {
  if (args.dataDir === undefined) return undefined;
  if (args.keyFile !== undefined) return decodeStoreKey(readFileSync(args.keyFile), '--key-file');
  const env = process.env.KLUIS_LOCAL_VAULT_KEY;
  if (!env)
    throw new CliUsageError(
      '--data-dir needs a key: --key-file FILE or env KLUIS_LOCAL_VAULT_KEY (base64, 32 bytes)',
    );
  return decodeStoreKey(env, 'KLUIS_LOCAL_VAULT_KEY');
}

/** One certificate for all vaults, so clients trust a single CA. */
async function tlsFor(args: CliArgs, key: Buffer | undefined): Promise<TlsMaterial> {
  if (args.tlsCert !== undefined && args.tlsKey !== undefined) {
    const certPem = readFileSync(args.tlsCert, 'utf8');
    return {
      certPem,
      keyPem: readFileSync(args.tlsKey, 'utf8'),
      caPem: args.tlsCa ? readFileSync(args.tlsCa, 'utf8') : certPem,
    };
  }
  if (args.dataDir !== undefined && key) return loadOrCreateTls(resolve(args.dataDir), key, args.hostnames);
  return generateTls(args.hostnames);
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  const key = storeKey(args);
  const tls = await tlsFor(args, key);
  const names = args.vaults.length > 0 ? args.vaults : [undefined];
  // Every vault accepts the same token: a client configures one credential.
  const token = args.auth.mode === 'token' ? givenToken(args) : undefined;
  const auth: LocalVaultOptions['auth'] =
    args.auth.mode === 'jwt'
      ? {
          mode: 'jwt',
          issuer: args.jwtIssuer!,
          jwksUri: args.jwtJwks!,
          ...(args.jwtAudience ? { audience: args.jwtAudience } : {}),
          ...(args.jwtCa ? { ca: readFileSync(args.jwtCa, 'utf8') } : {}),
        }
      : token === undefined
        ? { mode: 'any' }
        : { mode: 'token', token };
  const running: Array<{ name: string | undefined; vault: RunningLocalVault }> = [];
  const stopAll = (): Promise<unknown> => Promise.allSettled(running.map((r) => r.vault.stop()));

  try {
    for (const [i, name] of names.entries()) {
      const prefix = name ? `[${name}] ` : '';
      const vault = await startLocalVault({
        host: args.host,
        port: args.port === 0 ? 0 : args.port + i,
        auth,
        tenantId: args.tenantId,
        resource: args.resource,
        hostnames: args.hostnames,
        tls,
        dataDir: args.dataDir === undefined ? undefined : name ? join(args.dataDir, name) : args.dataDir,
        encryptionKey: key,
        recoverableDays: args.recoverableDays,
        purgeProtection: args.purgeProtection,
        latencyMs: args.latencyMs,
        throttle: args.throttle ? { omitRetryAfter: args.throttleNoRetryAfter } : false,
        faults: args.faultRate === undefined ? undefined : { rate: args.faultRate, seed: args.seed ?? 1 },
        paging: args.paging === 'sparse' ? { mode: 'sparse', seed: args.seed ?? 1 } : { mode: 'service' },
        ...(args.consistencyLagMs > 0
          ? { consistencyLag: { ms: args.consistencyLagMs, seed: args.seed ?? 1 } }
          : {}),
        ...(args.challengeAuthority ? { challengeAuthority: args.challengeAuthority } : {}),
        ...(args.maxConnections ? { limits: { maxConnections: args.maxConnections } } : {}),
        allowAnyTokenOnNetwork: args.allowAnyTokenOnNetwork,
        ...(Object.keys(args.access).length > 0
          ? { access: { ...args.access, ...(name ? { vaultName: name } : {}) } }
          : {}),
        log: (line) => {
          if (line.startsWith('warning: ') || line.startsWith('error: '))
            process.stderr.write(`${prefix}${line}\n`);
          else if (!args.quiet) process.stdout.write(`${prefix}${line}\n`);
        },
      });
      running.push({ name, vault });
    }
  } catch (e) {
    await stopAll();
    throw e;
  }

  if (args.caOut !== undefined) writeFileSync(args.caOut, tls.caPem);
  const first = running[0]!.vault;
  const info: Record<string, unknown> = {
    url: first.url,
    port: first.port,
    ca: args.caOut === undefined ? null : resolve(args.caOut),
    token: first.token ?? null,
    auth: args.auth.mode,
  };
  if (args.dataDir !== undefined) info.dataDir = resolve(args.dataDir);
  if (args.vaults.length > 0)
    info.vaults = running.map((r) => ({ name: r.name, url: r.vault.url, port: r.vault.port }));
  process.stdout.write(`${JSON.stringify(info)}\n`);

  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    process.stderr.write(`local-vault: ${signal}, shutting down\n`);
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** The token: --token-file, then KLUIS_LOCAL_VAULT_TOKEN, then --auth token:VALUE (with a warning), else random. */
function givenToken(args: CliArgs): string {
  if (args.tokenFile !== undefined) return parseToken(readFileSync(args.tokenFile, 'utf8'), '--token-file');
  if (args.auth.mode === 'token' && args.auth.token !== undefined) {
    process.stderr.write(
      'local-vault: warning: --auth token:VALUE shows the token to every user of this machine (ps); use --token-file FILE or env KLUIS_LOCAL_VAULT_TOKEN\n',
    );
    return args.auth.token;
  }
  const env = process.env.KLUIS_LOCAL_VAULT_TOKEN;
  if (env !== undefined && env !== '') return parseToken(env, 'KLUIS_LOCAL_VAULT_TOKEN');
  return randomToken();
}

function randomToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

main().catch((e: unknown) => {
  if (e instanceof CliUsageError || e instanceof LocalVaultStoreError || e instanceof RangeError) {
    process.stderr.write(`local-vault: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`local-vault: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
