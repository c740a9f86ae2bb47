import { describe, expect, it } from 'vitest';
import { parseIpPrefix } from './ip-prefix.js';
import { isPrefixAllowed, parseAllowedPrefix } from './allowed-prefixes.js';

const allowed = (rules: string[], route: string) => isPrefixAllowed(parseIpPrefix(route), rules.map(parseAllowedPrefix));

describe('allowed prefixes', () => {
  it('reads prefix-list entries: le widens, ge narrows, a bare prefix is that route only', () => {
    expect(allowed(['2001:db8:30::/48 le 128'], '2001:db8:30::1/128')).toBe(true);
    expect(allowed(['2001:db8:30::/48 le 128'], '2001:db8:30::/48')).toBe(true);
    expect(allowed(['2001:db8:30::/48 ge 128'], '2001:db8:30::/64')).toBe(false);
    expect(allowed(['203.0.113.0/24'], '203.0.113.0/24')).toBe(true);
    expect(allowed(['203.0.113.0/24'], '203.0.113.10/32')).toBe(false);
    expect(allowed(['203.0.113.0/24 ge 28 le 30'], '203.0.113.16/28')).toBe(true);
    expect(allowed(['203.0.113.0/24 ge 28 le 30'], '203.0.113.10/32')).toBe(false);
  });

  it('allows nothing outside the entries, nor across families', () => {
    expect(allowed(['2001:db8:30::/48 le 128'], '2001:db8:31::1')).toBe(false);
    expect(allowed(['0.0.0.0/0 le 32'], '2001:db8::1')).toBe(false);
    expect(allowed([], '192.0.2.1')).toBe(false);
  });

  it('refuses entries that cannot match or do not parse', () => {
    expect(() => parseAllowedPrefix('203.0.113.0/24 le 16')).toThrow(/24 <= ge <= le <= 32/);
    expect(() => parseAllowedPrefix('203.0.113.0/24 le')).toThrow(/PREFIX \[ge N\] \[le M\]/);
    expect(() => parseAllowedPrefix('203.0.113.0/24 max 32')).toThrow(/PREFIX/);
    expect(() => parseAllowedPrefix('203.0.113.1/24 le 32')).toThrow(/host bits/);
  });
});
