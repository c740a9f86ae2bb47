import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BirdHandle } from '@exaplug/test-support/bird';
import { startDualSession } from '@exaplug/test-support/dual-session';
import type { ExabgpHandle } from '@exaplug/test-support/exabgp';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun } from './e2e-support.js';

const serviceIps = ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'];

let dir: string;
let bird: BirdHandle;
let exabgp: ExabgpHandle;

async function medsInBird(prefixes: string[]): Promise<Array<number | undefined>> {
  return Promise.all(prefixes.map(async (prefix) => (await bird.routes(prefix))[0]?.med));
}

async function expectMeds(prefixes: string[], expected: number[], what: string) {
  await waitFor(async () => JSON.stringify(await medsInBird(prefixes)) === JSON.stringify(expected), {
    timeoutMs: 15_000,
    what: `${what}: BIRD to hold MEDs ${expected.join('/')} (has ${JSON.stringify(await medsInBird(prefixes))})\n${exabgp.output().slice(-3000)}`,
  });
}

describe('exaplug run under a real ExaBGP 4.2, peered with a real BIRD 2', () => {
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-e2e-'));
    await writeFile(join(dir, 'web-up'), '');
    await writeFile(join(dir, 'api-up'), '');
    await writeFile(
      join(dir, 'exaplug.yaml'),
      `# rise 4 × 300 ms keeps a respawned exaplug from re-announcing before the test sees the withdraw
defaults: { interval: 500ms, fastInterval: 300ms, rise: 4, fall: 2, timeout: 1s }
services:
  web:
    ips: [${serviceIps.join(', ')}]
    check: { use: file, with: { path: web-up } }
    strategy: { use: rotate, with: { node: 0, nodes: 3 } }
  api:
    ips: [203.0.113.10/32]
    check: { use: file, with: { path: api-up } }
    strategy: { use: fixed, with: { communities: ['65001:100'] } }
`,
    );
    ({ bird, exabgp } = await startDualSession({ run: exaplugRun(join(dir, 'exaplug.yaml')) }));
  }, 30_000);

  afterAll(async () => {
    await exabgp?.stop('SIGKILL');
    await bird?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('announces each service IP with the rotated MEDs once the checks have risen', async () => {
    await waitFor(() => bird.isEstablished('exa6'), { timeoutMs: 15_000, what: 'the IPv6 session' });
    await expectMeds(serviceIps, [102, 101, 100], 'up');
    await expectMeds(['203.0.113.10/32'], [100], 'IPv4 service up');
    expect((await bird.routes('203.0.113.10/32'))[0]?.communities).toBe('(65001,100)');
  }, 30_000);

  it('moves only the failed service to the down MEDs', async () => {
    await rm(join(dir, 'web-up'));
    await expectMeds(serviceIps, [1002, 1001, 1000], 'web down');
    expect(await medsInBird(['203.0.113.10/32'])).toEqual([100]);
  }, 30_000);

  it('returns to the up MEDs after the check recovers', async () => {
    await writeFile(join(dir, 'web-up'), '');
    await expectMeds(serviceIps, [102, 101, 100], 'web recovered');
  }, 30_000);

  it('withdraws everything when exaplug itself is stopped, then ExaBGP respawns it', async () => {
    const [child] = await exabgp.children();
    expect(child).toBeGreaterThan(0);
    process.kill(child as number, 'SIGTERM');
    await waitFor(async () => (await Promise.all([...serviceIps, '203.0.113.10/32'].map((p) => bird.routes(p)))).every((r) => r.length === 0), {
      timeoutMs: 5000,
      intervalMs: 20,
      what: 'the withdraws to reach BIRD',
    });
    const [respawned] = await waitFor(async () => ((await exabgp.children())[0] !== child ? exabgp.children() : undefined), {
      timeoutMs: 5000,
      what: 'ExaBGP to respawn exaplug',
    });
    expect(respawned).not.toBe(child);
    await expectMeds(serviceIps, [102, 101, 100], 'after respawn');
  }, 30_000);

  it('leaves nothing behind when ExaBGP stops', async () => {
    const children = await exabgp.children();
    await exabgp.stop('SIGTERM');
    expect(exabgp.exited).toBe(true);
    await waitFor(async () => (await bird.routes('2001:db8:30::1/128')).length === 0, { timeoutMs: 5000, what: 'BIRD to drop the routes' });
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});
