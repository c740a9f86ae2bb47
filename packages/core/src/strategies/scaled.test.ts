import { describe, expect, it } from 'vitest';
import type { AnnouncedState } from '../health/health-state.js';
import { scaledStrategy, stepAdd } from './scaled.js';

const prefixes = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'];
const steps = [
  { above: 1, add: 100 },
  { above: 2, add: 300 },
];

function plan(state: AnnouncedState, values: Record<string, number> | undefined, extra: Record<string, unknown> = {}) {
  const strategy = scaledStrategy.create(scaledStrategy.options.parse({ node: 0, nodes: 3, value: 'load', steps, ...extra }), { serviceName: 'web' });
  return strategy.plan({ serviceName: 'web', prefixes, state, ...(values && { values }) });
}
const meds = (intents: ReturnType<typeof plan>) => intents.map((intent) => intent.med);

describe('scaled strategy', () => {
  it('is rotate until the check reports the value, and below every step', () => {
    expect(meds(plan('up', undefined))).toEqual([102, 101, 100]);
    expect(meds(plan('up', { load: 0.5 }))).toEqual([102, 101, 100]);
    expect(meds(plan('up', { latencyMs: 9 }))).toEqual([102, 101, 100]);
  });

  it('adds the step the value reached while up', () => {
    expect(meds(plan('up', { load: 1.5 }))).toEqual([202, 201, 200]);
    expect(meds(plan('up', { load: 7 }))).toEqual([402, 401, 400]);
    expect(stepAdd(steps, 1)).toBe(0); // above means above
  });

  it('leaves down and disabled as rotate has them', () => {
    expect(meds(plan('down', { load: 7 }))).toEqual([1002, 1001, 1000]);
    expect(meds(plan('disabled', { load: 7 }))).toEqual([502, 501, 500]);
  });

  it('withdraws past withdrawAbove while up, and in the withdrawOn states', () => {
    expect(plan('up', { load: 4.5 }, { withdrawAbove: 4 }).map((intent) => intent.action)).toEqual(['withdraw', 'withdraw', 'withdraw']);
    expect(plan('up', { load: 3.9 }, { withdrawAbove: 4 })[0]?.action).toBe('announce');
    expect(plan('down', undefined, { withdrawOn: ['down'] })[0]?.action).toBe('withdraw');
  });

  it('refuses steps out of order, unknown keys, and a missing value name', () => {
    expect(scaledStrategy.options.safeParse({ node: 0, nodes: 3, value: 'load', steps: [steps[1], steps[0]] }).error?.issues[0]?.path).toEqual(['steps']);
    expect(scaledStrategy.options.safeParse({ node: 0, nodes: 3, value: 'load', steps, withdrawAt: 4 }).success).toBe(false);
    expect(scaledStrategy.options.safeParse({ node: 0, nodes: 3, steps }).success).toBe(false);
  });
});
