import { describe, expect, it } from 'vitest';
import { canonicalPrefix, parseIpPrefix, prefixContains, prefixesOverlap, readIpPrefix } from './ip-prefix.js';

describe('canonicalPrefix', () => {
  it('spells one route one way: a bare address is a host route', () => {
    expect(canonicalPrefix('192.0.2.1')).toBe('192.0.2.1/32');
    expect(canonicalPrefix('192.0.2.1/32')).toBe('192.0.2.1/32');
    expect(canonicalPrefix('2001:DB8:30:0:0::1')).toBe('2001:db8:30::1/128');
    expect(canonicalPrefix('2001:0db8:0030::0001/128')).toBe('2001:db8:30::1/128');
  });

  it('compresses the longest run of zero groups as RFC 5952 says', () => {
    expect(canonicalPrefix('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1/128');
    expect(canonicalPrefix('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1/128');
    expect(canonicalPrefix('2001:db8:1:1:1:1:0:1')).toBe('2001:db8:1:1:1:1:0:1/128');
    expect(canonicalPrefix('::')).toBe('::/128');
    expect(canonicalPrefix('::ffff:192.0.2.1')).toBe('::ffff:c000:201/128');
  });

  it('refuses host bits, zone IDs and non-addresses with the reason', () => {
    expect(() => parseIpPrefix('203.0.113.5/24')).toThrow(/host bits set beyond \/24/);
    expect(() => parseIpPrefix('fe80::1%eth0')).toThrow(/zone ID/);
    expect(readIpPrefix('2001:db8::/129')).toBe('length must be 0..128');
    expect(readIpPrefix('198.51.100.1/032')).toBe('length must be 0..32');
    expect(readIpPrefix('web01')).toMatch(/must be an IP address/);
  });
});

describe('prefixContains and prefixesOverlap', () => {
  const p = parseIpPrefix;
  it('sees a host route inside its network, and equal prefixes as overlapping', () => {
    expect(prefixContains(p('192.0.2.0/24'), p('192.0.2.1'))).toBe(true);
    expect(prefixContains(p('192.0.2.1'), p('192.0.2.0/24'))).toBe(false);
    expect(prefixesOverlap(p('192.0.2.1'), p('192.0.2.1/32'))).toBe(true);
    expect(prefixesOverlap(p('192.0.2.1/32'), p('192.0.2.0/24'))).toBe(true);
  });

  it('keeps families and disjoint networks apart', () => {
    expect(prefixesOverlap(p('192.0.2.0/25'), p('192.0.2.128/25'))).toBe(false);
    expect(prefixesOverlap(p('0.0.0.0/0'), p('::/0'))).toBe(false);
    expect(prefixContains(p('2001:db8:30::/48'), p('2001:db8:30::1'))).toBe(true);
    expect(prefixContains(p('2001:db8:30::/48'), p('2001:db8:31::1'))).toBe(false);
  });
});
