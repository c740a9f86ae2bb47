import { describe, expect, it } from 'vitest';
import type { RouteIntent } from '@exaplug/protocol';
import { createRuntimeHarness, type Scripted } from '../testing/runtime-harness.js';

type Harness = Awaited<ReturnType<typeof createRuntimeHarness>>;

const ips = ['2001:db8:30::1/128', '2001:db8:30::2/128'];

function configWith(extra: Record<string, unknown> = {}, service: Record<string, unknown> = {}) {
  return {
    exabgp: { acks: 'on', dialect: 'neighbor', ackTimeout: '2s' },
    defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, timeout: '500ms', minDwell: 0 },
    services: { web: { ips, check: { use: 'exec', with: { command: 'true' } }, ...service } },
    ...extra,
  };
}

/** Starts the runtime and answers the startup queries (acks on, neighbor dialect: no probe). */
async function started(config: Record<string, unknown>, scripts: Scripted[], answers: Record<string, string[]> = {}) {
  const harness = await createRuntimeHarness(config, { web: scripts });
  harness.runtime.start();
  const queries: string[] = [];
  // Each answer may lead to the next query (the neighbors first, then what ExaBGP holds).
  for (;;) {
    const asked = harness.take();
    const shows = asked.filter((line) => line.startsWith('show '));
    if (shows.length === 0) {
      harness.written.unshift(...asked);
      break;
    }
    queries.push(...shows);
    for (const query of shows) harness.feed(...(answers[query] ?? []), 'done');
    await harness.clock.advance(0);
  }
  return { harness, queries };
}

const acknowledgeAll = (harness: Harness) => harness.feed(...harness.take().map(() => 'done'));

describe('what the runtime believes is what ExaBGP holds', () => {
  it('does not pretend a change the writer refused: the service keeps its announced state', async () => {
    const { harness } = await started(configWith(), ['pass', 'fail', 'fail']);
    const service = harness.services[0];
    if (!service) throw new Error('no service');
    const real = service.strategy;
    // A third-party strategy that is not pure: fine at load, a community ExaBGP would wrap when down.
    service.strategy = {
      plan: (input) =>
        real.plan(input).map((intent): RouteIntent => (input.state === 'down' ? { ...intent, communities: ['65001:100000'] } : intent)),
    };
    await harness.clock.advance(0);
    expect(harness.take()).toEqual(['announce route 2001:db8:30::1/128 next-hop self med 100', 'announce route 2001:db8:30::2/128 next-hop self med 101']);
    harness.feed('done', 'done');
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual([]);
    expect(harness.runtime.status[0]).toMatchObject({ state: { name: 'down' }, announced: 'up' });
    expect(harness.runtime.routes.map((route) => route.med)).toEqual([100, 101]);
    const refusal = harness.logger.records.find((record) => record.level === 'error' && record.fields.code === 'EXAPLUG_ROUTE_INVALID');
    expect(String((refusal?.fields.err as Error | undefined)?.message)).toMatch(/communities must hold/);
  });

  it('forgets a route ExaBGP answered with error, and announces it again on the next round', async () => {
    const { harness } = await started(configWith(), ['pass', 'pass', 'pass']);
    await harness.clock.advance(0);
    expect(harness.take()).toHaveLength(2);
    harness.feed('error', 'done');
    expect(harness.runtime.routes.map((route) => route.prefix)).toEqual(['2001:db8:30::2/128']);
    expect(harness.runtime.status[0]?.announced).toBeUndefined();
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual(['announce route 2001:db8:30::1/128 next-hop self med 100']);
  });

  it('forgets every route of a grouped command ExaBGP answered with error, and announces them again', async () => {
    const { harness } = await started(configWith({}, { strategy: { use: 'fixed', with: { increase: 0 } } }), ['pass', 'pass', 'pass']);
    await harness.clock.advance(0);
    expect(harness.take()).toEqual(['announce attributes next-hop self med 100 nlri 2001:db8:30::1/128 2001:db8:30::2/128']);
    harness.feed('error');
    expect(harness.runtime.routes).toEqual([]);
    await harness.clock.advance(1000);
    expect(harness.take()).toEqual(['announce attributes next-hop self med 100 nlri 2001:db8:30::1/128 2001:db8:30::2/128']);
    harness.feed('done');
    expect(harness.runtime.routes.map((route) => route.prefix)).toEqual(ips);
  });

  it('keys routes by their one spelling: a bare IP and its /128 are one route', async () => {
    const { harness } = await started(configWith({}, { ips: ['2001:DB8:30:0::1', '2001:db8:30::2/128'] }), ['pass']);
    await harness.clock.advance(0);
    expect(harness.take()).toEqual(['announce route 2001:db8:30::1/128 next-hop self med 100', 'announce route 2001:db8:30::2/128 next-hop self med 101']);
  });
});

