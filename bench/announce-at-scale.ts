import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { exaplugBin } from './exaplug-under-fake-exabgp.js';
import { median, readUntilExabgpIsGone, sleep } from './measure-process.js';

const perService = 100;


/** How many routes BIRD holds in its IPv6 table. */
async function routeCount(bird: BirdHandle): Promise<number> {
  const match = /(\d+) of \d+ routes/.exec(await bird.birdc('show route count table master6'));
  return Number(match?.[1] ?? 0);
}

/** ms from ExaBGP's start until BIRD holds `count` routes (polled every 20 ms). */
async function timeUntilHeld(bird: BirdHandle, count: number, start: () => Promise<ExabgpHandle>): Promise<number> {
  const startedAt = performance.now();
  const exabgp = await start();
  try {
    while ((await routeCount(bird)) < count) {
      if (performance.now() - startedAt > 120_000) {
        throw new Error(`BIRD holds ${await routeCount(bird)} of ${count} routes after 120 s; ExaBGP said:\n${exabgp.output().slice(-2000)}`);
      }
      await sleep(20);
    }
    return performance.now() - startedAt;
  } finally {
    await exabgp.stop('SIGKILL');
    while ((await routeCount(bird)) > 0) await sleep(50);
  }
}

/**
 * Issue 11 §4: `count` service IPs announced at start through a real ExaBGP 4.2 (acks on)
 * until a real BIRD holds them all, against the same routes with the same attributes from
 * ExaBGP's own static config. `meds: 'shared'` gives every route MED 100 (exaplug groups
 * them into `announce attributes … nlri` commands); `meds: 'rotated'` gives each IP of a
 * service its own MED (100, 101, …: the default strategy), so that no two routes of a
 * service can share a command, nor an UPDATE on either side.
 */
export async function measureAnnounceAtScale(dir: string, count: number, meds: 'shared' | 'rotated' = 'shared', rounds = 3) {
  const services = Math.ceil(count / perService);
  const ipOf = (service: number, index: number) => `2001:db8:${service.toString(16)}:${index.toString(16)}::1/128`;
  const medOf = (index: number) => (meds === 'shared' ? 100 : 100 + (index % perService));
  const bird = await startBird({ neighbors: [{ name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 }] });
  try {
    const neighbor = { peer: '::1', local: '::1', family: 'ipv6 unicast' as const, port: bird.port };
    const routes = Array.from({ length: services }, (_, s) => Array.from({ length: perService }, (_, i) => ipOf(s, i))).flat().slice(0, count);
    // The API's floor: the commands exaplug writes, written by `cat` as soon as ExaBGP reports
    // the session up (as exaplug does: ExaBGP 4.2 drops commands for a peer not yet up).
    const commands =
      meds === 'shared'
        ? Array.from({ length: services }, (_, s) => `announce attributes next-hop self med 100 nlri ${routes.slice(s * perService, (s + 1) * perService).join(' ')}`)
        : routes.map((route, index) => `announce route ${route} next-hop self med ${medOf(index)}`);
    await writeFile(join(dir, 'commands'), `${commands.join('\n')}\n`);
    await writeFile(join(dir, 'read-all.sh'), `#!/bin/sh\nexec ${readUntilExabgpIsGone}\n`, { mode: 0o755 });
    await writeFile(join(dir, 'cat-commands.sh'), `#!/bin/sh\ngrep -q -m 1 '"state": *"up"'\ncat ${join(dir, 'commands')}\nexec ${readUntilExabgpIsGone}\n`, { mode: 0o755 });
    const configFile = join(dir, 'announce.yaml');
    await writeFile(join(dir, 'up'), '');
    const strategy = meds === 'shared' ? '\n    strategy: { use: fixed, with: { increase: 0 } }' : '';
    const lines = Array.from({ length: services }, (_, s) => `  s${s}:\n    ips: [${routes.slice(s * perService, (s + 1) * perService).map((ip) => `'${ip}'`).join(', ')}]\n    check: { use: file, with: { path: up } }${strategy}`);
    await writeFile(configFile, `log: { level: warn }\ndefaults: { interval: 200ms, rise: 1, fall: 2, timeout: 1s }\nservices:\n${lines.join('\n')}\n`);
    const sides = {
      staticMs: () => startExabgp({ run: [join(dir, 'read-all.sh')], receive: false, neighbors: [{ ...neighbor, staticRoutes: routes.map((route, index) => `${route} med ${medOf(index)}`) }] }),
      floorMs: () => startExabgp({ run: [join(dir, 'cat-commands.sh')], receive: false, neighbors: [neighbor] }),
      exaplugMs: () => startExabgp({ run: [process.execPath, exaplugBin, 'run', '--config', configFile], receive: false, neighbors: [neighbor] }),
    };
    // Interleaved rounds, medians: one round on this machine varies by a second or more
    // (when the first connection attempt races BIRD's listener, ExaBGP retries a second later).
    const times: Record<keyof typeof sides, number[]> = { staticMs: [], floorMs: [], exaplugMs: [] };
    for (let round = 0; round < rounds; round++) {
      for (const side of Object.keys(sides) as Array<keyof typeof sides>) times[side].push(await timeUntilHeld(bird, count, sides[side]));
    }
    const ratioTo = (baseline: number[]) => median(times.exaplugMs.map((ms, round) => ms / (baseline[round] as number)));
    return {
      count,
      meds,
      rounds,
      staticMs: median(times.staticMs),
      floorMs: median(times.floorMs),
      exaplugMs: median(times.exaplugMs),
      // Each round's exaplug against the same round's baselines, then the median: a slow round slows both.
      toFloor: ratioTo(times.floorMs),
      toStatic: ratioTo(times.staticMs),
      times,
    };
  } finally {
    await bird.stop();
  }
}
