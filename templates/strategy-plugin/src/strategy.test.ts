import { describe, expect, it } from 'vitest';
import { exampleOptions } from './options.js';
import { strategy } from './strategy.js';

const prefixes = ['2001:db8:30::1/128', '2001:db8:30::2/128'];

function planWith(options: unknown, state: 'up' | 'down' | 'disabled') {
  const instance = strategy.create(exampleOptions.parse(options), { serviceName: 'web' });
  return instance.plan({ serviceName: 'web', prefixes, state });
}

describe('example strategy', () => {
  it('announces each prefix with the MED from its weight table while up', () => {
    const routes = planWith({ weights: { '2001:db8:30::1/128': 10 }, defaultMed: 50 }, 'up');
    expect(routes).toEqual([
      { action: 'announce', prefix: '2001:db8:30::1/128', nextHop: 'self', med: 10 },
      { action: 'announce', prefix: '2001:db8:30::2/128', nextHop: 'self', med: 50 },
    ]);
  });

  it('withdraws every prefix while down by default', () => {
    expect(planWith({}, 'down').map((route) => route.action)).toEqual(['withdraw', 'withdraw']);
  });

  it('keeps announcing with a last-resort MED when whenDown is a number', () => {
    expect(planWith({ whenDown: 1000, nextHop: '2001:db8::9' }, 'down')).toEqual([
      { action: 'announce', prefix: '2001:db8:30::1/128', nextHop: '2001:db8::9', med: 1000 },
      { action: 'announce', prefix: '2001:db8:30::2/128', nextHop: '2001:db8::9', med: 1000 },
    ]);
  });

  it('follows whenDisabled during maintenance', () => {
    expect(planWith({ whenDown: 1000, whenDisabled: 500 }, 'disabled').map((route) => route.med)).toEqual([500, 500]);
  });

  it('rejects a MED above 2^32-1', () => {
    expect(exampleOptions.safeParse({ defaultMed: 2 ** 32 }).success).toBe(false);
  });

  it('declares the core versions it supports', () => {
    expect(strategy.coreVersion).toBe('^0.1.0');
  });

  it('refuses an option it does not know, so a typo is not silently ignored', () => {
    const result = exampleOptions.safeParse({ whenDwon: 1000 });
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['whenDwon'] });
  });
});
