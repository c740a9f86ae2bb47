import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun } from './e2e-support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Never a wrong route", live: a real ExaBGP 4.2 runs exaplug and peers with a real BIRD 2,
 * and BIRD's table is the judge. ExaBGP's own config announces 2001:db8:99::/48, a route
 * outside exaplug's allow-list that it must never touch.
 */
describe('never a wrong route, under a real ExaBGP 4.2 and BIRD 2', () => {
  let dir: string;
  let bird: BirdHandle | undefined;
  let exabgp: ExabgpHandle | undefined;
  const config = () => join(dir, 'exaplug.yaml');

  beforeAll(() => assertBuilt());

  afterEach(async () => {
    await exabgp?.stop('SIGKILL');
    await bird?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function start(yaml: string) {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-trust-'));
    await writeFile(config(), yaml);
    bird = await startBird({ neighbors: [{ name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 }] });
    exabgp = await startExabgp({
      run: exaplugRun(config()),
      neighbors: [{ peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port, staticRoutes: ['2001:db8:99::/48'] }],
    });
    await waitFor(() => bird?.isEstablished('exa6'), { timeoutMs: 15_000, what: 'the session' });
  }

  /** What BIRD holds from ExaBGP: prefix → MED. */
  async function table(): Promise<Record<string, number | undefined>> {
    const routes = (await bird?.routesFrom('exa6')) ?? [];
    return Object.fromEntries(routes.map((route) => [route.prefix, route.med]).sort());
  }

  async function expectTable(expected: Record<string, number | undefined>, what: string) {
    await waitFor(async () => JSON.stringify(await table()) === JSON.stringify(expected), {
      timeoutMs: 15_000,
      what: `${what}: BIRD to hold ${JSON.stringify(expected)} (has ${JSON.stringify(await table())})\n${exabgp?.output().slice(-4000)}`,
    });
  }

  /** Kills exaplug as a crash would; ExaBGP keeps its routes and respawns it. */
  async function crashAndRespawn() {
    const [first] = (await exabgp?.children()) ?? [];
    process.kill(first as number, 'SIGKILL');
    await waitFor(
      async () => {
        const children = (await exabgp?.children()) ?? [];
        return children.length === 1 && children[0] !== first;
      },
      { timeoutMs: 5000, what: 'the respawn' },
    );
  }

  const service = (ips: string) =>
    `allowedPrefixes: ['2001:db8:30::/48 le 128']\nonInvalidConfig: { after: 1s }\ndefaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 1 }\nservices:\n  web:\n    ips: [${ips}]\n    check: { use: exec, with: { command: "true" } }\n`;

  it('withdraws the routes of IPs removed from the config when it restarts, and nothing outside the allow-list', async () => {
    await start(service('2001:db8:30::1, 2001:db8:30::2, 2001:db8:30::3'));
    await expectTable({ '2001:db8:30::1/128': 100, '2001:db8:30::2/128': 101, '2001:db8:30::3/128': 102, '2001:db8:99::/48': undefined }, 'all up');
    await writeFile(config(), service('2001:db8:30::1'));
    await crashAndRespawn();
    await expectTable({ '2001:db8:30::1/128': 100, '2001:db8:99::/48': undefined }, 'after the restart');
    expect(exabgp?.output()).toContain('withdrawing routes a previous exaplug left that no service owns');
  }, 45_000);

  it('withdraws the routes left unchecked when it respawns into a config it must refuse', async () => {
    await start(service('2001:db8:30::1, 2001:db8:30::2'));
    await expectTable({ '2001:db8:30::1/128': 100, '2001:db8:30::2/128': 101, '2001:db8:99::/48': undefined }, 'all up');
    await writeFile(config(), `${service('2001:db8:30::1')}    rise: 0\n`);
    await crashAndRespawn();
    await waitFor(() => exabgp?.output().includes('exaplug is idle'), { timeoutMs: 10_000, what: 'idle mode' });
    // Within the grace period (1 s here, 30 s by default) the routes are still there to be saved by a fix.
    expect(Object.keys(await table())).toHaveLength(3);
    await expectTable({ '2001:db8:99::/48': undefined }, 'after the grace period');
    expect(exabgp?.exited).toBe(false);
  }, 45_000);

  it('damps a flapping check to about one update per second, then announces the true state within a dwell', async () => {
    const steady = join(tmpdir(), `exaplug-steady-${process.pid}-${Date.now()}`);
    // Fails and passes alternately every 100 ms, until the steady file appears.
    const flapping = `[ -e ${steady} ] || [ $(( $(date +%s%N) / 100000000 % 2 )) = 0 ]`;
    const yaml = (minDwell: string) =>
      `defaults: { interval: 100ms, fastInterval: 100ms, rise: 1, fall: 1, minDwell: ${minDwell} }\nservices:\n  web:\n    ips: [2001:db8:30::1]\n    check: { use: exec, with: { command: '${flapping}' } }\n`;
    await start(yaml('1s'));
    await waitFor(async () => (await table())['2001:db8:30::1/128'] !== undefined, { timeoutMs: 10_000, what: 'the first announcement' });
    const before = await bird?.importCounts('exa6');
    await sleep(5000);
    const after = await bird?.importCounts('exa6');
    const damped = (after?.updates ?? 0) - (before?.updates ?? 0);
    // At most one announcement per 1 s dwell, with one of slack for the edges of the window.
    expect(damped).toBeLessThanOrEqual(6);
    expect(damped).toBeGreaterThanOrEqual(2);
    await writeFile(steady, '');
    try {
      await expectTable({ '2001:db8:30::1/128': 100, '2001:db8:99::/48': undefined }, 'steady again');
      // A round that ran its command just before the file appeared may still fail, and its
      // `down` goes out when the dwell ends, then `up` one dwell later (a busy CI saw it):
      // the true state is steady from one dwell and a round after the file on.
      await sleep(1000 + 200);
      await expectTable({ '2001:db8:30::1/128': 100, '2001:db8:99::/48': undefined }, 'still steady a dwell later');
      const settled = await bird?.importCounts('exa6');
      await sleep(1500);
      expect((await bird?.importCounts('exa6'))?.updates).toBe(settled?.updates);
    } finally {
      await rm(steady, { force: true });
    }
  }, 45_000);
});
