import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import { prepareServices } from '../loading/prepare-services.js';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

const exec = { use: 'exec', with: { command: 'true' } };
const base = {
  exabgp: { acks: 'on', dialect: 'neighbor' },
  defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, minDwell: 0 },
};

async function prepared(services: Record<string, unknown>) {
  const config = parseConfig({ ...base, services }, undefined, '/tmp');
  const prepared = await prepareServices(config, silentLogger, { importer: async () => ({}) });
  for (const service of prepared) service.check = { run: async () => ({ status: 'healthy' }) };
  return { config, services: prepared };
}

describe('live reload', () => {
  it('keeps unchanged services silent, withdraws removed ones, starts new ones, restarts changed ones without withdrawing first', async () => {
    const harness = await createRuntimeHarness(
      {
        ...base,
        services: {
          web: { ips: ['2001:db8:30::1'], check: exec },
          api: { ips: ['2001:db8:30::2', '2001:db8:30::3'], check: exec },
          old: { ips: ['2001:db8:30::4'], check: exec },
        },
      },
      {},
    );
    harness.runtime.start();
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(100);
    expect(harness.take()).toHaveLength(4);
    harness.feed('done', 'done', 'done', 'done');

    const next = await prepared({
      web: { ips: ['2001:db8:30::1'], check: exec },
      api: { ips: ['2001:db8:30::2'], check: exec, rise: 2 },
      new: { ips: ['2001:db8:30::5'], check: exec },
    });
    const summary = await harness.runtime.reload(next.config, next.services);
    expect(summary).toEqual({ kept: ['web'], added: ['new'], changed: ['api'], removed: ['old'] });
    // At once: only the IPs that left (api's ::3, old's ::4) are withdrawn; web and api's ::2 untouched.
    expect(harness.take()).toEqual(['withdraw route 2001:db8:30::3/128 next-hop self', 'withdraw route 2001:db8:30::4/128 next-hop self']);
    harness.feed('done', 'done');
    await harness.clock.advance(3000);
    const later = harness.take();
    // The new service rises and announces; api rises again to the same MED: nothing to send; web never resends.
    expect(later).toEqual(['announce route 2001:db8:30::5/128 next-hop self med 100']);
    expect(harness.runtime.status.map((s) => [s.name, s.announced])).toEqual([
      ['web', 'up'],
      ['api', 'up'],
      ['new', 'up'],
    ]);
  });
});

describe('a reload keeps the routes it does not change', () => {
  const fixed = (extra: Record<string, unknown> = {}) => ({ use: 'fixed', with: { increase: 0, ...extra } });
  async function upHarness(services: Record<string, unknown>, defaults: Record<string, unknown> = {}) {
    const harness = await createRuntimeHarness({ ...base, defaults: { ...base.defaults, ...defaults }, services }, {});
    const announced: string[] = [];
    harness.runtime.events.on('routesAnnounced', (event) => announced.push(`${event.service}:${event.from ?? '-'}→${event.to}`));
    harness.runtime.start();
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(100);
    harness.feed(...harness.take().map(() => 'done'));
    return { harness, announced };
  }
  const reloadTo = async (harness: Awaited<ReturnType<typeof createRuntimeHarness>>, services: Record<string, unknown>, defaults: Record<string, unknown> = {}) => {
    const config = parseConfig({ ...base, defaults: { ...base.defaults, ...defaults }, services }, undefined, '/tmp');
    const prepared = await prepareServices(config, silentLogger, { importer: async () => ({}) });
    // Healthy at once, on the fake clock: a real `true` could outlast a fake timeout on a busy machine.
    for (const service of prepared) service.check = { run: async () => ({ status: 'healthy' }) };
    return harness.runtime.reload(config, prepared);
  };

  it('moves an IP to another service without withdrawing it: the new owner updates it when it decides', async () => {
    const { harness } = await upHarness({ web: { ips: ['2001:db8:30::1', '2001:db8:30::2'], check: exec, strategy: fixed() }, api: { ips: ['2001:db8:30::3'], check: exec, strategy: fixed({ metrics: { up: 200 } }) } });
    await reloadTo(harness, { web: { ips: ['2001:db8:30::1'], check: exec, strategy: fixed() }, api: { ips: ['2001:db8:30::2', '2001:db8:30::3'], check: exec, strategy: fixed({ metrics: { up: 200 } }) } });
    const written = harness.take();
    expect(written.filter((line) => line.startsWith('withdraw'))).toEqual([]);
    // api kept its verdict (same check): the moved IP goes to api's MED at once, as an update.
    expect(written).toEqual(['announce route 2001:db8:30::2/128 next-hop self med 200']);
    expect(harness.runtime.routesByService().get('api')?.map((route) => route.prefix)).toEqual(['2001:db8:30::3/128', '2001:db8:30::2/128']);
  });

  it('renames a service without an update, keeping its verdict', async () => {
    const { harness, announced } = await upHarness({ web: { ips: ['2001:db8:30::1'], check: exec } });
    const summary = await reloadTo(harness, { www: { ips: ['2001:db8:30::1'], check: exec } });
    expect(summary).toMatchObject({ added: ['www'], removed: ['web'] });
    expect(harness.take()).toEqual([]);
    expect(harness.runtime.status).toMatchObject([{ name: 'www', state: { name: 'up' }, announced: 'up' }]);
    await harness.clock.advance(5000);
    expect(harness.take()).toEqual([]);
    expect(announced).toEqual(['web:-→up']);
  });

  it('is not a transition: a reload that changes only hooks announces nothing and fires no onChange', async () => {
    const { harness, announced } = await upHarness({ web: { ips: ['2001:db8:30::1'], check: exec } });
    await reloadTo(harness, { web: { ips: ['2001:db8:30::1'], check: exec, hooks: { onChange: ['true'] } } });
    await harness.clock.advance(3000);
    expect(harness.take()).toEqual([]);
    expect(announced).toEqual(['web:-→up']);
  });

  it('keeps minDwell across reloads: a service added and removed 50 times updates at most once per dwell', async () => {
    const web = { ips: ['2001:db8:30::1'], check: exec };
    const { harness } = await upHarness({ web }, { minDwell: '10s' });
    let updates = 0;
    for (let round = 0; round < 50; round++) {
      await reloadTo(harness, round % 2 === 0 ? { web, extra: { ips: ['2001:db8:30::9'], check: exec } } : { web }, { minDwell: '10s' });
      await harness.clock.advance(100);
      const written = harness.take();
      updates += written.filter((line) => line.includes('2001:db8:30::9')).length;
      harness.feed(...written.map(() => 'done'));
    }
    // 50 reloads over 5 s: the first add announces and the next removal withdraws; every later
    // add is held back by the 10 s dwell (so there is nothing to withdraw either).
    // Before, each add announced again at once: 10 updates in 5 s.
    expect(updates).toBeLessThanOrEqual(2);
  });
});
