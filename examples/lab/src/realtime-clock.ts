/**
 * Wall-clock time to the microsecond, the clock the route servers stamp their logs with.
 * `Date.now()` has whole milliseconds; `performance.now()` has microseconds but its own
 * origin. Calibration waits for `Date.now()` to tick (at most 1 ms) and pairs that edge
 * with `performance.now()`, so both clocks agree within a few microseconds from then on
 * (CLOCK_MONOTONIC follows NTP's rate corrections as CLOCK_REALTIME does; recalibrate
 * before each measurement in case of a step).
 */
export interface RealtimeClock {
  /** Now, in µs since the epoch. */
  nowUs(): number;
  /** A `performance.now()` reading, in µs since the epoch. */
  fromPerformanceMs(ms: number): number;
}

/** A wall clock with microseconds, calibrated now (spins for up to a millisecond). */
export function calibrateRealtimeClock(): RealtimeClock {
  const start = Date.now();
  let edge = start;
  let at = performance.now();
  while (edge === start) {
    at = performance.now();
    edge = Date.now();
  }
  const offsetMs = edge - at;
  return {
    nowUs: () => (performance.now() + offsetMs) * 1000,
    fromPerformanceMs: (ms) => (ms + offsetMs) * 1000,
  };
}
