/**
 * Close matches for a vault name that does not resolve, from the names Kluis knows (the configured vaults, and
 * discovery's once it is wired through `knownVaultNames`): a typo of one or two characters, or the same name with a
 * different ending. At most three, closest first.
 */
export function closeVaultNames(name: string, known: readonly string[]): string[] {
  const target = name.toLowerCase();
  const scored = [...new Set(known.map((k) => k.toLowerCase()))]
    .filter((k) => k !== target && /^[0-9a-z-]{1,63}$/.test(k))
    .map((k) => ({ k, d: distance(target, k) }))
    .filter(
      ({ k, d }) =>
        d <= Math.max(1, Math.min(2, Math.floor(target.length / 4))) ||
        k.startsWith(target) ||
        target.startsWith(k),
    )
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  return scored.slice(0, 3).map(({ k }) => k);
}

/** Levenshtein distance (names are at most 24 characters, so the quadratic table is tiny). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The first label of each vault URL on a Key Vault domain: the names of vaults Kluis already knows. */
export function vaultNamesOf(urls: readonly string[]): string[] {
  const names: string[] = [];
  for (const u of urls) {
    try {
      const host = new URL(u).hostname;
      if (/\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)$/i.test(host))
        names.push(host.split('.')[0] as string);
    } catch {
      /* not a URL */
    }
  }
  return names;
}
