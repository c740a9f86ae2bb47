import type { Clock } from '../scheduler/clock.js';

/** The real clock: performance.now() does not jump when NTP steps the wall clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
