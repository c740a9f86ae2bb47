import { describe, expect, it } from 'vitest';
import { parseAdjRibRow } from './parse-adj-rib-row.js';

describe('parseAdjRibRow', () => {
  it('reads the extensive form of 4.2, with MED and communities', () => {
    expect(
      parseAdjRibRow(
        'neighbor 127.0.0.1 local-ip 127.0.0.2 local-as 65001 peer-as 65002 router-id 127.0.0.2 family-allowed in-open ipv4 unicast 203.0.113.9/32 next-hop self med 5 community [ 65001:1 65535:0 ]',
      ),
    ).toEqual({ peer: '127.0.0.1', family: 'ipv4 unicast', prefix: '203.0.113.9/32', nextHop: 'self', med: 5, communities: ['65001:1', '65535:0'] });
  });

  it('reads a single community without brackets, an explicit next hop, and no community at all', () => {
    expect(
      parseAdjRibRow('neighbor 127.0.0.1 local-ip 127.0.0.2 local-as 65001 peer-as 65002 router-id 127.0.0.2 family-allowed in-open ipv4 unicast 203.0.113.60/32 next-hop self origin igp as-path [ 65001 ] med 100 local-preference 100 community 65001:100 large-community 65001:0:100'),
    ).toMatchObject({ med: 100, communities: ['65001:100'] });
    expect(parseAdjRibRow('neighbor ::1 local-ip ::1 local-as 65001 peer-as 65002 router-id 127.0.0.2 family-allowed in-open ipv6 unicast 2001:db8:30::9/128 next-hop 2001:db8::77 med 5')).toEqual({
      peer: '::1',
      family: 'ipv6 unicast',
      prefix: '2001:db8:30::9/128',
      nextHop: '2001:db8::77',
      med: 5,
    });
  });

  it('reads the short forms of 4.2 and 5.0, and the misfiled route of a mixed-family command as ExaBGP holds it', () => {
    expect(parseAdjRibRow('neighbor 127.0.0.1 ipv4 unicast 203.0.113.10/32 next-hop self')).toEqual({ peer: '127.0.0.1', family: 'ipv4 unicast', prefix: '203.0.113.10/32', nextHop: 'self' });
    expect(parseAdjRibRow('127.0.0.1 ipv4 unicast 203.0.113.10/32 next-hop 127.0.0.2')).toMatchObject({ nextHop: '127.0.0.2' });
    expect(parseAdjRibRow('neighbor ::1 ipv6 unicast 203.0.113.40/32 next-hop self')).toMatchObject({ peer: '::1', family: 'ipv6 unicast', prefix: '203.0.113.40/32' });
  });

  it('reads nothing from other lines', () => {
    for (const line of ['done', 'Peer AS up/down state', '127.0.0.1 65002 0:00:05 established 6 4', 'neighbor 127.0.0.1 ipv4 unicast', '']) expect(parseAdjRibRow(line)).toBeUndefined();
  });
});
