import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBirdInNamespace } from './bird-netns.js';
import type { ExabgpNeighbor } from './exabgp.js';
import { startFrr } from './frr.js';
import { startGobgp } from './gobgp.js';
import { addNamespace, deleteNamespaces, runChecked } from './netns.js';
import { waitFor } from './wait-for.js';

export type RouteServerName = 'bird' | 'frr' | 'gobgp';

/** One route a route server holds from the node, normalized the same way for all three. */
export interface HeldRoute {
  /** '203.0.113.10/32', '2001:db8:30::1/128' (canonical lower-case compressed IPv6). */
  prefix: string;
  /** MULTI_EXIT_DISC as received. */
  med: number | undefined;
  /** Standard communities as 'A:B', sorted by value ('65535:0' for GRACEFUL_SHUTDOWN, never a name). */
  communities: string[];
  /** The BGP next hop as received (the global address for IPv6). */
  nextHop: string;
}

export interface RouteServer {
  readonly name: RouteServerName;
  /** Every route received from the node's sessions (both families), by prefix. */
  table(): Promise<Map<string, HeldRoute>>;
  /** True when both sessions with the node (the IPv4 one and the IPv6 one) are Established. */
  established(): Promise<boolean>;
  /** Stops the daemon and starts it again with the same config; resolves once it answers its CLI (sessions come later). */
  restart(): Promise<void>;
  /** The daemon's own log file (for timing events from the server's log). */
  readonly logFile: string;
}

export interface RouteServerLab {
  /** The namespace where ExaBGP (and so exaplug) must run. */
  readonly nodeNamespace: string;
  /** The node's link addresses: ExaBGP's local addresses, and so `next-hop self`. */
  readonly node: { ipv4: string; ipv6: string };
  /** Second addresses of the node on the same link, valid as explicit next hops on all three servers. */
  readonly altNextHop: { ipv4: string; ipv6: string };
  readonly servers: RouteServer[];
  /** The ExaBGP neighbors to configure: one IPv4 session (ipv4 unicast) and one IPv6 session (ipv6 unicast) per server. */
  readonly exabgpNeighbors: ExabgpNeighbor[];
  /** Configs, sockets and logs; deleted by `stop()`. */
  readonly runDir: string;
  /** Waits until every server has both sessions Established. */
  waitEstablished(timeoutMs?: number): Promise<void>;
  /** Stops everything and deletes the namespaces. Idempotent. */
  stop(): Promise<void>;
}

/** One session a route server keeps with the node: one transport, one address family. */
export interface RouteServerPeer {
  /** The node's address (canonical form): the far end of the session. */
  nodeAddress: string;
  /** The server's own address on the link. */
  localAddress: string;
  family: 'ipv4' | 'ipv6';
}

/** What each daemon starter (bird-netns, frr, gobgp) is given. */
export interface RouteServerDaemonOptions {
  namespace: string;
  /** The daemon's own run directory: config, sockets, logs. */
  dir: string;
  routerId: string;
  localAs: number;
  /** The node's AS. */
  peerAs: number;
  /** Seconds; keepalive is a third of it. */
  holdTime: number;
  peers: RouteServerPeer[];
}

/** A started route server; the lab's `stop()` calls `stop()`. */
export interface RouteServerDaemon extends RouteServer {
  stop(): Promise<void>;
}

// Documentation ranges (RFC 5737, RFC 3849), only ever inside the lab's namespaces. The node
// needs real link addresses: GoBGP refuses loopback next hops, FRR calls them martian.
const node = { ipv4: '198.51.100.1', ipv6: '2001:db8:100::1' } as const;
const altNextHop = { ipv4: '198.51.100.2', ipv6: '2001:db8:100::2' } as const;
const serverAddresses: Record<RouteServerName, { ipv4: string; ipv6: string }> = {
  bird: { ipv4: '198.51.100.11', ipv6: '2001:db8:100::11' },
  frr: { ipv4: '198.51.100.12', ipv6: '2001:db8:100::12' },
  gobgp: { ipv4: '198.51.100.13', ipv6: '2001:db8:100::13' },
};
const starters: Record<RouteServerName, (options: RouteServerDaemonOptions) => Promise<RouteServerDaemon>> = {
  bird: startBirdInNamespace,
  frr: startFrr,
  gobgp: startGobgp,
};
const families = ['ipv4', 'ipv6'] as const;
const holdTime = 9;

async function ip(...args: string[]): Promise<void> {
  await runChecked('ip', args);
}

