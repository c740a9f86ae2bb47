import { describe, expect, it } from 'vitest';
import { parseAllowedPrefix } from '@exaplug/protocol';
import { planStaleWithdraws } from './plan-stale-withdraws.js';

const allowed = ['2001:db8:30::/48 le 128', '203.0.113.0/24 le 32'].map(parseAllowedPrefix);

describe('planStaleWithdraws', () => {
  it('withdraws each held route inside the allow-list that no service owns, once', () => {
    const held = ['2001:db8:30::1/128', '2001:db8:30::9/128', '2001:db8:30:0::9/128', '203.0.113.10/32'].map((prefix) => ({ prefix }));
    const owned = new Set(['2001:db8:30::1/128']);
    expect(planStaleWithdraws(held, owned, allowed)).toEqual([
      { action: 'withdraw', prefix: '2001:db8:30::9/128', nextHop: 'self' },
      { action: 'withdraw', prefix: '203.0.113.10/32', nextHop: 'self' },
    ]);
  });

  it('never touches a route outside the allow-list, nor an unreadable one', () => {
    expect(planStaleWithdraws(['198.51.100.0/24', '2001:db8:99::1/128', 'garbage'].map((prefix) => ({ prefix })), new Set(), allowed)).toEqual([]);
    expect(planStaleWithdraws([{ prefix: '2001:db8:30::1/128' }], new Set(), [])).toEqual([]);
  });

  it('addresses each withdraw to the neighbors that hold the route', () => {
    const held = [
      { prefix: '203.0.113.10/32', peer: '127.0.0.1' },
      { prefix: '203.0.113.10/32', peer: '127.0.0.9' },
      { prefix: '2001:db8:30::9/128', peer: '::1' },
    ];
    expect(planStaleWithdraws(held, new Set(), allowed).map((intent) => intent.neighbors)).toEqual([['127.0.0.1', '127.0.0.9'], ['::1']]);
  });
});
