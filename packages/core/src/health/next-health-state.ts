import type { HealthState } from './health-state.js';

/** What one scheduled round observed: the check passed, failed, or the disable file exists. */
export type HealthObservation = 'pass' | 'fail' | 'disabled';

export interface Hysteresis {
  /** Consecutive passes needed to go up. */
  rise: number;
  /** Consecutive failures needed to go down. */
  fall: number;
}

/**
 * The rise/fall state machine of ExaBGP's healthcheck, as a pure function.
 * Leaving maintenance (disabled) starts again from init, so a node must pass `rise`
 * checks before it takes traffic back.
 */
export function nextHealthState(previous: HealthState, observation: HealthObservation, hysteresis: Hysteresis): HealthState {
  if (observation === 'disabled') return { name: 'disabled', count: 0 };
  const { rise, fall } = hysteresis;

  if (observation === 'pass') {
    if (previous.name === 'up') return previous;
    const count = previous.name === 'rising' ? previous.count + 1 : 1;
    return count >= rise ? { name: 'up', count: 0 } : { name: 'rising', count };
  }

  if (previous.name === 'down') return previous;
  const count = previous.name === 'falling' ? previous.count + 1 : 1;
  return count >= fall ? { name: 'down', count: 0 } : { name: 'falling', count };
}
