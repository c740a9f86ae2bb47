import { describe, expect, it } from 'vitest';
import { parseAdjRibRow, type AdjRibRow, type RouteIntent } from '@exaplug/protocol';
import { compareHeldRoutes } from './compare-held-routes.js';

const families = new Map([
  ['127.0.0.1', new Set(['ipv4 unicast'])],
  ['::1', new Set(['ipv6 unicast'])],
]);
const owned = new Set(['203.0.113.40/32', '2001:db8:30::40/128', '203.0.113.50/32']);
const owns = (prefix: string) => owned.has(prefix);
const announce = (prefix: string, med: number, extra: Partial<RouteIntent> = {}): RouteIntent => ({ action: 'announce', prefix, nextHop: 'self', med, ...extra });
const rows = (...lines: string[]) => lines.map((line) => parseAdjRibRow(line) as AdjRibRow);
const row = (peer: string, family: string, prefix: string, rest: string) =>
  `neighbor ${peer} local-ip x local-as 65001 peer-as 65002 router-id 127.0.0.2 family-allowed in-open ${family} ${prefix} next-hop self ${rest}`;

describe('compareHeldRoutes', () => {
  it('finds nothing when each session holds exactly the routes of its family', () => {
    const held = rows(row('127.0.0.1', 'ipv4 unicast', '203.0.113.40/32', 'med 100 community [ 65001:1 65535:65281 ]'), row('::1', 'ipv6 unicast', '2001:db8:30::40/128', 'med 100'));
    const announced = [announce('203.0.113.40/32', 100, { communities: ['no-export', '65001:1'] }), announce('2001:db8:30::40/128', 100)];
    expect(compareHeldRoutes(announced, held, families, owns)).toEqual([]);
  });

  it('sees the IPv4 route a mixed-family command filed as IPv6 (ExaBGP 4.2): missing on the IPv4 session, unexpected on the IPv6 one', () => {
    // What 4.2 held after `announce attributes next-hop self med 100 nlri 203.0.113.40/32 2001:db8:30::40/128`.
    const held = rows(row('::1', 'ipv6 unicast', '203.0.113.40/32', 'med 100'), row('::1', 'ipv6 unicast', '2001:db8:30::40/128', 'med 100'));
    const divergences = compareHeldRoutes([announce('203.0.113.40/32', 100), announce('2001:db8:30::40/128', 100)], held, families, owns);
    expect(divergences.map((d) => [d.kind, d.peer, d.prefix])).toEqual([
      ['missing', '127.0.0.1', '203.0.113.40/32'],
      ['unexpected', '::1', '203.0.113.40/32'],
    ]);
  });

  it('sees a route left after a withdraw, and a MED that differs', () => {
    const held = rows(row('127.0.0.1', 'ipv4 unicast', '203.0.113.50/32', 'med 100'), row('127.0.0.1', 'ipv4 unicast', '203.0.113.40/32', 'med 100'));
    const divergences = compareHeldRoutes([announce('203.0.113.40/32', 1000)], held, families, owns);
    expect(divergences).toMatchObject([
      { kind: 'differs', peer: '127.0.0.1', prefix: '203.0.113.40/32', what: 'med 100 instead of 1000' },
      { kind: 'unexpected', peer: '127.0.0.1', prefix: '203.0.113.50/32' },
    ]);
  });

  it('leaves alone what exaplug does not own, and respects a route selector', () => {
    const held = rows(row('127.0.0.1', 'ipv4 unicast', '198.51.100.0/24', 'med 5'));
    expect(compareHeldRoutes([announce('203.0.113.40/32', 100, { neighbors: ['::1'] })], held, families, owns)).toEqual([]);
  });
});
