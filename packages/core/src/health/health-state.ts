/** Where a service stands in the rise/fall state machine (ExaBGP healthcheck's states, plus graded `degraded`). */
export type HealthStateName = 'init' | 'rising' | 'up' | 'degraded' | 'falling' | 'down' | 'disabled';

/**
 * The states in which a node announces something; init/rising/falling keep what was there.
 * `degraded` is reached only by a strategy that gives it its own tier (see
 * StrategyInstance.gradesDegraded); otherwise a degraded check counts as up.
 */
export type AnnouncedState = 'up' | 'degraded' | 'down' | 'disabled';

/** Every announced state, best first: what a strategy is asked to plan (see plannedStates). */
export const announcedStates: readonly AnnouncedState[] = ['up', 'degraded', 'down', 'disabled'];

/** The state plus the consecutive-result counter that drives rising/falling. */
export interface HealthState {
  name: HealthStateName;
  /**
   * Consecutive passing (rising) or failing (falling) checks counted so far; with graded
   * health, consecutive degraded checks while up, or healthy ones while degraded.
   */
  count: number;
}

/** True for the states that carry an announcement. */
export function isAnnouncedState(name: HealthStateName): name is AnnouncedState {
  return name === 'up' || name === 'degraded' || name === 'down' || name === 'disabled';
}

export const initialHealthState: HealthState = { name: 'init', count: 0 };
