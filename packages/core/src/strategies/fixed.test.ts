import { describe, expect, it } from 'vitest';
import { fixedStrategy, rotateLeft } from './fixed.js';

const prefixes = ['203.0.113.1/32', '203.0.113.2/32', '203.0.113.3/32'];

function plan(options: Record<string, unknown>, state: 'up' | 'down' | 'disabled') {
  return fixedStrategy.create(fixedStrategy.options.parse(options), { serviceName: 's' }).plan({ serviceName: 's', prefixes, state });
}

describe('fixed strategy', () => {
  it('uses the healthcheck defaults: 100/1000/500 plus one per IP', () => {
    expect(plan({}, 'up').map((i) => i.med)).toEqual([100, 101, 102]);
    expect(plan({}, 'down').map((i) => i.med)).toEqual([1000, 1001, 1002]);
    expect(plan({}, 'disabled').map((i) => i.med)).toEqual([500, 501, 502]);
  });

  it('rotates the IP list left by startIp', () => {
    expect(plan({ startIp: 1 }, 'up').map((i) => [i.prefix, i.med])).toEqual([
      ['203.0.113.2/32', 100],
      ['203.0.113.3/32', 101],
      ['203.0.113.1/32', 102],
    ]);
  });

  it('withdraws on down and disabled when asked', () => {
    const intents = plan({ withdrawOn: ['down', 'disabled'] }, 'disabled');
    expect(intents.every((i) => i.action === 'withdraw' && i.med === undefined)).toBe(true);
  });

  it('overrides attributes per state', () => {
    const options = { communities: ['65001:1'], states: { down: { communities: ['65001:666'], asPath: [65001, 65001] } } };
    expect(plan(options, 'up')[0]?.communities).toEqual(['65001:1']);
    expect(plan(options, 'down')[0]).toMatchObject({ communities: ['65001:666'], asPath: [65001, 65001], med: 1000 });
  });

  it('keeps the configured next hop in a state that overrides other attributes', () => {
    const options = { nextHop: '203.0.113.254', states: { down: { communities: ['65001:666'] } } };
    expect(plan(options, 'down')[0]).toMatchObject({ nextHop: '203.0.113.254', communities: ['65001:666'] });
    expect(plan({ ...options, withdrawOn: ['down'] }, 'down')[0]).toMatchObject({ action: 'withdraw', nextHop: '203.0.113.254' });
  });

  it('rotates lists like deque.rotate(-n)', () => {
    expect(rotateLeft([1, 2, 3], 4)).toEqual([2, 3, 1]);
    expect(rotateLeft([], 2)).toEqual([]);
  });

  it('refuses a misspelt attribute in a per-state override', () => {
    const result = fixedStrategy.options.safeParse({ states: { down: { comunities: ['65001:666'] } } });
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['comunities'], path: ['states', 'down'] }),
    );
  });

  it('refuses unknown top-level options and unknown states', () => {
    expect(fixedStrategy.options.safeParse({ withdrawOnDown: true }).success).toBe(false);
    expect(fixedStrategy.options.safeParse({ states: { maintenance: {} } }).success).toBe(false);
  });
});
