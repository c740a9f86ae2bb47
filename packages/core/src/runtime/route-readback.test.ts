import { describe, expect, it } from 'vitest';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

type Harness = Awaited<ReturnType<typeof createRuntimeHarness>>;

/** ExaBGP 4.2's `show neighbor extensive` for an IPv4-only and an IPv6-only session. */
const twoSessions = [
  'Neighbor 127.0.0.1',
  '  Session                         Local',
  '   state                    ESTABLISHED',
  '  Families                        Local          Remote        Add-Path',
  '   ipv4 unicast:                enabled         enabled        disabled',
  'Neighbor ::1',
  '  Session                         Local',
  '   state                    ESTABLISHED',
  '  Families                        Local          Remote        Add-Path',
  '   ipv6 unicast:                enabled         enabled        disabled',
];
const held = (peer: string, family: string, prefix: string, med: number) =>
  `neighbor ${peer} local-ip x local-as 65001 peer-as 65002 router-id 127.0.0.2 family-allowed in-open ${family} ${prefix} next-hop self med ${med}`;

async function started(readBack: Record<string, unknown> = { interval: '30s', delay: '1s' }): Promise<Harness> {
  const harness = await createRuntimeHarness(
    {
      exabgp: { acks: 'on', dialect: 'neighbor', readBack },
      defaults: { interval: '5s', rise: 1, fall: 1, minDwell: 0 },
      services: { web: { ips: ['203.0.113.40/32', '2001:db8:30::40/128'], check: { use: 'exec', with: { command: 'true' } }, strategy: { use: 'fixed', with: { increase: 0 } } } },
    },
    { web: ['pass'] },
  );
  harness.runtime.start();
  expect(harness.take()).toEqual(['show neighbor extensive']);
  harness.feed(...twoSessions, 'done');
  await harness.clock.advance(0);
  return harness;
}

describe('routes addressed by family', () => {
  it('sends each route only to the sessions of its family once ExaBGP told the families', async () => {
    const harness = await started();
    expect(harness.take()).toEqual(['neighbor 127.0.0.1 announce route 203.0.113.40/32 next-hop self med 100', 'neighbor ::1 announce route 2001:db8:30::40/128 next-hop self med 100']);
  });

  it('re-announces to a session that came back only the routes of its family', async () => {
    const harness = await started();
    harness.feed(...harness.take().map(() => 'done'));
    const state = (value: string) =>
      `{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "state", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "asn": { "local": 65001, "peer": 65002 } , "state": "${value}" } }`;
    harness.feed(state('down'), state('up'));
    expect(harness.take()).toEqual(['neighbor 127.0.0.1 announce route 203.0.113.40/32 next-hop self med 100']);
  });
});

