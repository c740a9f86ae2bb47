import { describe, expect, it } from 'vitest';
import { parseAllowedPrefix } from '@exaplug/protocol';
import { findPrefixConflicts } from './find-prefix-conflicts.js';

describe('findPrefixConflicts', () => {
  it('finds the same route in two services', () => {
    const conflicts = findPrefixConflicts([
      { name: 'web', ips: ['192.0.2.1/32'] },
      { name: 'api', ips: ['192.0.2.1/32'] },
    ]);
    expect(conflicts).toEqual([
      { path: ['services', 'api', 'ips', 0], message: '192.0.2.1/32 is also 192.0.2.1/32 of services.web.ips.0: one route, one owner' },
    ]);
  });

  it('finds a host route inside another service prefix, and one IP listed twice', () => {
    const conflicts = findPrefixConflicts([
      { name: 'web', ips: ['2001:db8:30::/64', '2001:db8:31::1/128', '2001:db8:31::1/128'] },
      { name: 'api', ips: ['2001:db8:30::5/128'] },
    ]);
    expect(conflicts.map((c) => c.path.join('.'))).toEqual(['services.api.ips.0', 'services.web.ips.2']);
    expect(conflicts[0]?.message).toContain('overlaps 2001:db8:30::/64 of services.web.ips.0');
  });

  it('accepts disjoint prefixes of both families', () => {
    expect(
      findPrefixConflicts([
        { name: 'a', ips: ['192.0.2.0/25', '2001:db8::1/128'] },
        { name: 'b', ips: ['192.0.2.128/25', '2001:db8::2/128', '0.0.0.0/32'] },
      ]),
    ).toEqual([]);
  });

  it('names each service IP outside the allow-list', () => {
    const allowed = ['2001:db8:30::/48 le 128'].map(parseAllowedPrefix);
    expect(findPrefixConflicts([{ name: 'web', ips: ['2001:db8:30::1/128', '2001:db8:99::1/128'] }], allowed)).toEqual([
      { path: ['services', 'web', 'ips', 1], message: '2001:db8:99::1/128 is outside allowedPrefixes' },
    ]);
  });
});
