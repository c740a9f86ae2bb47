import { describe, expect, it } from 'vitest';
import type { InterfaceAddresses } from '../adapters/interface-addresses.js';
import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import { prepareServices } from '../loading/prepare-services.js';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

/** An interface that only notes, in `order`, what was done to it. */
function recordingAddresses(order: string[]): InterfaceAddresses {
  return {
    add: async (prefixes) => void order.push(`add ${prefixes.join(' ')}`),
    remove: async (prefixes) => void order.push(`remove ${prefixes.join(' ')}`),
    removeAdded: async () => void order.push('remove'),
  };
}

describe('service IPs on the interface', () => {
  it('are added before the first announcement and removed only after the withdraws are acknowledged', async () => {
    const order: string[] = [];
    const harness = await createRuntimeHarness(
      {
        exabgp: { acks: 'on', dialect: 'neighbor' },
        defaults: { interval: '1s', rise: 1, fall: 1 },
        services: { web: { ips: ['2001:db8:30::1'], check: { use: 'exec', with: { command: 'true' } } } },
      },
      {},
      { addresses: recordingAddresses(order) },
    );
    const record = () => order.push(...harness.take());
    harness.runtime.start();
    record();
    harness.feed('done');
    await harness.clock.advance(0);
    record();
    harness.feed('done');
    const stopped = harness.runtime.stop({ withdraw: true });
    await harness.clock.advance(0);
    record();
    expect(order.at(-1)).toBe('withdraw route 2001:db8:30::1/128 next-hop self');
    harness.feed('done');
    await harness.clock.advance(20);
    await stopped;
    expect(order).toEqual([
      'add 2001:db8:30::1/128',
      'show neighbor extensive',
      'announce route 2001:db8:30::1/128 next-hop self med 100',
      'withdraw route 2001:db8:30::1/128 next-hop self',
      'remove',
    ]);
  });

  it('of a service a reload removes are taken off after its withdraw is acknowledged, the others stay', async () => {
    const order: string[] = [];
    const exec = { use: 'exec', with: { command: 'true' } };
    const base = { exabgp: { acks: 'on', dialect: 'neighbor' }, defaults: { interval: '1s', rise: 1, fall: 1, minDwell: 0 } } as const;
    const harness = await createRuntimeHarness(
      { ...base, services: { web: { ips: ['2001:db8:30::1'], check: exec }, old: { ips: ['2001:db8:30::2'], check: exec } } },
      {},
      { addresses: recordingAddresses(order) },
    );
    const record = () => order.push(...harness.take());
    harness.runtime.start();
    record();
    harness.feed('done');
    await harness.clock.advance(100);
    record();
    harness.feed('done', 'done');
    const config = parseConfig({ ...base, services: { web: { ips: ['2001:db8:30::1'], check: exec } } }, undefined, '/tmp');
    await harness.runtime.reload(config, await prepareServices(config, silentLogger, { importer: async () => ({}) }));
    record();
    await harness.clock.advance(100);
    expect(order.at(-1)).toBe('withdraw route 2001:db8:30::2/128 next-hop self'); // not acknowledged yet: the address stays
    harness.feed('done');
    await harness.clock.advance(100);
    expect(order.slice(-2)).toEqual(['withdraw route 2001:db8:30::2/128 next-hop self', 'remove 2001:db8:30::2/128']);
  });
});
