import { describe, expect, it } from 'vitest';
import type { AnnouncedState } from '../health/health-state.js';
import { rotateStrategy } from './rotate.js';

const prefixes = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'];

function medsFor(node: number, state: AnnouncedState, extra: Record<string, unknown> = {}) {
  const strategy = rotateStrategy.create(rotateStrategy.options.parse({ node, nodes: 3, ...extra }), { serviceName: 'web' });
  return strategy.plan({ serviceName: 'web', prefixes, state }).map((intent) => intent.med);
}

describe('rotate strategy', () => {
  it('produces the reference table for three nodes when up', () => {
    // rows: nodes 0..2; columns: routes ::1..::3 (the table is symmetric)
    const table = [0, 1, 2].map((node) => medsFor(node, 'up'));
    expect(table).toEqual([
      [102, 101, 100],
      [101, 100, 102],
      [100, 102, 101],
    ]);
  });

  it('repeats the pattern from 1000 when down and from 500 when disabled', () => {
    expect([0, 1, 2].map((node) => medsFor(node, 'down'))).toEqual([
      [1002, 1001, 1000],
      [1001, 1000, 1002],
      [1000, 1002, 1001],
    ]);
    expect(medsFor(1, 'disabled')).toEqual([501, 500, 502]);
  });

  it('gives every IP exactly one primary node', () => {
    for (let ip = 0; ip < 3; ip++) {
      const primaries = [0, 1, 2].filter((node) => medsFor(node, 'up')[ip] === 100);
      expect(primaries).toHaveLength(1);
    }
  });

  it('withdraws in the states listed in withdrawOn', () => {
    const strategy = rotateStrategy.create(rotateStrategy.options.parse({ node: 0, nodes: 3, withdrawOn: ['down'] }), {
      serviceName: 'web',
    });
    expect(strategy.plan({ serviceName: 'web', prefixes, state: 'down' }).map((i) => i.action)).toEqual([
      'withdraw',
      'withdraw',
      'withdraw',
    ]);
    expect(strategy.plan({ serviceName: 'web', prefixes, state: 'disabled' })[0]?.action).toBe('announce');
  });

  it('carries route attributes into every announcement', () => {
    const strategy = rotateStrategy.create(
      rotateStrategy.options.parse({ node: 0, nodes: 3, communities: ['65001:100'], neighbors: ['2001:db8:1::2'] }),
      { serviceName: 'web' },
    );
    expect(strategy.plan({ serviceName: 'web', prefixes, state: 'up' })[0]).toEqual({
      action: 'announce',
      prefix: '2001:db8:30::1/128',
      nextHop: 'self',
      med: 102,
      communities: ['65001:100'],
      neighbors: ['2001:db8:1::2'],
    });
  });

  it('refuses a node index outside the node count', () => {
    const result = rotateStrategy.options.safeParse({ node: 3, nodes: 3 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['node']);
  });

  it('refuses options it does not know, so a node configured to withdraw never silently announces', () => {
    const result = rotateStrategy.options.safeParse({ node: 0, nodes: 3, withdrawOnDown: true, metric: { up: 50 } });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['withdrawOnDown', 'metric'], path: [] }));
  });

  it('refuses a misspelt state under metrics', () => {
    const result = rotateStrategy.options.safeParse({ node: 0, nodes: 3, metrics: { upp: 50 } });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['upp'], path: ['metrics'] }));
  });
});
