import type { SecretProperties } from '../../../../electron/contract';

function haystack(secret: SecretProperties): string {
  const tags = Object.entries(secret.tags ?? {}).map(([k, v]) => `${k}=${v}`);
  return [secret.name, secret.contentType ?? '', ...tags].join('\n').toLowerCase();
}

/**
 * Keeps the secrets whose name, content type or tags contain every word of the query
 * (case-insensitive); tags match as "key=value", so "env=prod" finds a tag.
 */
export function filterSecrets(secrets: readonly SecretProperties[], query: string): SecretProperties[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...secrets];
  return secrets.filter((secret) => {
    const text = haystack(secret);
    return words.every((word) => text.includes(word));
  });
}
