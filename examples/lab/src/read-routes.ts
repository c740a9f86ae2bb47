import { runCommand, runInNamespace } from '@exaplug/test-support/netns';
import { parseBirdRoutes, parseFrrRoutes, parseGobgpRoutes, type RoutePath } from './parse-tables.js';
import { coreLan, findWebNode, servicePrefix } from './topology.js';

export type { RoutePath } from './parse-tables.js';

/** The service routes on rs1 (BIRD), through its control socket. */
export async function readRs1Routes(socket: string): Promise<RoutePath[]> {
  const result = await runCommand('birdc', ['-s', socket, 'show', 'route', 'in', servicePrefix, 'all']);
  if (result.code !== 0) throw new Error(`birdc failed: ${result.stderr || result.stdout}`);
  return parseBirdRoutes(result.stdout);
}

/** The service routes on rs2 (FRR bgpd), through its vty socket directory. */
export async function readRs2Routes(vtyDir: string): Promise<RoutePath[]> {
  const result = await runCommand('vtysh', ['--vty_socket', vtyDir, '-c', 'show bgp ipv6 unicast json detail']);
  if (result.code !== 0) throw new Error(`vtysh failed: ${result.stderr || result.stdout}`);
  return parseFrrRoutes(result.stdout);
}

/**
 * The service routes on rs3 (GoBGP), through its gRPC unix socket. Route-server clients'
 * paths live in the route-server RIB (`global rib` is empty), read here as r1's view of it:
 * every web node's path, the best one marked.
 */
export async function readRs3Routes(socket: string): Promise<RoutePath[]> {
  const result = await runCommand('gobgp', ['--target', `unix://${socket}`, 'neighbor', coreLan.r1, 'local', '-a', 'ipv6', '-j']);
  if (result.code !== 0) throw new Error(`gobgp failed: ${result.stderr || result.stdout}`);
  // Its import policy takes nothing but the service /128s.
  return parseGobgpRoutes(result.stdout);
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
