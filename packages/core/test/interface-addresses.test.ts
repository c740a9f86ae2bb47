import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecked } from '@exaplug/test-support/netns';
import { createInterfaceAddresses } from '../src/adapters/interface-addresses.js';
import { silentLogger } from '../src/logger.js';

const ns = `xp-addr-${process.pid}`;
const ipInNamespace = (args: readonly string[]) => runChecked('ip', ['-n', ns, ...args]);
const addresses = async () => (await ipInNamespace(['-br', 'addr', 'show', 'dev', 'lo'])).trim();

describe('service addresses on lo, in a network namespace of their own', () => {
  beforeAll(async () => {
    await runChecked('ip', ['netns', 'add', ns]);
    await ipInNamespace(['link', 'set', 'lo', 'up']);
    await ipInNamespace(['addr', 'add', '203.0.113.10/32', 'dev', 'lo']); // an operator's own, before exaplug
  });
  afterAll(() => runChecked('ip', ['netns', 'del', ns]));

  it('adds the missing host addresses of both families, and removes only those it added', async () => {
    const lo = createInterfaceAddresses({ device: 'lo', logger: silentLogger, ip: ipInNamespace });
    await lo.add(['203.0.113.10/32', '203.0.113.11/32', '2001:db8:30::1/128', '2001:db8:30::/64']);
    const during = await addresses();
    for (const address of ['203.0.113.10/32', '203.0.113.11/32', '2001:db8:30::1/128']) expect(during).toContain(address);
    expect(during).not.toContain('2001:db8:30::/64');
    // A reload removed the services of .10 (the operator's own) and .11: only .11 goes.
    await lo.remove(['203.0.113.10/32', '203.0.113.11']);
    const afterReload = await addresses();
    expect(afterReload).toContain('203.0.113.10/32');
    expect(afterReload).not.toContain('203.0.113.11/32');
    expect(afterReload).toContain('2001:db8:30::1/128');
    await lo.removeAdded();
    const after = await addresses();
    expect(after).toContain('203.0.113.10/32');
    expect(after).toContain('127.0.0.1/8');
    expect(after).not.toContain('203.0.113.11/32');
    expect(after).not.toContain('2001:db8:30::1/128');
  });
});