describe("the read-back of ExaBGP's adj-rib-out", () => {
  it('finds nothing to do when ExaBGP holds what was announced', async () => {
    const harness = await started();
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual(['show adj-rib out extensive']);
    harness.feed(held('127.0.0.1', 'ipv4 unicast', '203.0.113.40/32', 100), held('::1', 'ipv6 unicast', '2001:db8:30::40/128', 100), 'done');
    await harness.clock.advance(0);
    expect(harness.take()).toEqual([]);
    expect(harness.runtime.exabgp.readBack).toMatchObject({ ageSeconds: 0, divergences: [], total: 0 });
  });

  it('reports a route withdrawn behind its back, sends it again to that neighbor, and checks again', async () => {
    const harness = await started();
    const diverged: unknown[] = [];
    harness.runtime.events.on('routesDiverged', (event) => diverged.push(...event.divergences));
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(1000);
    harness.take();
    harness.feed(held('::1', 'ipv6 unicast', '2001:db8:30::40/128', 100), 'done');
    await harness.clock.advance(0);
    expect(harness.take()).toEqual(['neighbor 127.0.0.1 announce route 203.0.113.40/32 next-hop self med 100']);
    expect(diverged).toMatchObject([{ kind: 'missing', peer: '127.0.0.1', prefix: '203.0.113.40/32' }]);
    expect(harness.logger.records.some((record) => record.level === 'error' && /does not hold what exaplug announced/.test(record.msg ?? ''))).toBe(true);
    expect(harness.runtime.exabgp.readBack.divergences).toEqual(['203.0.113.40/32 on 127.0.0.1: announced, not held']);
    harness.feed('done');
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual(['show adj-rib out extensive']);
  });

  it('withdraws from one neighbor what it holds of ours and should not', async () => {
    const harness = await started();
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(1000);
    harness.take();
    harness.feed(held('127.0.0.1', 'ipv4 unicast', '203.0.113.40/32', 100), held('::1', 'ipv6 unicast', '2001:db8:30::40/128', 100), held('127.0.0.9', 'ipv4 unicast', '203.0.113.40/32', 100), 'done');
    await harness.clock.advance(0);
    // 127.0.0.9 is not a neighbor ExaBGP described: nothing of ours belongs there.
    expect(harness.take()).toEqual(['neighbor 127.0.0.9 withdraw route 203.0.113.40/32 next-hop self']);
  });

  it('tells of a route filed under the wrong family, and leaves others’ routes alone', async () => {
    const harness = await started();
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(1000);
    harness.take();
    harness.feed(
      held('127.0.0.1', 'ipv4 unicast', '203.0.113.40/32', 100),
      held('::1', 'ipv6 unicast', '2001:db8:30::40/128', 100),
      held('::1', 'ipv6 unicast', '203.0.113.40/32', 100),
      held('127.0.0.1', 'ipv4 unicast', '198.51.100.0/24', 5),
      'done',
    );
    await harness.clock.advance(0);
    // 203.0.113.40/32 filed as IPv6 on ::1 (what a mixed-family command left) cannot be withdrawn there by name: told, not sent.
    expect(harness.runtime.exabgp.readBack.divergences).toEqual(['203.0.113.40/32 on ::1: held (ipv6 unicast), not announced']);
    expect(harness.take()).toEqual([]);
    expect(harness.logger.records.some((record) => /cannot be withdrawn through the API/.test(record.msg ?? ''))).toBe(true);
  });

  it('throws away an answer that routes written meanwhile made old, and reads again', async () => {
    const harness = await createRuntimeHarness(
      {
        exabgp: { acks: 'on', dialect: 'neighbor', readBack: { interval: '30s', delay: '1s' } },
        defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, minDwell: 0 },
        services: { web: { ips: ['203.0.113.40/32'], check: { use: 'exec', with: { command: 'true' } } } },
      },
      { web: ['pass', 'pass', 'fail'] },
    );
    harness.runtime.start();
    harness.take();
    harness.feed(...twoSessions, 'done');
    await harness.clock.advance(0);
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual(['show adj-rib out extensive']);
    await harness.clock.advance(1000); // the failing round writes MED 1000 before ExaBGP answered the read-back
    expect(harness.take()).toEqual(['neighbor 127.0.0.1 announce route 203.0.113.40/32 next-hop self med 1000']);
    harness.feed(held('127.0.0.1', 'ipv4 unicast', '203.0.113.40/32', 100), 'done', 'done');
    await harness.clock.advance(0);
    expect(harness.runtime.exabgp.readBack).toMatchObject({ ageSeconds: undefined, total: 0 });
    await harness.clock.advance(2000);
    expect(harness.take().filter((line) => line.startsWith('show'))).toEqual(['show adj-rib out extensive']);
  });

  it('can be turned off', async () => {
    const harness = await started({ interval: 0 });
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(60_000);
    expect(harness.take().filter((line) => line.startsWith('show'))).toEqual([]);
    expect(harness.runtime.exabgp.readBack.off).toMatch(/turned off/);
  });
});

describe('a NOTIFICATION from a peer', () => {
  it('is logged at error level with the last commands sent to that peer', async () => {
    const harness = await started({ interval: 0 });
    harness.feed(...harness.take().map(() => 'done'));
    harness.feed(
      '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "state", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "asn": { "local": 65001, "peer": 65002 } , "state": "down", "reason": "peer reset, message (notification received (3,10)) error(UPDATE message error / Invalid Network Field)" } }',
    );
    const record = harness.logger.records.find((entry) => entry.level === 'error' && /NOTIFICATION/.test(entry.msg ?? ''));
    expect(record?.fields).toMatchObject({ peer: '127.0.0.1', lastCommands: ['neighbor 127.0.0.1 announce route 203.0.113.40/32 next-hop self med 100'] });
  });
});
