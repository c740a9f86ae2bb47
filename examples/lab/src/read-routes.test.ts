import { describe, expect, it } from 'vitest';
import { parseBirdRoutes, parseFrrRoutes } from './read-routes.js';

// Abridged from `birdc show route in 2001:db8:30::/64 all` on rs1 (BIRD 2.0.12).
const bird = `BIRD 2.0.12 ready.
Table master6:
2001:db8:30::1/128   unicast [w3 2026-11-25 14:23:22.145669 from 2001:db8:8::13] * (100/?) [AS65001i]
\tvia 2001:db8:1::1 on eth0
\tBGP.next_hop: 2001:db8:8::13
\tBGP.med: 100
                     unicast [w2 2026-11-25 14:23:22.146281 from 2001:db8:7::12] (100/?) [AS65001i]
\tBGP.med: 101
2001:db8:30::3/128   unicast [w1 2026-11-25 14:23:22.186963 from 2001:db8:6::11] * (100/?) [AS65001i]
\tBGP.med: 1000
`;

// Abridged from `show bgp ipv6 unicast json` on rs2 (FRR 8.4).
const frr = JSON.stringify({
  routerId: '10.0.0.3',
  routes: {
    '2001:db8:30::1/128': [
      { valid: true, metric: 102, peerId: '2001:db8:6::11', nexthops: [{ ip: '2001:db8:6::11' }] },
      { valid: true, bestpath: true, selectionReason: 'MED', metric: 100, peerId: '2001:db8:8::13', nexthops: [{ ip: '2001:db8:8::13' }] },
    ],
  },
});

describe('parseBirdRoutes', () => {
  it('reads one path per unicast line with its protocol, MED and best marker', () => {
    expect(parseBirdRoutes(bird)).toEqual([
      { prefix: '2001:db8:30::1/128', node: 'w3', med: 100, best: true },
      { prefix: '2001:db8:30::1/128', node: 'w2', med: 101, best: false },
      { prefix: '2001:db8:30::3/128', node: 'w1', med: 1000, best: true },
    ]);
  });

  it('reads an empty table as no paths', () => {
    expect(parseBirdRoutes('BIRD 2.0.12 ready.\n')).toEqual([]);
  });
});

describe('parseFrrRoutes', () => {
  it('names each path by the web node its peer address belongs to', () => {
    expect(parseFrrRoutes(frr)).toEqual([
      { prefix: '2001:db8:30::1/128', node: 'w1', med: 102, best: false },
      { prefix: '2001:db8:30::1/128', node: 'w3', med: 100, best: true },
    ]);
  });

  it('reads a table without routes as no paths', () => {
    expect(parseFrrRoutes('{"routes": {}}')).toEqual([]);
  });
});
