import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RouteIntent } from './route-intent.js';
import { isProtocolError } from './protocol-error.js';
import { formatGroupedRouteCommand } from './format-command.js';
import { unicastFamilyOf } from './ip-prefix.js';
import { groupAdjacentRoutes } from './group-routes.js';

const announce = (prefix: string, med = 100, extra: Partial<RouteIntent> = {}): RouteIntent => ({ action: 'announce', prefix, nextHop: 'self', med, ...extra });
const withdraw = (prefix: string): RouteIntent => ({ action: 'withdraw', prefix, nextHop: 'self' });
const prefixesOf = (groups: RouteIntent[][]) => groups.map((group) => group.map((intent) => intent.prefix));

describe('groupAdjacentRoutes', () => {
  it('puts adjacent routes that differ only in their prefix together', () => {
    const groups = groupAdjacentRoutes([announce('192.0.2.1/32'), announce('192.0.2.2/32'), announce('192.0.2.3/32', 200), announce('192.0.2.4/32')], 'neighbor');
    expect(prefixesOf(groups)).toEqual([['192.0.2.1/32', '192.0.2.2/32'], ['192.0.2.3/32'], ['192.0.2.4/32']]);
  });

  it('keeps the order of a withdraw and a later announce of the same prefix', () => {
    const groups = groupAdjacentRoutes([announce('192.0.2.1/32'), withdraw('192.0.2.2/32'), announce('192.0.2.2/32')], 'neighbor');
    expect(prefixesOf(groups)).toEqual([['192.0.2.1/32'], ['192.0.2.2/32'], ['192.0.2.2/32']]);
    expect(groups.map((group) => group[0]?.action)).toEqual(['announce', 'withdraw', 'announce']);
  });

  it('never groups routes for other neighbors, or with a path id', () => {
    const groups = groupAdjacentRoutes(
      [announce('192.0.2.1/32', 100, { neighbors: ['10.0.0.1'] }), announce('192.0.2.2/32'), announce('192.0.2.3/32', 100, { pathInformation: '1' }), announce('192.0.2.4/32', 100, { pathInformation: '1' })],
      'neighbor',
    );
    expect(groups.map((group) => group.length)).toEqual([1, 1, 1, 1]);
  });

  it('never puts an IPv4 and an IPv6 prefix in one command (ExaBGP 4.2 parses one nlri list in one family)', () => {
    const groups = groupAdjacentRoutes([withdraw('203.0.113.50/32'), withdraw('2001:db8:30::50/128'), announce('2001:db8:30::40/128'), announce('203.0.113.40/32')], 'neighbor');
    expect(prefixesOf(groups)).toEqual([['203.0.113.50/32'], ['2001:db8:30::50/128'], ['2001:db8:30::40/128'], ['203.0.113.40/32']]);
    expect(() => formatGroupedRouteCommand([announce('2001:db8:30::1/128'), announce('203.0.113.20/32')], 'neighbor')).toThrow(/cannot share/);
  });

  it('keeps every group within one family and every route in its order, for any mix', () => {
    const prefix = fc.oneof(fc.integer({ min: 1, max: 254 }).map((n) => `203.0.113.${n}/32`), fc.integer({ min: 1, max: 9999 }).map((n) => `2001:db8:30::${n.toString(16)}/128`));
    const route = fc.record({ prefix, med: fc.constantFrom(100, 200), withdraw: fc.boolean() }).map((r) => (r.withdraw ? withdraw(r.prefix) : announce(r.prefix, r.med)));
    fc.assert(
      fc.property(fc.array(route, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (routes, max) => {
        const groups = groupAdjacentRoutes(routes, 'neighbor', max);
        expect(groups.flat()).toEqual(routes);
        for (const group of groups) expect(new Set(group.map((intent) => unicastFamilyOf(intent.prefix))).size).toBe(1);
      }),
    );
  });

  it('splits a long run at the cap', () => {
    const routes = Array.from({ length: 7 }, (_, index) => announce(`192.0.2.${index}/32`));
    expect(groupAdjacentRoutes(routes, 'neighbor', 3).map((group) => group.length)).toEqual([3, 3, 1]);
  });
});

describe('formatGroupedRouteCommand', () => {
  it('writes one `attributes … nlri` command, as ExaBGP 4.2 answers `done` to', () => {
    expect(formatGroupedRouteCommand([announce('2001:db8:30::1'), announce('2001:db8:30::2/128')], 'neighbor')).toBe(
      'announce attributes next-hop self med 100 nlri 2001:db8:30::1/128 2001:db8:30::2/128',
    );
    expect(formatGroupedRouteCommand([withdraw('192.0.2.1/32'), withdraw('192.0.2.2/32')], 'neighbor')).toBe('withdraw attributes next-hop self nlri 192.0.2.1/32 192.0.2.2/32');
    expect(formatGroupedRouteCommand([announce('192.0.2.1/32', 5, { neighbors: ['10.0.0.1', '10.0.0.2'], communities: ['65000:1'] }), announce('192.0.2.2/32', 5, { neighbors: ['10.0.0.1', '10.0.0.2'], communities: ['65000:1'] })], 'neighbor')).toBe(
      'neighbor 10.0.0.1, neighbor 10.0.0.2 announce attributes next-hop self med 5 community [65000:1] nlri 192.0.2.1/32 192.0.2.2/32',
    );
  });

  it('validates every route, and refuses routes that do not share their attributes', () => {
    let caught: unknown;
    try {
      formatGroupedRouteCommand([announce('192.0.2.1/32'), announce('192.0.2.1/24')], 'neighbor');
    } catch (error) {
      caught = error;
    }
    expect(isProtocolError(caught) && caught.code).toBe('EXAPLUG_ROUTE_INVALID');
    expect(() => formatGroupedRouteCommand([announce('192.0.2.1/32'), announce('192.0.2.2/32', 200)], 'neighbor')).toThrow(/cannot share/);
  });
});
