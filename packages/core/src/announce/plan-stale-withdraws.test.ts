import { describe, expect, it } from 'vitest';
import { parseAllowedPrefix } from './allowed-prefixes.js';
import { planStaleWithdraws } from './plan-stale-withdraws.js';

const allowed = ['2001:db8:30::/48 le 128', '203.0.113.0/24 le 32'].map(parseAllowedPrefix);

describe('planStaleWithdraws', () => {
  it('withdraws each held route inside the allow-list that no service owns, once', () => {
    const held = ['2001:db8:30::1/128', '2001:db8:30::9/128', '2001:db8:30:0::9/128', '203.0.113.10/32'];
    const owned = new Set(['2001:db8:30::1/128']);
    expect(planStaleWithdraws(held, owned, allowed)).toEqual([
      { action: 'withdraw', prefix: '2001:db8:30::9/128', nextHop: 'self' },
      { action: 'withdraw', prefix: '203.0.113.10/32', nextHop: 'self' },
    ]);
  });

  it('never touches a route outside the allow-list, nor an unreadable one', () => {
    expect(planStaleWithdraws(['198.51.100.0/24', '2001:db8:99::1/128', 'garbage'], new Set(), allowed)).toEqual([]);
    expect(planStaleWithdraws(['2001:db8:30::1/128'], new Set(), [])).toEqual([]);
  });
});
