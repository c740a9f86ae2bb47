import { describe, expect, it } from 'vitest';
import { findBirdMoment, findFrrMoment, findRouterReceipt, parseLogStampUs } from './route-server-log.js';

const localUs = (text: string, micros: number): number => new Date(text).getTime() * 1000 + micros;

describe('parseLogStampUs', () => {
  it('reads BIRD and FRR stamps as local time to the microsecond', () => {
    expect(parseLogStampUs('2026-12-07 14:17:27.797207 <TRACE> w1.ipv6 > added')).toBe(localUs('2026-12-07T14:17:27', 797207));
    expect(parseLogStampUs('2026/12/07 14:17:58.147290 BGP: [T5AAP-5GA85] x')).toBe(localUs('2026-12-07T14:17:58', 147290));
  });

  it('ignores lines without a microsecond stamp', () => {
    expect(parseLogStampUs('2026/12/07 14:17:27 BGP: whole seconds')).toBeUndefined();
  });
});

describe('findBirdMoment', () => {
  const lines = [
    '2026-12-07 14:17:24.693281 <TRACE> w1.ipv6 > added [best] 2001:db8:30::3/128 0L 6G unicast',
    '2026-12-07 14:17:24.693281 <TRACE> r1.ipv6 < replaced 2001:db8:30::3/128 0L 6G unicast',
    '2026-12-07 14:17:27.797101 <TRACE> w1.ipv6 > added 2001:db8:30::2/128 0L 6G unicast',
    '2026-12-07 14:17:27.797207 <TRACE> w1.ipv6 > added 2001:db8:30::3/128 0L 6G unicast',
    '2026-12-07 14:17:27.797210 <TRACE> r1.ipv6 < replaced 2001:db8:30::3/128 0L 7G unicast',
  ];

  it("takes the primary's UPDATE and the export of the new best to r1 after the kill", () => {
    const moment = findBirdMoment(lines, localUs('2026-12-07T14:17:26', 0), '2001:db8:30::3', 'w1');
    expect(moment).toEqual({ receivedUs: localUs('2026-12-07T14:17:27', 797207), bestUs: localUs('2026-12-07T14:17:27', 797210) });
  });

  it('finds nothing before the UPDATE has come', () => {
    expect(findBirdMoment(lines.slice(0, 3), localUs('2026-12-07T14:17:26', 0), '2001:db8:30::3', 'w1')).toEqual({});
  });
});

describe('findFrrMoment', () => {
  const lines = [
    '2026/12/07 14:17:58.147290 BGP: [T5AAP-5GA85] 2001:db8:6::11(Unknown) rcvd UPDATE w/ attr: , origin i, mp_nexthop 2001:db8:6::11, metric 1000, path 65001',
    '2026/12/07 14:17:58.147336 BGP: [YCKEM-GB33T] 2001:db8:6::11(Unknown) rcvd 2001:db8:30::3/128 IPv6 unicast',
    '2026/12/07 14:17:58.197607 BGP: [N6CTF-2RSKS] 2001:db8:30::2/128(VRF default): After path selection, newbest is path 2001:db8:8::13 oldbest was 2001:db8:7::12',
    '2026/12/07 14:17:58.197608 BGP: [N6CTF-2RSKS] 2001:db8:30::3/128(VRF default): After path selection, newbest is path 2001:db8:8::13 oldbest was 2001:db8:6::11',
  ];

  it('takes the receipt and the best-path run that chose the backup', () => {
    const moment = findFrrMoment(lines, localUs('2026-12-07T14:17:58', 0), '2001:db8:30::3', '2001:db8:6::11', '2001:db8:8::13');
    expect(moment).toEqual({ receivedUs: localUs('2026-12-07T14:17:58', 147336), bestUs: localUs('2026-12-07T14:17:58', 197608) });
  });

  it('leaves the best path unset while it waits in the queue', () => {
    const moment = findFrrMoment(lines.slice(0, 2), localUs('2026-12-07T14:17:58', 0), '2001:db8:30::3', '2001:db8:6::11', '2001:db8:8::13');
    expect(moment.bestUs).toBeUndefined();
    expect(moment.receivedUs).toBeDefined();
  });
});

describe('findRouterReceipt', () => {
  it("takes the first of a route server's updates for the IP after the kill", () => {
    const lines = [
      '2026-12-07 14:17:58.155950 <TRACE> rs3.ipv6 > added [best] 2001:db8:30::3/128 0L 11G unicast',
      '2026-12-07 14:18:10.163461 <TRACE> rs1.ipv6 > added [best] 2001:db8:30::3/128 0L 10G unicast',
      '2026-12-07 14:18:10.197867 <TRACE> rs3.ipv6 > added [best] 2001:db8:30::3/128 0L 11G unicast',
    ];
    expect(findRouterReceipt(lines, localUs('2026-12-07T14:18:00', 0), '2001:db8:30::3', 'rs3')).toBe(localUs('2026-12-07T14:18:10', 197867));
  });
});
