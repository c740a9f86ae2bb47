import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExabgp, type ExabgpHandle } from '../src/exabgp.js';
import { explainNetnsUnavailable, runCommand } from '../src/netns.js';
import { startRouteServerLab, type HeldRoute, type RouteServer, type RouteServerLab } from '../src/route-servers.js';
import { waitFor } from '../src/wait-for.js';

const unavailable = await explainNetnsUnavailable();
if (unavailable) process.stderr.write(`route-server lab test skipped: ${unavailable}\n`);

/** What every server must hold: both families, MED absent / 0 / set, a well-known community, both next hops. */
function expectedRoutes(lab: RouteServerLab): Record<string, HeldRoute> {
  const routes: HeldRoute[] = [
    { prefix: '203.0.113.10/32', med: 100, communities: [], nextHop: lab.node.ipv4 },
    { prefix: '203.0.113.11/32', med: undefined, communities: ['65001:7', '65535:0'], nextHop: lab.altNextHop.ipv4 },
    { prefix: '2001:db8:30::1/128', med: 100, communities: ['65001:100'], nextHop: lab.node.ipv6 },
    { prefix: '2001:db8:30::2/128', med: 0, communities: [], nextHop: lab.altNextHop.ipv6 },
  ];
  return Object.fromEntries(routes.map((route) => [route.prefix, route]));
}

/** The API process: two routes per family (one with each next hop), then idle. */
async function writeAnnouncer(dir: string, lab: RouteServerLab): Promise<string> {
  const file = join(dir, 'announce.sh');
  await writeFile(
    file,
    `#!/bin/sh
echo 'announce route 203.0.113.10/32 next-hop self med 100'
echo 'announce route 2001:db8:30::1/128 next-hop self med 100 community [65001:100]'
echo 'announce route 203.0.113.11/32 next-hop ${lab.altNextHop.ipv4} community [65535:0 65001:7]'
echo 'announce route 2001:db8:30:0::2/128 next-hop ${lab.altNextHop.ipv6} med 0'
exec sleep 3600
`,
  );
  await chmod(file, 0o755);
  return file;
}

describe.skipIf(unavailable !== undefined)('three route servers (BIRD, FRR, GoBGP) in namespaces, fed by ExaBGP', () => {
  let lab: RouteServerLab | undefined;
  let exabgp: ExabgpHandle | undefined;
  let dir: string | undefined;

  /** The server's table once it holds the expected prefixes (or whatever it holds after 15 s, for the diff). */
  const heldBy = async (server: RouteServer): Promise<Record<string, HeldRoute>> => {
    const prefixes = Object.keys(expectedRoutes(lab as RouteServerLab)).sort().join();
    let held: Record<string, HeldRoute> = {};
    const probe = async (): Promise<boolean> => {
      held = Object.fromEntries(await server.table());
      return Object.keys(held).sort().join() === prefixes;
    };
    await waitFor(probe, { timeoutMs: 15_000, intervalMs: 100, what: `${server.name}'s routes` }).catch(() => undefined);
    return held;
  };

  beforeAll(async () => {
    // Ctrl-C reaches this worker too: leave no namespace behind (the next run would clean up anyway).
    process.once('SIGINT', () => void lab?.stop().finally(() => process.exit(130)));
    lab = await startRouteServerLab({ prefix: 'xrs-' });
    dir = await mkdtemp(join(tmpdir(), 'exaplug-rs-test-'));
    const announcer = await writeAnnouncer(dir, lab);
    exabgp = await startExabgp({ namespace: lab.nodeNamespace, neighbors: lab.exabgpNeighbors, run: [announcer], receive: false });
    await lab.waitEstablished(20_000);
  }, 60_000);

  afterAll(async () => {
    await exabgp?.stop();
    await lab?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs ExaBGP inside the node namespace, where its API process is still its child', async () => {
    const { stdout } = await runCommand('ip', ['netns', 'identify', String(exabgp?.pid)]);
    expect(stdout.trim()).toBe(lab?.nodeNamespace);
    expect(await exabgp?.children()).toHaveLength(1);
  });

  it.each(['bird', 'frr', 'gobgp'])('%s holds both families with MED, communities and next hop as sent', async (name) => {
    const server = lab?.servers.find((candidate) => candidate.name === name) as RouteServer;
    expect(await heldBy(server)).toEqual(expectedRoutes(lab as RouteServerLab));
  });

  it('gets the routes back on each server restarted alone while the others keep them', async () => {
    const current = lab as RouteServerLab;
    for (const server of current.servers) {
      await server.restart();
      await current.waitEstablished(15_000);
      expect(await heldBy(server)).toEqual(expectedRoutes(current));
      for (const other of current.servers.filter((candidate) => candidate !== server)) {
        expect((await other.table()).size).toBe(Object.keys(expectedRoutes(current)).length);
      }
    }
  });
});
