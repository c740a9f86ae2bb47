import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pickFreePort } from './tcp-servers.js';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

/** One BGP session BIRD accepts from an ExaBGP on loopback. */
export interface BirdNeighbor {
  name: string;
  /** The ExaBGP's address (its local-address). */
  address: string;
  /** BIRD's address for this session (127.0.0.1 or ::1). */
  local: string;
  family: 'ipv4' | 'ipv6';
  peerAs: number;
  /** Export the `staticRoutes` of startBird to this neighbor (default: export none). */
  exportStatic?: boolean;
}

/** One path BIRD holds for a prefix, from `show route … all`. */
export interface BirdRoute {
  prefix: string;
  protocol: string;
  best: boolean;
  med: number | undefined;
  nextHop: string | undefined;
  communities: string | undefined;
}

export interface BirdHandle {
  port: number;
  socket: string;
  dir: string;
  birdc(command: string): Promise<string>;
  routes(prefix: string): Promise<BirdRoute[]>;
  /** Every path a protocol (one neighbor) gave BIRD. */
  routesFrom(protocol: string): Promise<BirdRoute[]>;
  /** Updates and withdraws BIRD received from a neighbor: what a flap costs a router. */
  importCounts(protocol: string): Promise<{ updates: number; withdraws: number }>;
  isEstablished(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

/** A route BIRD originates (`protocol static`, blackhole): e.g. a full table to export. */
export interface BirdStaticRoute {
  prefix: string;
  /** Sent as the BGP MED: routes with different ones cannot share an UPDATE, as in a real table. */
  med?: number;
  /**
   * Off at start, in protocol `static4_GROUP` (or `static6_GROUP`) until `birdc enable` it:
   * routes exported only when a test says so. Without it: protocol `static4` (`static6`).
   */
  group?: string;
}

function renderStatic(routes: readonly BirdStaticRoute[]): string {
  const protocols = new Map<string, string[]>();
  for (const route of routes) {
    const family = route.prefix.includes(':') ? 'ipv6' : 'ipv4';
    const name = `static${family === 'ipv4' ? 4 : 6}${route.group === undefined ? '' : `_${route.group}`}`;
    let lines = protocols.get(name);
    if (!lines) protocols.set(name, (lines = [`protocol static ${name} {`, `  ${family};`, ...(route.group === undefined ? [] : ['  disabled;'])]));
    lines.push(`  route ${route.prefix} blackhole${route.med === undefined ? '' : ` { bgp_med = ${route.med}; }`};`);
  }
  return [...protocols.values()].map((lines) => `${lines.join('\n')}\n}\n`).join('');
}

function renderConfig(dir: string, port: number, neighbors: readonly BirdNeighbor[], localAs: number, staticRoutes: readonly BirdStaticRoute[]): string {
  const sessions = neighbors.map((n) => {
    const exported = n.exportStatic ? 'export where source = RTS_STATIC;' : 'export none;';
    const channel =
      n.family === 'ipv4'
        ? `ipv4 { import all; ${exported} next hop self; gateway recursive; };`
        : // next hop self would be ::1, the neighbor's own address: BIRD refuses it on export.
          `ipv6 { import all; ${exported} next hop address 2001:db8:ffff::1; gateway recursive; };`;
    return `protocol bgp ${n.name} from exa {
  local ${n.local} port ${port} as ${localAs};
  neighbor ${n.address} as ${n.peerAs};
  ${channel}
}`;
  });
  return `log "${join(dir, 'bird.log')}" all;
router id 127.0.0.1;
protocol device { scan time 10; }
template bgp exa {
  multihop 2;
  passive on;
  strict bind on;
  hold time 9;
  keepalive time 3;
  connect delay time 1;
  connect retry time 2;
  error wait time 1, 5;
  error forget time 10;
}
${renderStatic(staticRoutes)}${sessions.join('\n')}
`;
}

/** Parses BIRD 2's `show route <prefix> all` into paths. */
export function parseBirdRoutes(output: string): BirdRoute[] {
  const routes: BirdRoute[] = [];
  let prefix = '';
  for (const line of output.split('\n')) {
    const head = /^(\S+)?\s+(?:unicast|unreachable|blackhole|prohibited)\s+\[(\S+)\s.*?\](\s\*)?/.exec(line);
    if (head && !line.startsWith('\t')) {
      if (head[1] && head[1] !== 'Table') prefix = head[1];
      routes.push({ prefix, protocol: head[2] as string, best: Boolean(head[3]), med: undefined, nextHop: undefined, communities: undefined });
      continue;
    }
    const current = routes[routes.length - 1];
    if (!current) continue;
    const attribute = /^\s+BGP\.(\w+):\s*(.*)$/.exec(line);
    if (!attribute) continue;
    if (attribute[1] === 'med') current.med = Number(attribute[2]);
    if (attribute[1] === 'next_hop') current.nextHop = attribute[2];
    if (attribute[1] === 'community') current.communities = attribute[2];
  }
  return routes;
}

/** Starts BIRD 2 in the foreground on loopback, passive, accepting the given ExaBGP sessions. */
export async function startBird(options: { neighbors: BirdNeighbor[]; localAs?: number; staticRoutes?: readonly BirdStaticRoute[] }): Promise<BirdHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-bird-'));
  const port = await pickFreePort(['127.0.0.1', '::1']);
  const socket = join(dir, 'bird.ctl');
  const config = join(dir, 'bird.conf');
  await writeFile(config, renderConfig(dir, port, options.neighbors, options.localAs ?? 65002, options.staticRoutes ?? []));
  await run('/usr/sbin/bird', ['-p', '-c', config]);
  const child: ChildProcess = spawn('/usr/sbin/bird', ['-f', '-c', config, '-s', socket, '-P', join(dir, 'bird.pid')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const birdc = async (command: string) => {
    try {
      return (await run('/usr/sbin/birdc', ['-s', socket, ...command.split(' ')])).stdout;
    } catch (error) {
      // birdc exits 1 for answers such as "Network not found"; only a missing reply is an error.
      const { stdout } = error as { stdout?: string };
      if (stdout?.includes('BIRD ') && !stdout.includes('Unable to connect')) return stdout;
      throw error;
    }
  };
  await waitFor(() => birdc('show status').then((out) => out.includes('Daemon is up')), {
    timeoutMs: 10_000,
    what: `BIRD to start (${stderr.trim()})`,
  });
  return {
    port,
    socket,
    dir,
    birdc,
    async routes(prefix) {
      return parseBirdRoutes(await birdc(`show route ${prefix} all`));
    },
    async routesFrom(protocol) {
      return parseBirdRoutes(await birdc(`show route protocol ${protocol} all`));
    },
    async importCounts(protocol) {
      const output = await birdc(`show protocols all ${protocol}`);
      const received = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(output)?.[1] ?? Number.NaN);
      return { updates: received('Import updates'), withdraws: received('Import withdraws') };
    },
    async isEstablished(name) {
      return (await birdc(`show protocols ${name}`)).includes('Established');
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await waitFor(() => child.exitCode !== null || child.signalCode !== null, { timeoutMs: 5000, what: 'BIRD to exit' }).catch(
          () => child.kill('SIGKILL'),
        );
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
