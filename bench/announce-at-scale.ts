import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { exaplugBin } from './exaplug-under-fake-exabgp.js';
import { sleep } from './measure-process.js';

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
      if (performance.now() - startedAt > 120_000) throw new Error(`BIRD holds ${await routeCount(bird)} of ${count} routes after 120 s`);
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
 * until a real BIRD holds them all, against the same routes from ExaBGP's own static config.
 */
export async function measureAnnounceAtScale(dir: string, count: number) {
  const services = Math.ceil(count / perService);
  const ipOf = (service: number, index: number) => `2001:db8:${service.toString(16)}:${index.toString(16)}::1/128`;
  const bird = await startBird({ neighbors: [{ name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 }] });
  try {
    const neighbor = { peer: '::1', local: '::1', family: 'ipv6 unicast' as const, port: bird.port };
    const routes = Array.from({ length: services }, (_, s) => Array.from({ length: perService }, (_, i) => ipOf(s, i))).flat().slice(0, count);
    const staticMs = await timeUntilHeld(bird, count, () =>
      startExabgp({ run: ['/bin/sleep', '3600'], receive: false, neighbors: [{ ...neighbor, staticRoutes: routes }] }),
    );
    const configFile = join(dir, 'announce.yaml');
    await writeFile(join(dir, 'up'), '');
    const lines = Array.from({ length: services }, (_, s) => `  s${s}:\n    ips: [${routes.slice(s * perService, (s + 1) * perService).map((ip) => `'${ip}'`).join(', ')}]\n    check: { use: file, with: { path: up } }`);
    await writeFile(configFile, `log: { level: warn }\ndefaults: { interval: 200ms, rise: 1, fall: 2, timeout: 1s }\nservices:\n${lines.join('\n')}\n`);
    const exaplugMs = await timeUntilHeld(bird, count, () =>
      startExabgp({ run: [process.execPath, exaplugBin, 'run', '--config', configFile], receive: false, neighbors: [neighbor] }),
    );
    return { count, staticMs, exaplugMs };
  } finally {
    await bird.stop();
  }
}
