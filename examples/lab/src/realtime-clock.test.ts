import { describe, expect, it } from 'vitest';
import { calibrateRealtimeClock } from './realtime-clock.js';

describe('calibrateRealtimeClock', () => {
  it('agrees with Date.now() to within its millisecond, with microseconds', () => {
    const clock = calibrateRealtimeClock();
    const before = Date.now();
    const now = clock.nowUs();
    const after = Date.now();
    expect(now).toBeGreaterThanOrEqual(before * 1000 - 50);
    expect(now).toBeLessThan((after + 1) * 1000 + 50);
  });

  it('puts a performance.now() reading on the same clock', () => {
    const clock = calibrateRealtimeClock();
    const at = performance.now();
    expect(Math.abs(clock.fromPerformanceMs(at) - clock.nowUs())).toBeLessThan(1000);
  });
});
