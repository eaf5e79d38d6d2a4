export interface ProxyServer {
  host: string;
  port: number;
}

/**
 * Reads the first usable entry of a PAC result as Electron's session.resolveProxy gives it, e.g.
 * "PROXY proxy.corp:8080; DIRECT". DIRECT first (or nothing usable) means no proxy. SOCKS entries are skipped: the
 * Azure SDK's proxy option speaks HTTP CONNECT only.
 */
export function parsePacResult(result: string): ProxyServer | undefined {
  for (const entry of result.split(';')) {
    const [kind, address] = entry.trim().split(/\s+/, 2);
    if (!kind) continue;
    const upper = kind.toUpperCase();
    if (upper === 'DIRECT') return undefined;
    if ((upper === 'PROXY' || upper === 'HTTPS') && address) {
      const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(address);
      const port = match ? Number(match[2]) : NaN;
      if (match?.[1] && port > 0 && port < 65536) return { host: match[1], port };
    }
  }
  return undefined;
}

/**
 * The proxy for a vault: HTTPS_PROXY/NO_PROXY in the environment are left to the Azure SDK (it reads them itself);
 * otherwise the OS proxy configuration, resolved by Electron for the vault's URL.
 */
export async function resolveVaultProxy(
  vaultUrl: string,
  resolveProxy: (url: string) => Promise<string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProxyServer | undefined> {
  if (env.HTTPS_PROXY || env.https_proxy) return undefined;
  try {
    return parsePacResult(await resolveProxy(vaultUrl));
  } catch {
    return undefined;
  }
}
