import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  canonicalPrefix,
  formatCommunity,
  parseBirdSessions,
  parseBirdTable,
  parseFrrSessions,
  parseFrrTable,
  parseGobgpSessions,
  parseGobgpTable,
  sortCommunities,
  toRouteTable,
} from '../src/route-server-table.js';
import type { HeldRoute } from '../src/route-servers.js';

// Captured from the live lab (startRouteServerLab) with ExaBGP announcing the routes below.
const fixture = (name: string): string => readFileSync(new URL(`fixtures/route-servers/${name}`, import.meta.url), 'utf8');

const everyWellKnown = ['0:0', '1:2', '65001:100', '65535:0', '65535:1', '65535:2', '65535:3', '65535:4', '65535:5', '65535:6', '65535:7', '65535:8', '65535:666', '65535:65281', '65535:65282', '65535:65283', '65535:65284'];

/** What all three servers hold, normalized: the contract every parser must meet. */
const expected: HeldRoute[] = [
  { prefix: '203.0.113.10/32', med: 100, communities: [], nextHop: '198.51.100.1' },
  { prefix: '203.0.113.11/32', med: undefined, communities: everyWellKnown, nextHop: '198.51.100.2' },
  { prefix: '2001:db8:30::1/128', med: 100, communities: ['65001:100', '65535:0'], nextHop: '2001:db8:100::1' },
  { prefix: '2001:db8:30::2/128', med: 0, communities: [], nextHop: '2001:db8:100::2' },
  { prefix: '2001:db8:30::3/128', med: 4294967295, communities: [], nextHop: '2001:db8:100::1' },
];

const byPrefix = (routes: HeldRoute[]): HeldRoute[] => [...toRouteTable(routes).values()].sort((a, b) => a.prefix.localeCompare(b.prefix));
const sorted = byPrefix(expected);

describe('route server tables', () => {
  it('reads BIRD show route all into the common shape', () => {
    expect(byPrefix(parseBirdTable(fixture('bird-show-route-all.txt')))).toEqual(sorted);
  });

  it('reads FRR json detail, turning community names back into numbers', () => {
    const routes = [...parseFrrTable(fixture('frr-ipv4-detail.json')), ...parseFrrTable(fixture('frr-ipv6-detail.json'))];
    expect(byPrefix(routes)).toEqual(sorted);
  });

  it('reads GoBGP global rib json, communities printed as 32-bit numbers', () => {
    const routes = [...parseGobgpTable(fixture('gobgp-rib-ipv4.json')), ...parseGobgpTable(fixture('gobgp-rib-ipv6.json'))];
    expect(byPrefix(routes)).toEqual(sorted);
  });

  it('reads empty tables as no routes', () => {
    expect(parseBirdTable(fixture('bird-show-route-all-empty.txt'))).toEqual([]);
    expect(parseFrrTable(fixture('frr-ipv4-detail-empty.json'))).toEqual([]);
    expect(parseGobgpTable(fixture('gobgp-rib-empty.json'))).toEqual([]);
    expect(parseGobgpTable('')).toEqual([]);
  });

  it('refuses an FRR community name it cannot translate', () => {
    const json = JSON.stringify({ routes: { '192.0.2.0/24': [{ nexthops: [{ ip: '192.0.2.1' }], community: { list: ['somethingNew'] } }] } });
    expect(() => parseFrrTable(json)).toThrow(/unknown FRR community name 'somethingNew'/);
  });

  it('takes the global next hop when FRR lists a link-local one first', () => {
    const json = JSON.stringify({
      routes: { '2001:db8::/64': [{ nexthops: [{ ip: 'fe80::1', scope: 'link-local' }, { ip: '2001:DB8::1', scope: 'global' }] }] },
    });
    expect(parseFrrTable(json)[0]?.nextHop).toBe('2001:db8::1');
  });
});

describe('route server sessions', () => {
  it('reads BIRD protocols up and down', () => {
    expect(parseBirdSessions(fixture('bird-show-protocols.txt'))).toEqual(new Map([['node4', true], ['node6', true]]));
    expect(parseBirdSessions(fixture('bird-show-protocols-down.txt'))).toEqual(new Map([['node4', false], ['node6', false]]));
  });

  it('reads FRR neighbors up and down', () => {
    const up = new Map([['198.51.100.1', true], ['2001:db8:100::1', true]]);
    expect(parseFrrSessions(fixture('frr-neighbors.json'))).toEqual(up);
    expect(parseFrrSessions(fixture('frr-neighbors-down.json'))).toEqual(new Map([...up.keys()].map((address) => [address, false])));
  });

  it('reads GoBGP neighbors up and down', () => {
    const up = new Map([['198.51.100.1', true], ['2001:db8:100::1', true]]);
    expect(parseGobgpSessions(fixture('gobgp-neighbors.json'))).toEqual(up);
    expect(parseGobgpSessions(fixture('gobgp-neighbors-down.json'))).toEqual(new Map([...up.keys()].map((address) => [address, false])));
  });
});

describe('normalization', () => {
  it('writes IPv6 addresses and prefixes in RFC 5952 form', () => {
    expect(canonicalAddress('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalAddress('198.51.100.1')).toBe('198.51.100.1');
    expect(canonicalPrefix('2001:db8:30:0::1/128')).toBe('2001:db8:30::1/128');
  });

  it('formats 32-bit communities and sorts them by value', () => {
    expect(formatCommunity(4294901760)).toBe('65535:0');
    expect(formatCommunity(4259905636)).toBe('65001:100');
    expect(sortCommunities(['10:1', '65535:0', '9:1'])).toEqual(['9:1', '10:1', '65535:0']);
  });
});
