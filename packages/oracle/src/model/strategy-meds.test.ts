import { describe, expect, it } from 'vitest';
import { medsFor, rendezvousRanking } from './strategy-meds.js';
import type { Metrics, StrategySpec } from './spec.js';

const metrics: Metrics = { up: 100, down: 1000, disabled: 500 };
const v6 = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'];
const meds = (strategy: StrategySpec, state: 'up' | 'down' | 'disabled' = 'up', ips = v6) => [...medsFor(strategy, ips, state).values()];

describe('the model of the metric strategies (from docs/metric-strategies.md)', () => {
  it('gives rotate the reference table of three nodes and three IPs', () => {
    const row = (node: number) => meds({ use: 'rotate', node, nodes: 3, metrics, increase: 1, withdrawOn: [] });
    expect([row(0), row(1), row(2)]).toEqual([
      [102, 101, 100],
      [101, 100, 102],
      [100, 102, 101],
    ]);
  });

  it('gives rendezvous the table the docs print for w1, w2, w3', () => {
    const column = (self: string) => meds({ use: 'rendezvous', members: ['w1', 'w2', 'w3'], self, metrics, increase: 1, withdrawOn: [] });
    expect([column('w1'), column('w2'), column('w3')]).toEqual([
      [100, 101, 101],
      [101, 100, 100],
      [102, 102, 102],
    ]);
    expect(rendezvousRanking(['w3', 'w1', 'w2'], v6[0] as string)).toEqual(['w1', 'w2', 'w3']);
  });

  it('gives fixed the first IP after rotating left by startIp the base metric', () => {
    const fixed = (startIp: number): StrategySpec => ({ use: 'fixed', startIp, metrics, increase: 2, withdrawOn: [] });
    expect(meds(fixed(0))).toEqual([100, 102, 104]);
    expect(meds(fixed(1))).toEqual([104, 100, 102]);
    expect(meds(fixed(4), 'disabled')).toEqual([504, 500, 502]);
  });

  it('withdraws in the states of withdrawOn only', () => {
    const strategy: StrategySpec = { use: 'rotate', node: 0, nodes: 1, metrics, increase: 1, withdrawOn: ['down'] };
    expect(meds(strategy, 'down')).toEqual([undefined, undefined, undefined]);
    expect(meds(strategy, 'disabled')).toEqual([500, 500, 500]);
  });
});
