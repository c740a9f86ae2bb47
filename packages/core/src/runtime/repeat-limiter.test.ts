import { describe, expect, it } from 'vitest';
import { createRepeatLimiter, type RepeatLimiterOptions } from './repeat-limiter.js';

function limiterAt(options: RepeatLimiterOptions = { burst: 3, windowMs: 60_000 }) {
  const clock = { time: 0, now: () => clock.time };
  return { clock, allow: createRepeatLimiter(clock, options) };
}

describe('createRepeatLimiter', () => {
  it('lets a burst through, then holds back the rest of the window', () => {
    const { allow } = limiterAt();
    const verdicts = Array.from({ length: 1000 }, () => allow('unreadable').log);
    expect(verdicts.filter(Boolean)).toHaveLength(3);
  });

  it('tells, on the first line of the next window, how many were left out', () => {
    const { clock, allow } = limiterAt();
    for (let i = 0; i < 1000; i++) allow('unreadable');
    clock.time = 60_000;
    expect(allow('unreadable')).toEqual({ log: true, suppressed: 997 });
    expect(allow('unreadable')).toEqual({ log: true, suppressed: 0 });
  });

  it('counts each kind on its own', () => {
    const { allow } = limiterAt({ burst: 1, windowMs: 1000 });
    expect(allow('a').log).toBe(true);
    expect(allow('a').log).toBe(false);
    expect(allow('b').log).toBe(true);
  });

  it('remembers a bounded number of kinds', () => {
    const { allow } = limiterAt({ burst: 1, windowMs: 1000, maxKeys: 2 });
    for (let i = 0; i < 10_000; i++) allow(`kind ${i}`);
    expect(allow('kind 9999').log).toBe(false);
  });
});
