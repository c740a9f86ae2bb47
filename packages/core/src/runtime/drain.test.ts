import { describe, expect, it } from 'vitest';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

/** A runtime whose drain files live in a Set, with acks on and no probe. */
async function drainable(drain: Record<string, unknown> = {}, kept: string[] = []) {
  const files = new Set<string>(kept);
  const harness = await createRuntimeHarness(
    {
      exabgp: { acks: 'on', dialect: 'neighbor' },
      defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, minDwell: '1s' },
      drain,
      services: {
        web: { ips: ['2001:db8:30::1'], check: { use: 'exec', with: { command: 'true' } } },
        api: { ips: ['2001:db8:30::2'], check: { use: 'exec', with: { command: 'true' } } },
      },
    },
    {},
    {
      isDisabled: async (path) => files.has(path),
      drains: {
        fileOf: (service) => `drain-${service}`,
        persist: async (service, drained) => void (drained ? files.add(`drain-${service}`) : files.delete(`drain-${service}`)),
        exists: async (path) => files.has(path),
        since: async (service) => (files.has(`drain-${service}`) ? '2026-12-07T10:00:00.000Z' : undefined),
      },
    },
  );
  harness.runtime.start();
  harness.feed(...harness.take().map(() => 'done'));
  await harness.clock.advance(100);
  harness.feed(...harness.take().map(() => 'done'));
  return { harness, files };
}

describe('drain', () => {
  it('re-announces at once with GRACEFUL_SHUTDOWN and the disabled metric, and keeps it across rounds', async () => {
    const { harness, files } = await drainable();
    await harness.runtime.setDrained(['web'], true);
    expect(harness.take()).toEqual(['announce route 2001:db8:30::1/128 next-hop self med 500 community [65535:0]']);
    expect(files).toEqual(new Set(['drain-web']));
    expect(harness.runtime.status.find((s) => s.name === 'web')?.drained).toBe('announced');
    harness.feed('done');
    await harness.clock.advance(5000);
    expect(harness.take()).toEqual([]);
  });

  it('withdraws after withdrawAfter, and --wait resolves only once that is acknowledged', async () => {
    const { harness } = await drainable({ withdrawAfter: '2s' });
    let settled = false;
    const waiting = harness.runtime.setDrained(['web', 'api'], true, { wait: true }).then(() => (settled = true));
    await harness.clock.advance(0);
    expect(harness.take()).toHaveLength(2);
    harness.feed('done', 'done');
    await harness.clock.advance(2000);
    expect(harness.take()).toEqual(['withdraw route 2001:db8:30::1/128 next-hop self', 'withdraw route 2001:db8:30::2/128 next-hop self']);
    expect(settled).toBe(false);
    harness.feed('done', 'done');
    await harness.clock.advance(100);
    await waiting;
    expect(settled).toBe(true);
  });

  it('tells each step of a drain as an event: announced, withdrawn, undrained', async () => {
    const { harness } = await drainable({ withdrawAfter: '2s' });
    const seen: string[] = [];
    harness.runtime.events.on('drainChanged', ({ service, drained }) => seen.push(`${service}:${drained}`));
    await harness.runtime.setDrained(['web'], true);
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(2000);
    harness.feed(...harness.take().map(() => 'done'));
    await harness.runtime.setDrained(['web'], false);
    await harness.clock.advance(2000);
    expect(seen).toEqual(['web:announced', 'web:withdrawn', 'web:false']);
  });

  it('undrain lets the service rise again through its checks', async () => {
    const { harness } = await drainable();
    await harness.runtime.setDrained(['web'], true);
    harness.feed(...harness.take().map(() => 'done'));
    await harness.runtime.setDrained(['web'], false);
    await harness.clock.advance(2000);
    expect(harness.take()).toContain('announce route 2001:db8:30::1/128 next-hop self med 100');
    expect(harness.runtime.status.find((s) => s.name === 'web')?.drained).toBe(false);
  });

  it('refuses an unknown service by name', async () => {
    const { harness } = await drainable();
    await expect(harness.runtime.setDrained(['nope'], true)).rejects.toThrow(/no service named "nope" \(services: web, api\)/);
  });
});

describe('a drain for a planned stop', () => {
  it('drains like any drain but writes no drain file, so a restarted node serves again', async () => {
    const { harness, files } = await drainable();
    await harness.runtime.setDrained(['web', 'api'], true, { keep: false });
    expect(harness.take()).toEqual([
      'announce route 2001:db8:30::1/128 next-hop self med 500 community [65535:0]',
      'announce route 2001:db8:30::2/128 next-hop self med 500 community [65535:0]',
    ]);
    expect(files).toEqual(new Set());
    harness.feed('done', 'done');
    await harness.clock.advance(30_000);
    expect(harness.take()).toEqual([]);
    expect(harness.runtime.status.map((s) => s.drained)).toEqual(['announced', 'announced']);
    expect(harness.runtime.status[0]?.drain).toMatchObject({ by: 'drain --stop', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('undrain clears it', async () => {
    const { harness } = await drainable();
    await harness.runtime.setDrained(['web'], true, { keep: false });
    harness.feed(...harness.take().map(() => 'done'));
    await harness.runtime.setDrained(['web'], false);
    await harness.clock.advance(2000);
    expect(harness.runtime.status.find((s) => s.name === 'web')?.drained).toBe(false);
  });
});

describe('a maintenance drain', () => {
  it('is kept across a restart, and a node that starts drained says so loudly', async () => {
    const { harness } = await drainable({}, ['drain-web']);
    const warning = harness.logger.records.find((record) => record.level === 'warn' && /^starting drained/.test(record.msg ?? ''));
    expect(warning?.msg).toBe('starting drained: 1 services (web since 2026-12-07T10:00:00.000Z); `exaplug undrain` to serve again');
    expect(harness.runtime.status.find((s) => s.name === 'web')?.drained).toBe('announced');
    expect(harness.runtime.status.find((s) => s.name === 'web')?.drain).toEqual({ by: 'drain (kept across a restart)', since: '2026-12-07T10:00:00.000Z' });
  });
});
