import { describe, expect, it } from 'vitest';
import { diffTables } from './compare-tables.js';

describe('comparing a route server\'s table with the model', () => {
  it('is equal across spellings of prefixes, next hops and community order', () => {
    const expected = new Map([['2001:db8:30::1/128', { prefix: '2001:db8:30::1/128', med: 100, communities: ['1:2', '65535:0'], nextHop: '2001:db8::1' }]]);
    const held = new Map([['x', { prefix: '2001:DB8:30:0::1/128', med: 100, communities: ['65535:0', '1:2'], nextHop: '2001:db8:0::1' }]]);
    expect(diffTables(expected, held)).toEqual([]);
  });

  it('names missing, extra and different routes', () => {
    const expected = new Map([
      ['203.0.113.1/32', { prefix: '203.0.113.1/32', med: 100, communities: [], nextHop: '10.0.0.1' }],
      ['203.0.113.2/32', { prefix: '203.0.113.2/32', med: 101, communities: [], nextHop: '10.0.0.1' }],
    ]);
    const held = new Map([
      ['203.0.113.1/32', { prefix: '203.0.113.1/32', med: 1000, communities: [], nextHop: '10.0.0.1' }],
      ['203.0.113.3/32', { prefix: '203.0.113.3/32', med: 5, communities: [], nextHop: '10.0.0.1' }],
    ]);
    expect(diffTables(expected, held)).toEqual([
      '203.0.113.1/32: med 100 expected, held 1000',
      '203.0.113.2/32: missing (expected med 101, next hop 10.0.0.1)',
      '203.0.113.3/32: held (med 5) but should be withdrawn',
    ]);
  });
});
