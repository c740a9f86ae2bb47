/** Median, minimum and maximum of a sample (milliseconds). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, n: sorted.length };
}

/** `median (min–max)` in seconds with two decimals. */
export function formatSummary(summary: Summary): string {
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  return `${s(summary.median)} s (${s(summary.min)}–${s(summary.max)})`;
}
