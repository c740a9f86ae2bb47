import { describe, expect, it } from 'vitest';
import type { RouteIntent } from './route-intent.js';
import { isProtocolError } from './protocol-error.js';
import { formatRouteCommand } from './format-command.js';

const route = (extra: Partial<RouteIntent> = {}): RouteIntent => ({
  action: 'announce',
  prefix: '2001:db8:30::1/128',
  nextHop: 'self',
  ...extra,
});

describe('formatRouteCommand', () => {
  it('writes the lines exabgp-healthcheck writes', () => {
    expect(formatRouteCommand(route({ med: 100 }), 'neighbor')).toBe('announce route 2001:db8:30::1/128 next-hop self med 100');
    expect(formatRouteCommand({ action: 'withdraw', prefix: '203.0.113.200/32', nextHop: 'self', med: 1000 }, 'neighbor')).toBe(
      'withdraw route 203.0.113.200/32 next-hop self',
    );
  });

  it('writes every attribute in a fixed order', () => {
    const intent = route({
      prefix: '203.0.113.10/32',
      nextHop: '127.0.0.9',
      med: 100,
      localPreference: 200,
      origin: 'igp',
      asPath: [65001, 65099],
      communities: ['65001:100', 'no-export'],
      largeCommunities: ['65001:1:1'],
      extendedCommunities: ['target:65001:1', 'origin:192.0.2.1:7'],
      pathInformation: '0.0.0.1',
    });
    expect(formatRouteCommand(intent, 'neighbor')).toBe(
      'announce route 203.0.113.10/32 next-hop 127.0.0.9 med 100 local-preference 200 origin igp as-path [65001 65099] ' +
        'community [65001:100 no-export] large-community [65001:1:1] extended-community [target:65001:1 origin:192.0.2.1:7] ' +
        'path-information 0.0.0.1',
    );
  });

  it('turns a bare address into a host route', () => {
    expect(formatRouteCommand(route({ prefix: '203.0.113.7' }), 'neighbor')).toBe('announce route 203.0.113.7/32 next-hop self');
    expect(formatRouteCommand(route({ prefix: '2001:db8::7' }), 'neighbor')).toBe('announce route 2001:db8::7/128 next-hop self');
  });

  it('selects neighbors in the 4.x/5.x dialect', () => {
    expect(formatRouteCommand(route({ neighbors: ['127.0.0.1'] }), 'neighbor')).toBe(
      'neighbor 127.0.0.1 announce route 2001:db8:30::1/128 next-hop self',
    );
    expect(formatRouteCommand(route({ neighbors: ['127.0.0.1', '::1'] }), 'neighbor')).toBe(
      'neighbor 127.0.0.1, neighbor ::1 announce route 2001:db8:30::1/128 next-hop self',
    );
    expect(formatRouteCommand(route({ neighbors: [] }), 'neighbor')).toBe('announce route 2001:db8:30::1/128 next-hop self');
  });

  it('selects peers in the 6.x API v6 dialect, never bare', () => {
    expect(formatRouteCommand(route(), 'peer')).toBe('peer * announce route 2001:db8:30::1/128 next-hop self');
    expect(formatRouteCommand(route({ neighbors: ['::1'] }), 'peer')).toBe('peer ::1 announce route 2001:db8:30::1/128 next-hop self');
    expect(formatRouteCommand(route({ action: 'withdraw', neighbors: ['127.0.0.1', '::1'] }), 'peer')).toBe(
      'peer [ 127.0.0.1 , ::1 ] withdraw route 2001:db8:30::1/128 next-hop self',
    );
  });

  it('refuses injections before writing anything', () => {
    const attempts: Partial<RouteIntent>[] = [
      { communities: ['65001:100\nannounce route 0.0.0.0/0 next-hop self'] },
      { communities: ['65001:100] med [5'] },
      { communities: ['65001:100 local-preference 9'] },
      { prefix: '203.0.113.1/32\rwithdraw route 198.51.100.0/24' },
      { nextHop: 'self\n' },
      { neighbors: ['127.0.0.1\nneighbor 10.0.0.1'] },
      { pathInformation: '1\u2028shutdown' },
      { extendedCommunities: ['target:65001:1 med 1'] },
    ];
    for (const extra of attempts) {
      let thrown: unknown;
      try {
        formatRouteCommand(route(extra), 'neighbor');
      } catch (error) {
        thrown = error;
      }
      expect(isProtocolError(thrown, 'EXAPLUG_ROUTE_INVALID'), JSON.stringify(extra)).toBe(true);
    }
  });
});
