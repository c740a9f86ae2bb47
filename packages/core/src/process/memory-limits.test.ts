import { describe, expect, it } from 'vitest';
import { exceededLimit, minUptimeBeforeExitMs, resolveMemoryLimits } from './memory-limits.js';

describe('memory limits', () => {
  it('defaults the heap limit to 70% of V8 own limit and keeps a configured one', () => {
    expect(resolveMemoryLimits({ rss: 1000 }, 2000)).toEqual({ heap: 1400, rss: 1000 });
    expect(resolveMemoryLimits({ heap: 500, rss: 1000 }, 2000)).toEqual({ heap: 500, rss: 1000 });
  });

  it('names the heap first, then RSS, and nothing below both', () => {
    const limits = { heap: 100, rss: 200 };
    expect(exceededLimit({ heapUsed: 101, rss: 300 }, limits)).toBe('heap');
    expect(exceededLimit({ heapUsed: 50, rss: 201 }, limits)).toBe('rss');
    expect(exceededLimit({ heapUsed: 100, rss: 200 }, limits)).toBeUndefined();
  });

  it('keeps deliberate exits under ExaBGP respawn limit (more than 5 in 64 s)', () => {
    expect(Math.ceil(64_000 / minUptimeBeforeExitMs)).toBeLessThanOrEqual(5);
  });
});
