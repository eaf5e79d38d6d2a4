/** One line of the command palette. */
export interface PaletteItem {
  id: string;
  label: string;
  /** Shown at the right, e.g. "Ctrl+N" or "Vault". */
  hint?: string;
  run: () => void;
}

/**
 * Fuzzy score of a query against a label: every query character must appear in order (case-insensitive).
 * Consecutive matches and matches at word starts score higher; undefined when it does not match.
 */
export function fuzzyScore(query: string, label: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const text = label.toLowerCase();
  let score = 0;
  let at = -1;
  let run = 0;
  for (const ch of q) {
    const found = text.indexOf(ch, at + 1);
    if (found < 0) return undefined;
    run = found === at + 1 ? run + 1 : 0;
    const wordStart = found === 0 || /[\s\-_/.:]/.test(text[found - 1] ?? '');
    score += 1 + run * 2 + (wordStart ? 3 : 0) - Math.min(found - at - 1, 5) * 0.1;
    at = found;
  }
  return score;
}

/** The items matching the query, best first (ties keep their order). */
export function filterPalette<T extends { label: string }>(items: readonly T[], query: string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, item.label) }))
    .filter((x): x is { item: T; index: number; score: number } => x.score !== undefined)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}