/** The node's namespace holds a bridge (the shared link); each server hangs off it by a veth. */
async function buildLink(prefix: string, servers: readonly RouteServerName[]): Promise<void> {
  const nodeNs = `${prefix}node`;
  await Promise.all([nodeNs, ...servers.map((name) => `${prefix}${name}`)].map(addNamespace));
  // Bridge up before its ports: one brought up later loses the first neighbour solicitation (+1 s).
  await ip('-n', nodeNs, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0', 'stp_state', '0');
  await ip('-n', nodeNs, 'link', 'set', 'br0', 'up');
  for (const address of [node.ipv4, altNextHop.ipv4]) await ip('-n', nodeNs, 'addr', 'add', `${address}/24`, 'dev', 'br0');
  for (const address of [node.ipv6, altNextHop.ipv6]) await ip('-n', nodeNs, 'addr', 'add', `${address}/64`, 'dev', 'br0', 'nodad');
  for (const name of servers) {
    const ns = `${prefix}${name}`;
    await ip('link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', `rs-${name}`, 'netns', nodeNs);
    await ip('-n', nodeNs, 'link', 'set', `rs-${name}`, 'master', 'br0', 'up');
    await ip('-n', ns, 'addr', 'add', `${serverAddresses[name].ipv4}/24`, 'dev', 'eth0');
    await ip('-n', ns, 'addr', 'add', `${serverAddresses[name].ipv6}/64`, 'dev', 'eth0', 'nodad');
    await ip('-n', ns, 'link', 'set', 'eth0', 'up');
  }
}

function exabgpNeighborsFor(servers: readonly RouteServerName[], localAs: number, serverAs: number): ExabgpNeighbor[] {
  return servers.flatMap((name) =>
    families.map((family) => ({
      peer: serverAddresses[name][family],
      local: node[family],
      family: `${family} unicast` as const,
      port: 179,
      localAs,
      peerAs: serverAs,
      routerId: node.ipv4,
      holdTime,
      // BIRD and FRR dial the node within ~1 s of (re)starting. GoBGP waits 5–10 s before its
      // first dial, so ExaBGP dials it (and still listens: GoBGP's dial resets ExaBGP's back-off).
      passive: name !== 'gobgp',
      listen: 179,
    })),
  );
}

async function startServers(
  prefix: string,
  runDir: string,
  servers: readonly RouteServerName[],
  ases: { localAs: number; serverAs: number },
): Promise<RouteServerDaemon[]> {
  const results = await Promise.allSettled(
    servers.map(async (name) => {
      const dir = join(runDir, name);
      await mkdir(dir);
      const peers = families.map((family) => ({ nodeAddress: node[family], localAddress: serverAddresses[name][family], family }));
      const options = { namespace: `${prefix}${name}`, dir, routerId: serverAddresses[name].ipv4, localAs: ases.serverAs, peerAs: ases.localAs, holdTime, peers };
      return starters[name](options);
    }),
  );
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((daemon) => daemon.stop()));
    throw failure.reason;
  }
  return started;
}

/**
 * Builds one link shared by the node and the route servers (each in its own namespace) and
 * starts the servers. ExaBGP is the caller's: start it in `nodeNamespace` with `exabgpNeighbors`.
 * `prefix`: a short unique namespace-name prefix (e.g. 'xo1-'); leftovers with it are deleted first.
 */
export async function startRouteServerLab(options: {
  prefix: string;
  servers?: RouteServerName[];
  localAs?: number;
  serverAs?: number;
}): Promise<RouteServerLab> {
  const names = options.servers ?? ['bird', 'frr', 'gobgp'];
  const ases = { localAs: options.localAs ?? 65001, serverAs: options.serverAs ?? 65002 };
  await deleteNamespaces(options.prefix);
  // Run dirs of a crashed run with the same prefix go too.
  const stale = (await readdir(tmpdir())).filter((entry) => entry.startsWith(`exaplug-rs-${options.prefix}`));
  await Promise.all(stale.map((entry) => rm(join(tmpdir(), entry), { recursive: true, force: true })));
  const runDir = await mkdtemp(join(tmpdir(), `exaplug-rs-${options.prefix}`));
  // FRR runs as user frr and must reach its own directory below this one.
  await chmod(runDir, 0o755);
  let daemons: RouteServerDaemon[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.all(daemons.map((daemon) => daemon.stop()));
      // Also ends whatever the caller left running in the namespaces (ExaBGP).
      await deleteNamespaces(options.prefix);
      await rm(runDir, { recursive: true, force: true });
    })());
  try {
    await buildLink(options.prefix, names);
    daemons = await startServers(options.prefix, runDir, names, ases);
  } catch (error) {
    await stop();
    throw error;
  }
  const servers: RouteServer[] = daemons;
  return {
    nodeNamespace: `${options.prefix}node`,
    node,
    altNextHop,
    servers,
    exabgpNeighbors: exabgpNeighborsFor(names, ases.localAs, ases.serverAs),
    runDir,
    async waitEstablished(timeoutMs = 20_000) {
      let waiting: RouteServerName[] = [];
      const probe = async (): Promise<boolean> => {
        const states = await Promise.all(servers.map((server) => server.established()));
        waiting = servers.filter((_server, index) => !states[index]).map((server) => server.name);
        return waiting.length === 0;
      };
      await waitFor(probe, { timeoutMs, intervalMs: 100, what: 'both sessions Established on every server' }).catch((error: Error) => {
        throw new Error(`${error.message}; not yet on: ${waiting.join(', ')}`, { cause: error });
      });
    },
    stop,
  };
}
