import type { HealthStateName } from '../health/health-state.js';

export interface CheckTiming {
  interval: number;
  fastInterval: number;
  downInterval: number;
  jitter: number;
}

/**
 * How long to wait before the next check: fast while the outcome is undecided
 * (rising/falling), `downInterval` while down, `interval` otherwise, plus up to
 * `jitter` so that many nodes do not probe a shared backend in lockstep.
 * `random` is injected (0 ≤ r < 1) to keep this pure.
 */
export function nextCheckDelay(state: HealthStateName, timing: CheckTiming, random: number): number {
  const base =
    state === 'rising' || state === 'falling' ? timing.fastInterval : state === 'down' ? timing.downInterval : timing.interval;
  return base + Math.floor(timing.jitter * random);
}
