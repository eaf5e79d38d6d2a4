import { failure } from '../errors/kluis-failure';

/** Azure's rule for vault names: 3-24 characters, letters, digits and dashes, starting with a letter. */
const VAULT_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;

const invalid = (message: string) => failure('invalid-input', message, { field: 'vault' });

/**
 * Turns what the user typed into a vault URL: a bare name becomes https://<name>.<vaultSuffix>/ (the cloud's suffix,
 * vault.azure.net by default), a full https URL is normalised to its origin with a trailing slash. Throws a
 * KluisFailure (invalid-input, field 'vault') otherwise. A custom cloud passes no suffix: it needs a full URL.
 */
export function resolveVaultUrl(input: string, vaultSuffix: string | null = 'vault.azure.net'): string {
  const text = input.trim();
  if (!text.includes('/') && !text.includes(':') && !text.includes('.')) {
    if (!VAULT_NAME.test(text) || text.includes('--')) {
      throw invalid(
        'A vault name is 3-24 characters: letters, digits and dashes, starting with a letter, not ending with a dash and without "--".',
      );
    }
    if (vaultSuffix === null) {
      throw invalid(
        "For a custom cloud, enter the vault's full URL, e.g. https://my-vault.vault.example.com/.",
      );
    }
    return `https://${text.toLowerCase()}.${vaultSuffix}/`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(
      'Enter a vault name (e.g. my-vault) or a full URL such as https://my-vault.vault.azure.net/.',
    );
  }
  if (url.protocol !== 'https:') throw invalid('A vault URL must start with https://.');
  if (url.username || url.password) throw invalid('A vault URL must not contain a user name or password.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalid(
      'A vault URL is just the address, without a path or query, e.g. https://my-vault.vault.azure.net/.',
    );
  }
  return `${url.origin}/`;
}

/** The name the sidebar shows when the user gives none: the vault name for Azure, else the host. */
export function defaultDisplayName(vaultUrl: string): string {
  const host = new URL(vaultUrl).host;
  const azure = /^([^.]+)\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)$/.exec(host);
  return azure?.[1] ?? host;
}
