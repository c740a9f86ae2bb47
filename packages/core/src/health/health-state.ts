/** Where a service stands in the rise/fall state machine (ExaBGP healthcheck's states). */
export type HealthStateName = 'init' | 'rising' | 'up' | 'falling' | 'down' | 'disabled';

/** The states in which a node announces something; init/rising/falling keep what was there. */
export type AnnouncedState = 'up' | 'down' | 'disabled';

/** The state plus the consecutive-result counter that drives rising/falling. */
export interface HealthState {
  name: HealthStateName;
  /** Consecutive passing (rising) or failing (falling) checks counted so far. */
  count: number;
}

/** True for the states that carry an announcement. */
export function isAnnouncedState(name: HealthStateName): name is AnnouncedState {
  return name === 'up' || name === 'down' || name === 'disabled';
}

export const initialHealthState: HealthState = { name: 'init', count: 0 };
