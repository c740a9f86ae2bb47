import type { HealthState } from './health-state.js';

/**
 * What one scheduled round observed: the check passed, passed degraded, failed, or the
 * disable file exists.
 */
export type HealthObservation = 'pass' | 'degraded' | 'fail' | 'disabled';

export interface Hysteresis {
  /** Consecutive passes needed to go up (and, graded, from degraded back to up). */
  rise: number;
  /** Consecutive failures needed to go down (and, graded, degraded checks to leave up). */
  fall: number;
  /**
   * True when the strategy gives `degraded` its own tier. Otherwise a degraded check is a
   * pass, exactly as in ExaBGP's healthcheck, which knows only exit codes.
   */
  graded?: boolean;
}

/**
 * The rise/fall state machine of ExaBGP's healthcheck, as a pure function.
 * Leaving maintenance (disabled) starts again from init, so a node must pass `rise`
 * checks before it takes traffic back.
 *
 * Graded: `degraded` sits between up and down. Up becomes degraded after `fall`
 * consecutive degraded checks, degraded becomes up after `rise` healthy ones, and a rise
 * that ends on a degraded check lands in degraded. Failures fall from up or degraded alike.
 */
export function nextHealthState(previous: HealthState, observation: HealthObservation, hysteresis: Hysteresis): HealthState {
  if (observation === 'disabled') return { name: 'disabled', count: 0 };
  const { rise, fall } = hysteresis;
  const seen = observation === 'degraded' && !hysteresis.graded ? 'pass' : observation;

  if (seen === 'pass' || seen === 'degraded') {
    if (previous.name === 'up') return seen === 'pass' ? { name: 'up', count: 0 } : towards('degraded', previous.count + 1, fall, 'up');
    if (previous.name === 'degraded') return seen === 'degraded' ? { name: 'degraded', count: 0 } : towards('up', previous.count + 1, rise, 'degraded');
    const count = previous.name === 'rising' ? previous.count + 1 : 1;
    return count >= rise ? { name: seen === 'pass' ? 'up' : 'degraded', count: 0 } : { name: 'rising', count };
  }

  if (previous.name === 'down') return previous;
  const count = previous.name === 'falling' ? previous.count + 1 : 1;
  return count >= fall ? { name: 'down', count: 0 } : { name: 'falling', count };
}

/** Between two healthy tiers: move once `needed` checks in a row said so, else count. */
function towards(next: 'up' | 'degraded', count: number, needed: number, current: 'up' | 'degraded'): HealthState {
  return count >= needed ? { name: next, count: 0 } : { name: current, count };
}
