import { describe, expect, it } from 'vitest';
import { initialHealthState, type HealthState } from './health-state.js';
import { nextHealthState, type HealthObservation } from './next-health-state.js';

const defaults = { rise: 3, fall: 3 };

function run(observations: HealthObservation[], hysteresis = defaults, from: HealthState = initialHealthState) {
  const states: string[] = [];
  let state = from;
  for (const observation of observations) {
    state = nextHealthState(state, observation, hysteresis);
    states.push(state.count ? `${state.name}:${state.count}` : state.name);
  }
  return states;
}

describe('nextHealthState', () => {
  it('rises from init after three consecutive passes', () => {
    expect(run(['pass', 'pass', 'pass'])).toEqual(['rising:1', 'rising:2', 'up']);
  });

  it('falls from init after three consecutive failures', () => {
    expect(run(['fail', 'fail', 'fail'])).toEqual(['falling:1', 'falling:2', 'down']);
  });

  it('goes straight up from init when rise is 1', () => {
    expect(run(['pass'], { rise: 1, fall: 3 })).toEqual(['up']);
  });

  it('goes straight down from init when fall is 1', () => {
    expect(run(['fail'], { rise: 3, fall: 1 })).toEqual(['down']);
  });

  it('falls after three consecutive failures from up', () => {
    expect(run(['fail', 'fail', 'fail'], defaults, { name: 'up', count: 0 })).toEqual(['falling:1', 'falling:2', 'down']);
  });

  it('stays up on passes and down on failures', () => {
    expect(run(['pass', 'pass'], defaults, { name: 'up', count: 0 })).toEqual(['up', 'up']);
    expect(run(['fail', 'fail'], defaults, { name: 'down', count: 0 })).toEqual(['down', 'down']);
  });

  it('restarts the count when a rising service fails', () => {
    expect(run(['pass', 'pass', 'fail', 'pass'])).toEqual(['rising:1', 'rising:2', 'falling:1', 'rising:1']);
  });

  it('restarts the count when a falling service passes', () => {
    expect(run(['fail', 'fail', 'pass', 'fail'], defaults, { name: 'up', count: 0 })).toEqual([
      'falling:1',
      'falling:2',
      'rising:1',
      'falling:1',
    ]);
  });

  it('rises from down after three passes', () => {
    expect(run(['pass', 'pass', 'pass'], defaults, { name: 'down', count: 0 })).toEqual(['rising:1', 'rising:2', 'up']);
  });

  it('enters disabled from any state and leaves it through a fresh rise', () => {
    for (const name of ['init', 'rising', 'up', 'falling', 'down'] as const) {
      expect(nextHealthState({ name, count: 1 }, 'disabled', defaults)).toEqual({ name: 'disabled', count: 0 });
    }
    expect(run(['pass', 'pass', 'pass'], defaults, { name: 'disabled', count: 0 })).toEqual(['rising:1', 'rising:2', 'up']);
    expect(run(['fail'], { rise: 3, fall: 1 }, { name: 'disabled', count: 0 })).toEqual(['down']);
  });
});

describe('nextHealthState with graded health', () => {
  const graded = { rise: 3, fall: 3, graded: true };
  const up = { name: 'up', count: 0 } as const;

  it('counts a degraded check as a pass when the strategy has no degraded tier', () => {
    expect(run(['degraded', 'degraded', 'degraded'])).toEqual(['rising:1', 'rising:2', 'up']);
    expect(run(['degraded', 'degraded', 'degraded', 'degraded'], defaults, up)).toEqual(['up', 'up', 'up', 'up']);
  });

  it('becomes degraded after fall consecutive degraded checks from up', () => {
    expect(run(['degraded', 'degraded', 'degraded'], graded, up)).toEqual(['up:1', 'up:2', 'degraded']);
  });

  it('stays up when a healthy check breaks the run of degraded ones', () => {
    expect(run(['degraded', 'degraded', 'pass', 'degraded'], graded, up)).toEqual(['up:1', 'up:2', 'up', 'up:1']);
  });

  it('returns to up after rise consecutive healthy checks from degraded', () => {
    expect(run(['pass', 'pass', 'degraded', 'pass', 'pass', 'pass'], graded, { name: 'degraded', count: 0 })).toEqual([
      'degraded:1',
      'degraded:2',
      'degraded',
      'degraded:1',
      'degraded:2',
      'up',
    ]);
  });

  it('falls from degraded to down on failures', () => {
    expect(run(['fail', 'fail', 'fail'], graded, { name: 'degraded', count: 0 })).toEqual(['falling:1', 'falling:2', 'down']);
  });

  it('lands in degraded when the rise ends on a degraded check', () => {
    expect(run(['pass', 'pass', 'degraded'], graded)).toEqual(['rising:1', 'rising:2', 'degraded']);
    expect(run(['degraded', 'degraded', 'pass'], graded, { name: 'down', count: 0 })).toEqual(['rising:1', 'rising:2', 'up']);
  });
});
