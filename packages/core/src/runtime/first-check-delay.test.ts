import { describe, expect, it } from 'vitest';
import { firstCheckDelay } from './service-set.js';

describe('firstCheckDelay', () => {
  it('spreads a thousand services over their interval instead of one tick', () => {
    const delays = Array.from({ length: 1000 }, (_, i) => firstCheckDelay(i, 1000, 1000));
    expect(new Set(delays).size).toBe(1000);
    expect(Math.max(...delays)).toBe(999);
  });

  it('starts a handful of services within a few milliseconds', () => {
    expect([0, 1, 2].map((i) => firstCheckDelay(i, 3, 5000))).toEqual([0, 10, 20]);
    expect(firstCheckDelay(0, 1, 5000)).toBe(0);
  });
});
