import { describe, expect, it } from 'vitest';
import { parseNeighborExtensive } from './parse-neighbor-extensive.js';

// Captured from ExaBGP 4.2.21: one IPv4 session up, one configured but idle, one IPv6 session up.
const answer = `Neighbor 127.0.0.1

  Session                         Local
   local                      127.0.0.2
   state                    ESTABLISHED
   up for                       0:00:02

  Setup                           Local          Remote
   AS                             65001           65002
   ID                         127.0.0.2       127.0.0.2
   hold-time                          9               9

  Capability                      Local          Remote
   asn4:                        enabled         enabled
   route-refresh:              disabled         enabled

  Families                        Local          Remote        Add-Path
   ipv4 unicast:                enabled         enabled        disabled

  Message Statistic                Sent        Received
   open:                              1               1
   update:                            2               1

Neighbor 127.0.0.9

  Session                         Local
   local                      127.0.0.2
   state                           IDLE
   down for                     0:00:01

  Setup                           Local          Remote
   AS                             65001           65002
   ID                         127.0.0.2             n/a

  Families                        Local          Remote        Add-Path
   ipv4 unicast:                enabled             n/a        disabled

Neighbor ::1

  Session                         Local
   state                    ESTABLISHED

  Families                        Local          Remote        Add-Path
   ipv6 unicast:                enabled         enabled        disabled
ipv4 unicast:               disabled         enabled        disabled
`.split('\n');

describe('parseNeighborExtensive', () => {
  it('reads each neighbor, its state, its AS and the families configured on it', () => {
    expect(parseNeighborExtensive(answer)).toEqual([
      { peer: '127.0.0.1', state: 'established', peerAs: 65002, families: ['ipv4 unicast'] },
      { peer: '127.0.0.9', state: 'idle', peerAs: 65002, families: ['ipv4 unicast'] },
      { peer: '::1', state: 'established', families: ['ipv6 unicast'] },
    ]);
  });

  it('reads nothing from other answers', () => {
    expect(parseNeighborExtensive(['Peer            AS        up/down state       |     #sent     #recvd', 'done'])).toEqual([]);
    expect(parseNeighborExtensive([])).toEqual([]);
  });
});
