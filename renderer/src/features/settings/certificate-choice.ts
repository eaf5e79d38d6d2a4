import type { CertificateInfo, VaultConfig } from '../../../../electron/contract';

/** The endpoints of a custom-cloud vault whose certificate can be pinned: the vault and its sign-in host. */
export function endpointsOf(vault: VaultConfig): Array<{ origin: string; label: string }> {
  if (vault.kind !== 'azure' || vault.auth.cloud !== 'custom') return [];
  const out: Array<{ origin: string; label: string }> = [];
  const add = (url: string | undefined, label: string) => {
    if (!url) return;
    try {
      const origin = new URL(url).origin;
      if (origin.startsWith('https://') && !out.some((e) => e.origin === origin)) out.push({ origin, label });
    } catch {
      /* not a URL: nothing to check */
    }
  };
  add(vault.url, 'Vault');
  add(vault.auth.authorityHost, 'Sign-in host');
  return out;
}

/** The certificate offered first: the root (self-signed) one, else the top of what the server sent. */
export function defaultPick(chain: readonly CertificateInfo[]): CertificateInfo | undefined {
  return chain.find((c) => c.selfSigned) ?? chain[chain.length - 1];
}
