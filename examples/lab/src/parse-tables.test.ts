import { describe, expect, it } from 'vitest';
import { parseBirdRoutes, parseFrrRoutes, parseGobgpRoutes } from './parse-tables.js';

// Abridged from `birdc show route in 2001:db8:30::/64 all` on rs1 (BIRD 2.0.12), w1 drained.
const bird = `BIRD 2.0.12 ready.
Table master6:
2001:db8:30::3/128   unicast [w3 2026-12-07 12:08:06.037739 from 2001:db8:8::13] * (100/?) [AS65001i]
\tvia 2001:db8:1::1 on eth0
\tBGP.next_hop: 2001:db8:8::13
\tBGP.med: 101
\tBGP.local_pref: 100
                     unicast [w1 2026-12-07 12:08:24.910308 from 2001:db8:6::11] (100/?) [AS65001i]
\tvia 2001:db8:1::1 on eth0
\tBGP.next_hop: 2001:db8:6::11
\tBGP.med: 100
\tBGP.local_pref: 0
\tBGP.community: (65535,0)
`;

// Abridged from `show bgp ipv6 unicast json detail` on rs2 (FRR 8.4), w1 drained.
const frr = JSON.stringify({
  routes: {
    '2001:db8:30::3/128': [
      { prefix: '2001:db8:30::3/128', version: 6 },
      { metric: 101, bestpath: { overall: true, selectionReason: 'Local Pref' }, nexthops: [{ ip: '2001:db8:8::13', scope: 'global' }], peer: { peerId: '2001:db8:8::13' } },
      { metric: 100, locPrf: 0, community: { list: ['gracefulShutdown'] }, nexthops: [{ ip: '2001:db8:6::11', scope: 'global' }], peer: { peerId: '2001:db8:6::11' } },
    ],
  },
});

// Abridged from `gobgp neighbor 2001:db8:1::1 local -a ipv6 -j` on rs3 (GoBGP 3.10), w1 drained.
const gobgp = JSON.stringify({
  '2001:db8:30::3/128': [
    { best: true, attrs: [{ type: 1, value: 0 }, { type: 4, metric: 101 }, { type: 14, nexthop: '2001:db8:8::13', afi: 2, safi: 1 }], 'neighbor-ip': '2001:db8:8::13' },
    {
      best: false,
      attrs: [{ type: 4, metric: 100 }, { type: 5, value: 1 }, { type: 8, communities: [4294901760] }, { type: 14, nexthop: '2001:db8:6::11', afi: 2, safi: 1 }],
      'neighbor-ip': '2001:db8:6::11',
    },
  ],
});

const prefix = '2001:db8:30::3/128';

describe('parseBirdRoutes', () => {
  it('reads each path with its node, MED, LOCAL_PREF, communities and best marker', () => {
    expect(parseBirdRoutes(bird)).toEqual([
      { prefix, node: 'w3', med: 101, best: true, localPref: 100, communities: [] },
      { prefix, node: 'w1', med: 100, best: false, localPref: 0, communities: ['65535:0'] },
    ]);
  });

  it('reads an empty table as no paths', () => {
    expect(parseBirdRoutes('BIRD 2.0.12 ready.\n')).toEqual([]);
  });
});

describe('parseFrrRoutes', () => {
  it('skips the header item and names each path by the web node of its next hop', () => {
    expect(parseFrrRoutes(frr)).toEqual([
      { prefix, node: 'w3', med: 101, best: true, localPref: undefined, communities: [] },
      { prefix, node: 'w1', med: 100, best: false, localPref: 0, communities: ['65535:0'] },
    ]);
  });

  it('reads a table without routes as no paths', () => {
    expect(parseFrrRoutes('{"routes": {}}')).toEqual([]);
  });
});

describe('parseGobgpRoutes', () => {
  it('reads LOCAL_PREF from its attribute and the community from its number', () => {
    expect(parseGobgpRoutes(gobgp)).toEqual([
      { prefix, node: 'w3', med: 101, best: true, localPref: undefined, communities: [] },
      { prefix, node: 'w1', med: 100, best: false, localPref: 1, communities: ['65535:0'] },
    ]);
  });

  it('reads an empty answer as no paths', () => {
    expect(parseGobgpRoutes('')).toEqual([]);
  });
});
