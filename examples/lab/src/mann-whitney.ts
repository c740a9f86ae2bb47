/** A two-sided Mann–Whitney U test of two independent samples. */
export interface MannWhitneyResult {
  /** U of the first sample: the pairs (a, b) with a > b, ties counting one half. */
  u: number;
  /** The normal approximation's z (tie-corrected variance, no continuity correction). */
  z: number;
  /** Two-sided p of that z. */
  p: number;
}

/** Ranks 1…n of the values, ties given their mean rank, and Σ(t³ − t) over the tie groups. */
function rankWithTies(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    const t = end - start + 1;
    tieTerm += t ** 3 - t;
    for (let k = start; k <= end; k++) ranks[order[k]?.index ?? 0] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/** The standard normal distribution's upper tail, Q(x) = 1 − Φ(x) (Abramowitz–Stegun 7.1.26 on erfc, |error| < 1.5e-7). */
function upperTail(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * Whether two samples (failover times of two tools) differ in location, without assuming
 * a distribution: failover times are a uniform phase plus fixed delays, far from normal.
 * The normal approximation is fine from about 8 per sample (the bench takes 15).
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  const { ranks, tieTerm } = rankWithTies([...a, ...b]);
  const rankSum = ranks.slice(0, n1).reduce((sum, rank) => sum + rank, 0);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const z = variance > 0 ? (u - (n1 * n2) / 2) / Math.sqrt(variance) : 0;
  return { u, z, p: Math.min(1, 2 * upperTail(Math.abs(z))) };
}
