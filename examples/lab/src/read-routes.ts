import { runCommand, runInNamespace } from '@exaplug/test-support/netns';
import { findWebNode, servicePrefix } from './topology.js';

/** One path to a service IP as a route server holds it. */
export interface RoutePath {
  prefix: string;
  /** w1, w2, w3 (or the next hop when it is no web node). */
  node: string;
  med: number | undefined;
  best: boolean;
}

/** Parses `birdc show route … all`: a path starts with `unicast [proto …]`, `*` marks the best. */
export function parseBirdRoutes(text: string): RoutePath[] {
  const paths: RoutePath[] = [];
  let prefix = '';
  for (const line of text.split('\n')) {
    const head = /^(\S+)?\s+(?:unicast|unreachable)\s+\[(\S+)\s[^\]]*\](\s\*)?/.exec(line);
    if (head) {
      if (head[1]) prefix = head[1];
      paths.push({ prefix, node: head[2] ?? '', med: undefined, best: head[3] !== undefined });
      continue;
    }
    const med = /^\s+BGP\.med: (\d+)/.exec(line);
    const current = paths.at(-1);
    if (med && current) current.med = Number(med[1]);
  }
  return paths;
}

interface FrrPath {
  bestpath?: boolean;
  metric?: number;
  peerId?: string;
  nexthops?: { ip?: string }[];
}

/** Parses `show bgp ipv6 unicast json` of FRR 8.4. */
export function parseFrrRoutes(json: string): RoutePath[] {
  const routes = (JSON.parse(json) as { routes?: Record<string, FrrPath[]> }).routes ?? {};
  return Object.entries(routes).flatMap(([prefix, list]) =>
    list.map((path) => {
      const peer = path.peerId ?? path.nexthops?.[0]?.ip ?? '';
      return { prefix, node: findWebNode(peer)?.name ?? peer, med: path.metric, best: path.bestpath === true };
    }),
  );
}

/** The service routes on rs1 (BIRD), through its control socket. */
export async function readRs1Routes(socket: string): Promise<RoutePath[]> {
  const result = await runCommand('birdc', ['-s', socket, 'show', 'route', 'in', servicePrefix, 'all']);
  if (result.code !== 0) throw new Error(`birdc failed: ${result.stderr || result.stdout}`);
  return parseBirdRoutes(result.stdout);
}

/** The service routes on rs2 (FRR bgpd), through its vty socket directory. */
export async function readRs2Routes(vtyDir: string): Promise<RoutePath[]> {
  const result = await runCommand('vtysh', ['--vty_socket', vtyDir, '-c', 'show bgp ipv6 unicast json']);
  if (result.code !== 0) throw new Error(`vtysh failed: ${result.stderr || result.stdout}`);
  return parseFrrRoutes(result.stdout);
}

/** The node r1's kernel forwards a service IP to (`ip -6 route`, proto bird). */
export async function readKernelNextHop(routerNs: string, ip: string): Promise<string | undefined> {
  const result = await runInNamespace(routerNs, 'ip', ['-6', 'route', 'show', `${ip}/128`, 'proto', 'bird']);
  const via = /via (\S+)/.exec(result.stdout)?.[1];
  return via ? (findWebNode(via)?.name ?? via) : undefined;
}

/** What nginx answers to the client for a service IP (the node's name), or undefined. */
export async function askService(clientNs: string, ip: string): Promise<string | undefined> {
  const result = await runInNamespace(clientNs, 'curl', ['-gs', '--max-time', '1', `http://[${ip}]/`]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}
