export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/** Nearest-rank quantile (p in 0..1) of a sample. */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
