import { describe, expect, it } from 'vitest';
import { formatSummary, summarize } from './summarize.js';

describe('summarize', () => {
  it('takes the middle sample of an odd-sized sample as the median', () => {
    expect(summarize([900, 100, 500])).toEqual({ median: 500, min: 100, max: 900, n: 3 });
  });

  it('averages the two middle samples of an even-sized sample', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('formats milliseconds as seconds', () => {
    expect(formatSummary(summarize([1234, 500, 2000]))).toBe('1.23 s (0.50–2.00)');
  });
});
