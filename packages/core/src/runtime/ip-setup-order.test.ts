import { describe, expect, it } from 'vitest';
import { createRuntimeHarness } from '../testing/runtime-harness.js';

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
      {
        addresses: {
          add: async (prefixes) => void order.push(`add ${prefixes.join(' ')}`),
          removeAdded: async () => void order.push('remove'),
        },
      },
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
      'show neighbor summary',
      'announce route 2001:db8:30::1/128 next-hop self med 100',
      'withdraw route 2001:db8:30::1/128 next-hop self',
      'remove',
    ]);
  });
});
