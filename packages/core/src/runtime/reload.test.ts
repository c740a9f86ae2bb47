import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import { prepareServices } from '../plugins/prepare-services.js';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

const exec = { use: 'exec', with: { command: 'true' } };
const base = {
  exabgp: { acks: 'on', dialect: 'neighbor' },
  defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, minDwell: 0 },
};

async function prepared(services: Record<string, unknown>) {
  const config = parseConfig({ ...base, services }, undefined, '/tmp');
  return { config, services: await prepareServices(config, silentLogger, { importer: async () => ({}) }) };
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
