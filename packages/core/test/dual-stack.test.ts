import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BirdHandle } from '@exaplug/test-support/bird';
import { startDualSession } from '@exaplug/test-support/dual-session';
import type { ExabgpHandle } from '@exaplug/test-support/exabgp';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun } from './e2e-support.js';

// Issue 17 §1: an IPv4 and an IPv6 prefix in one `announce|withdraw attributes … nlri`
// command. ExaBGP 4.2 parses every prefix of such a command in one family, so the IPv4
// one became an IPv6 route (`cb00:7128::/32`), went to the wrong session, or never left.
// Each case below was red on the release before the fix, with ExaBGP answering `done`.

const withdrawn = { v4: '203.0.113.50/32', v6: '2001:db8:30::50/128' };
const equal = { v4: '203.0.113.40/32', v6: '2001:db8:30::40/128' };

let dir: string;
let bird: BirdHandle;
let exabgp: ExabgpHandle;

function config(services: string): string {
  return `defaults: { interval: 300ms, fastInterval: 100ms, rise: 1, fall: 1, timeout: 1s, minDwell: 0ms }
stateDir: ${join(dir, 'state')}
control: { socket: ${join(dir, 'control.sock')} }
allowedPrefixes: [203.0.113.0/24 ge 32 le 32, 2001:db8:30::/48 le 128]
onInvalidConfig: { action: withdraw, after: 500ms }
${services}`;
}

const validServices = `services:
  gone:
    ips: [${withdrawn.v4}, ${withdrawn.v6}]
    check: { use: file, with: { path: gone-up } }
    strategy: { use: fixed, with: { withdrawOn: [down] } }
  equal:
    ips: [${equal.v4}, ${equal.v6}]
    check: { use: file, with: { path: equal-up } }
    strategy: { use: fixed, with: { increase: 0 } }
`;

/** The MED BIRD holds for a prefix from the session of its own family, or undefined. */
async function medOf(prefix: string): Promise<number | undefined> {
  const protocol = prefix.includes(':') ? 'exa6' : 'exa4';
  return (await bird.routes(prefix)).find((route) => route.protocol === protocol)?.med;
}

async function expectHeld(expected: Record<string, number | undefined>, what: string): Promise<void> {
  const held = async () => Object.fromEntries(await Promise.all(Object.keys(expected).map(async (p) => [p, await medOf(p)] as const)));
  try {
    await waitFor(async () => JSON.stringify(await held()) === JSON.stringify(expected), { timeoutMs: 10_000, what: `${what}: BIRD to hold ${JSON.stringify(expected)}` });
  } catch (error) {
    const table = await bird.birdc('show route');
    throw new Error(`${(error as Error).message}; it holds ${JSON.stringify(await held())}\n${table}\n${exabgp.output().slice(-2000)}`);
  }
}

describe('a dual-stack service under ExaBGP 4.2 with an IPv4 and an IPv6 session to BIRD', () => {
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-dual-'));
    await writeFile(join(dir, 'gone-up'), '');
    await writeFile(join(dir, 'equal-up'), '');
    await writeFile(join(dir, 'exaplug.yaml'), config(validServices));
    ({ bird, exabgp } = await startDualSession({ run: exaplugRun(join(dir, 'exaplug.yaml')) }));
  }, 30_000);

  afterAll(async () => {
    await exabgp?.stop('SIGKILL');
    await bird?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('announces both families when the IPs share one MED (increase 0)', async () => {
    await expectHeld({ [equal.v4]: 100, [equal.v6]: 100, [withdrawn.v4]: 100, [withdrawn.v6]: 101 }, 'up');
    // Nothing of ours may land in the other family's table (4.2 made 203.0.113.40 into cb00:7128::/32).
    expect(await bird.birdc('show route')).not.toMatch(/cb00:/);
  }, 20_000);

  it('withdraws both families when a withdrawOn [down] service fails', async () => {
    await rm(join(dir, 'gone-up'));
    await expectHeld({ [withdrawn.v4]: undefined, [withdrawn.v6]: undefined, [equal.v4]: 100, [equal.v6]: 100 }, 'gone down');
  }, 20_000);

  it('re-announces both families to a session that comes back, and that session stays up', async () => {
    await bird.birdc('restart exa4');
    await waitFor(() => bird.isEstablished('exa4'), { timeoutMs: 10_000, what: 'the IPv4 session to come back' });
    await expectHeld({ [equal.v4]: 100, [equal.v6]: 100 }, 'after the IPv4 session restarted');
    const before = await bird.importCounts('exa4');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await bird.isEstablished('exa4')).toBe(true);
    expect(await bird.birdc('show protocols all exa4')).not.toMatch(/Invalid network field|Error/);
    expect((await bird.importCounts('exa4')).updates).toBe(before.updates);
  }, 20_000);

  it('writes no route to a session that does not carry its family', () => {
    // ExaBGP logs this for every route sent to a session of the other family.
    expect(exabgp.output()).not.toMatch(/not configured on neighbor/);
  });

  it('withdraws both families after a respawn into an invalid config (onInvalidConfig: withdraw)', async () => {
    await expectHeld({ [equal.v4]: 100, [equal.v6]: 100 }, 'before the respawn');
    await writeFile(join(dir, 'exaplug.yaml'), config(validServices.replace('check: { use: file, with: { path: equal-up } }', 'check: { use: file, with: { paht: equal-up } }')));
    const [child] = await exabgp.children();
    process.kill(child as number, 'SIGKILL');
    await expectHeld({ [equal.v4]: undefined, [equal.v6]: undefined }, 'idle on an invalid config');
  }, 20_000);
});
