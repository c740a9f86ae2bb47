import { describe, expect, it } from 'vitest';
import type { RouteIntent } from './route-intent.js';
import { parseAllowedPrefix } from './allowed-prefixes.js';
import { validateRouteIntent } from './validate-route-intent.js';

const base: RouteIntent = { action: 'announce', prefix: '203.0.113.10/32', nextHop: 'self' };
const check = (extra: Record<string, unknown>) => () => validateRouteIntent({ ...base, ...extra } as RouteIntent);

describe('validateRouteIntent', () => {
  it('accepts well-formed routes of both families', () => {
    expect(check({})).not.toThrow();
    expect(check({ prefix: '2001:db8::/32', nextHop: '2001:db8::1', med: 4294967295, localPreference: 0 })).not.toThrow();
    expect(check({ prefix: '0.0.0.0/0', communities: ['0:0', '65535:65535', 'no-export', 'no-advertise', 'no-export-subconfed', 'nopeer', 'blackhole'] })).not.toThrow();
    expect(check({ largeCommunities: ['4294967295:0:4294967295'], asPath: [0, 4294967295], origin: 'incomplete' })).not.toThrow();
    expect(check({ extendedCommunities: ['target:65001:4294967295', 'origin:4200000000:65535', 'target:192.0.2.1:65535'] })).not.toThrow();
    expect(check({ pathInformation: '4294967295' })).not.toThrow();
    expect(check({ prefix: '::ffff:192.0.2.0/120' })).not.toThrow();
  });

  it('rejects bad addresses and prefix lengths', () => {
    expect(check({ prefix: '203.0.113.300/32' })).toThrow(/prefix must be an IP address/);
    expect(check({ prefix: '203.0.113.10/33' })).toThrow(/prefix length must be 0..32/);
    expect(check({ prefix: '2001:db8::/129' })).toThrow(/0..128/);
    expect(check({ prefix: '203.0.113.10/032' })).toThrow(/prefix length/);
    expect(check({ prefix: '203.0.113.10/32/1' })).toThrow(/prefix must be/);
    expect(check({ nextHop: 'myself' })).toThrow(/nextHop/);
    expect(check({ neighbors: ['peer-a'] })).toThrow(/neighbors must hold IP addresses/);
  });

  it('rejects host bits beyond the prefix length', () => {
    expect(check({ prefix: '203.0.113.5/24' })).toThrow(/host bits/);
    expect(check({ prefix: '2001:db8::1/64' })).toThrow(/host bits/);
    expect(check({ prefix: '203.0.113.0/24' })).not.toThrow();
  });

  it('rejects numbers outside their ranges', () => {
    expect(check({ med: 4294967296 })).toThrow(/med must be an integer 0..4294967295/);
    expect(check({ med: -1 })).toThrow(/med/);
    expect(check({ med: 1.5 })).toThrow(/med/);
    expect(check({ localPreference: Number.NaN })).toThrow(/localPreference/);
    expect(check({ asPath: [4294967296] })).toThrow(/asPath/);
    expect(check({ pathInformation: '4294967296' })).toThrow(/pathInformation/);
  });

  it('rejects communities ExaBGP would wrap or misread', () => {
    expect(check({ communities: ['65001:100000'] })).toThrow(/communities must hold ASN:VALUE/);
    expect(check({ communities: ['65001'] })).toThrow(/communities/);
    expect(check({ communities: ['NO-EXPORT'] })).toThrow(/communities/);
    expect(check({ largeCommunities: ['1:2'] })).toThrow(/largeCommunities/);
    expect(check({ extendedCommunities: ['target:4200000000:70000'] })).toThrow(/extendedCommunities/);
    expect(check({ extendedCommunities: ['target:192.0.2.1:70000'] })).toThrow(/extendedCommunities/);
    expect(check({ extendedCommunities: ['color:1:2'] })).toThrow(/extendedCommunities/);
  });

  it('rejects enums outside their values', () => {
    expect(check({ action: 'replace' })).toThrow(/action/);
    expect(check({ origin: 'IGP' })).toThrow(/origin/);
  });

  it('rejects a newline or any control character anywhere', () => {
    expect(check({ communities: ['65001:100\nannounce route 0.0.0.0/0 next-hop self'] })).toThrow(/communities contains a control/);
    expect(check({ prefix: '203.0.113.10/32\n' })).toThrow(/prefix contains a control/);
    expect(check({ nextHop: '\u0085self' })).toThrow(/nextHop contains a control/);
  });

  it('rejects IPv6 zone IDs, which ExaBGP 4.2 answers with no ack at all', () => {
    expect(check({ prefix: 'fe80::1%eth0' })).toThrow(/zone ID/);
    expect(check({ prefix: '2001:db8::1/128', nextHop: 'fe80::1%eth0' })).toThrow(/nextHop/);
    expect(check({ neighbors: ['fe80::2%eth0'] })).toThrow(/neighbors/);
  });

  it('rejects a next hop of the other address family, which BIRD drops without a word', () => {
    expect(check({ prefix: '2001:db8:30::1/128', nextHop: '192.0.2.254' })).toThrow(/nextHop 192.0.2.254 is IPv4 but the route is IPv6/);
    expect(check({ nextHop: '2001:db8::fe' })).toThrow(/is IPv6 but the route is IPv4/);
    expect(check({ nextHop: '192.0.2.254' })).not.toThrow();
  });

  it('rejects a route outside the allow-list when one is given', () => {
    const allowed = ['2001:db8:30::/48 le 128'].map(parseAllowedPrefix);
    expect(() => validateRouteIntent({ ...base, prefix: '2001:db8:30::1/128' }, { allowed })).not.toThrow();
    expect(() => validateRouteIntent({ ...base, prefix: '2001:db8:99::1/128' }, { allowed })).toThrow(/2001:db8:99::1\/128 is outside allowedPrefixes/);
  });
});
