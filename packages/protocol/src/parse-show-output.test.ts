import { describe, expect, it } from 'vitest';
import { parseShowOutput } from './parse-show-output.js';
import { readFixture } from '../test/fixtures.js';

const outputOf = (version: string) =>
  readFixture(`exabgp-${version}/json/command-output.txt`)
    .split('\n')
    .filter(Boolean);

describe('parseShowOutput', () => {
  it.each(['4.2', '5.0'])('reads the summary and adj-rib rows ExaBGP %s printed', (version) => {
    const rows = outputOf(version).map(parseShowOutput);
    expect(rows[0]).toBeUndefined(); // exabgp 4.2.21 / 5.0.13
    expect(rows[1]).toBeUndefined(); // the summary header
    expect(rows[2]).toEqual({ kind: 'summary', peer: '127.0.0.1', asn: 65002, state: 'established' });
    expect(rows[3]).toEqual({ kind: 'summary', peer: '::1', asn: 65002, state: 'established' });
    expect(rows).toContainEqual({ kind: 'rib', peer: '127.0.0.1', family: 'ipv4 unicast', prefix: '198.51.100.0/24', nextHop: '127.0.0.1' });
    expect(rows).toContainEqual({ kind: 'rib', peer: '::1', family: 'ipv6 unicast', prefix: '2001:db8:100::/48', nextHop: '2001:db8:ffff::1' });
  });

  it('ignores other output', () => {
    expect(parseShowOutput('shutdown in progress')).toBeUndefined();
    expect(parseShowOutput('Peer            AS        up/down state       |     #sent     #recvd')).toBeUndefined();
  });
});
