/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((left, right) => left - right);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Rounds for reporting (results.json holds numbers, not strings). */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** The middle half of the samples and a distribution-free 95 % confidence interval of the median. */
export interface Spread {
  p25: number;
  p75: number;
  /** Order statistics n/2 ± 0.98·√n: the median lies between them in 95 % of samples. */
  ci95: [number, number];
}

export function spread(samples: readonly number[], decimals = 1): Spread {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((left, right) => left - right);
  const half = 0.98 * Math.sqrt(sorted.length);
  const at = (rank: number) =>
    roundTo(sorted[Math.min(sorted.length, Math.max(1, Math.round(rank))) - 1] as number, decimals);
  return {
    p25: roundTo(percentile(sorted, 25), decimals),
    p75: roundTo(percentile(sorted, 75), decimals),
    ci95: [at(sorted.length / 2 - half), at(sorted.length / 2 + 1 + half)],
  };
}

export function formatSpread(value: Spread): string {
  return `IQR ${value.p25} to ${value.p75}, 95 % CI ${value.ci95[0]} to ${value.ci95[1]}`;
}