describe('reconciling with what ExaBGP holds at start', () => {
  const held = [
    'neighbor ::1 ipv6 unicast 2001:db8:30::1/128 next-hop self',
    'neighbor ::1 ipv6 unicast 2001:db8:30::9/128 next-hop self',
    'neighbor ::1 ipv6 unicast 2001:db8:99::1/128 next-hop self',
    'neighbor 127.0.0.1 ipv4 unicast 198.51.100.0/24 next-hop self',
  ];

  it('withdraws routes inside the allow-list that no service owns, before any check runs', async () => {
    const { harness, queries } = await started(configWith({ allowedPrefixes: ['2001:db8:30::/48 le 128'] }), ['pass'], {
      'show adj-rib out': held,
    });
    expect(queries).toEqual(['show neighbor extensive', 'show adj-rib out']);
    await harness.clock.advance(0);
    const written = harness.take();
    expect(written.filter((line) => line.includes('withdraw'))).toEqual(['neighbor ::1 withdraw route 2001:db8:30::9/128 next-hop self']);
    expect(written[0]).toBe('neighbor ::1 withdraw route 2001:db8:30::9/128 next-hop self');
  });

  it('asks nothing and withdraws nothing without an allow-list', async () => {
    const { harness, queries } = await started(configWith(), ['pass'], { 'show adj-rib out': held });
    expect(queries).toEqual(['show neighbor extensive']);
    expect(harness.take().filter((line) => line.startsWith('withdraw'))).toEqual([]);
  });

  it('does not take adj-rib-out rows for received routes', async () => {
    const { harness } = await started(configWith({ allowedPrefixes: ['2001:db8:30::/48 le 128'] }), ['pass'], {
      'show neighbor extensive': ['Neighbor ::1', '  Session                         Local', '   state                    ESTABLISHED'],
      'show adj-rib out': held,
    });
    expect(harness.runtime.neighbors.get('::1')?.state).toBe('up');
    expect(harness.runtime.neighbors.get('::1')?.received.size).toBe(0);
  });
});

describe('flap damping', () => {
  it('announces at most once per dwell while a check alternates, and the true state one dwell after it stops', async () => {
    const flapping: Scripted[] = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'pass' : 'fail'));
    const config = configWith({}, { interval: '100ms', fastInterval: '100ms', minDwell: '1s' });
    const { harness } = await started(config, [...flapping, 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
    const batches: string[][] = [];
    for (let ms = 0; ms <= 4000; ms += 100) {
      await harness.clock.advance(ms === 0 ? 0 : 100);
      const lines = harness.take();
      if (lines.length > 0) batches.push(lines);
      harness.feed(...lines.map(() => 'done'));
    }
    // 40 alternations in 4 s: without damping 40 announcements; with a 1 s dwell at most 5.
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.length).toBeLessThanOrEqual(5);
    await harness.clock.advance(1000);
    acknowledgeAll(harness);
    expect(harness.runtime.status[0]).toMatchObject({ state: { name: 'down' }, announced: 'down' });
    expect(harness.runtime.routes.map((route) => route.med)).toEqual([1000, 1001]);
  });
});
