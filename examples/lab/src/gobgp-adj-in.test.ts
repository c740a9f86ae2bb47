import { describe, expect, it } from 'vitest';
import { parseAdjInLine } from './gobgp-adj-in.js';

// From `gobgp monitor adj-in -a ipv6 -j` on rs3 (GoBGP 3.10) when w1's check failed.
const line =
  '[{"nlri":{"prefix":"2001:db8:30::3/128"},"age":1796645510,"best":false,"attrs":[{"type":1,"value":0},{"type":4,"metric":1000},{"type":14,"nexthop":"2001:db8:6::11","afi":2,"safi":1}],"stale":false,"source-id":"10.0.0.11","neighbor-ip":"2001:db8:6::11"}]';

describe('parseAdjInLine', () => {
  it('reads the prefix, the sending node and the MED, stamped with the arrival time', () => {
    expect(parseAdjInLine(line, 12.5)).toEqual([{ atMs: 12.5, prefix: '2001:db8:30::3/128', node: 'w1', med: 1000, isWithdraw: false }]);
  });

  it('reads a withdrawal', () => {
    const withdrawn = '[{"nlri":{"prefix":"2001:db8:30::3/128"},"withdrawal":true,"neighbor-ip":"2001:db8:6::11"}]';
    expect(parseAdjInLine(withdrawn, 1)).toEqual([{ atMs: 1, prefix: '2001:db8:30::3/128', node: 'w1', med: undefined, isWithdraw: true }]);
  });

  it('reads the empty lines that close the --current dump as nothing', () => {
    expect(parseAdjInLine('[]', 1)).toEqual([]);
  });
});
