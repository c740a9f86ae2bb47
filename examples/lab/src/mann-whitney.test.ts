import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mann-whitney.js';

describe('mannWhitneyU', () => {
  // Wikipedia's "Mann–Whitney U test" illustration: six tortoises and six hares finish in
  // the order T H H H H H T T T T T H; U = 11 for the tortoises (finishing first counts),
  // 25 for the hares. Here a sample's U counts its values above the other's.
  const tortoises = [1, 7, 8, 9, 10, 11];
  const hares = [2, 3, 4, 5, 6, 12];

  it('gives the textbook U of the tortoise and hare race', () => {
    expect(mannWhitneyU(tortoises, hares).u).toBe(25);
    expect(mannWhitneyU(hares, tortoises).u).toBe(11);
  });

  it('gives the two-sided p of the normal approximation, as scipy does without continuity correction', () => {
    // scipy.stats.mannwhitneyu(T, H, method='asymptotic', use_continuity=False).pvalue
    expect(mannWhitneyU(tortoises, hares).p).toBeCloseTo(0.2623317, 5);
  });

  it('corrects the variance for ties', () => {
    const a = [857, 900, 968, 1000, 700, 650, 1200, 857];
    const b = [968, 968, 1100, 1300, 857, 900, 1500];
    const result = mannWhitneyU(a, b);
    expect(result.u).toBe(14.5);
    expect(result.p).toBeCloseTo(0.1152497, 5);
    expect(result.z).toBeLessThan(0);
  });

  it('finds no difference between equal samples', () => {
    const result = mannWhitneyU([5, 5, 5], [5, 5, 5]);
    expect(result.u).toBe(4.5);
    expect(result.z).toBe(0);
    expect(result.p).toBeCloseTo(1, 6);
  });
});
