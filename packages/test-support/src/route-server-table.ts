import { parseBirdRoutes } from './bird.js';
import type { HeldRoute } from './route-servers.js';

// Pure readers of what BIRD, FRR and GoBGP print, normalized to one shape so a test
// can hold all three route servers to the same expectation.

/** An IP address in canonical form: IPv6 lower-case and compressed (RFC 5952), IPv4 as is. */
export function canonicalAddress(address: string): string {
  if (!address.includes(':')) return address;
  // The WHATWG URL parser serializes IPv6 hosts exactly as RFC 5952 asks.
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** A prefix with its address in canonical form ('2001:DB8:30:0::1/128' → '2001:db8:30::1/128'). */
export function canonicalPrefix(prefix: string): string {
  const [address = '', length = ''] = prefix.split('/');
  return `${canonicalAddress(address)}/${length}`;
}

/** A standard community as 'A:B' from its 32-bit value (GoBGP prints the number). */
export function formatCommunity(value: number): string {
  return `${Math.floor(value / 65536)}:${value % 65536}`;
}

function communityValue(community: string): number {
  const [high = 0, low = 0] = community.split(':').map(Number);
  return high * 65536 + low;
}

/** Sorted by numeric value (so '9:1' comes before '10:1'), duplicates kept. */
export function sortCommunities(communities: readonly string[]): string[] {
  return [...communities].sort((a, b) => communityValue(a) - communityValue(b));
}

/** Routes keyed by prefix; a later path for the same prefix replaces an earlier one. */
export function toRouteTable(routes: readonly HeldRoute[]): Map<string, HeldRoute> {
  return new Map(routes.map((route) => [route.prefix, route]));
}

/** `birdc show route all`: every path, communities printed as '(65001,100) (65535,0)'. */
export function parseBirdTable(output: string): HeldRoute[] {
  return parseBirdRoutes(output).map((route) => ({
    prefix: canonicalPrefix(route.prefix),
    med: route.med,
    communities: sortCommunities([...(route.communities ?? '').matchAll(/\((\d+),(\d+)\)/g)].map((m) => `${m[1]}:${m[2]}`)),
    // BIRD prints "global link-local" when both came in; the global one is what was sent first.
    nextHop: canonicalAddress(route.nextHop?.split(' ')[0] ?? ''),
  }));
}

/** Names FRR 8.4 prints in `community.list` (JSON) for the well-known communities (RFC 1997, 7999, 8326…). */
const frrCommunityNames: Readonly<Record<string, string>> = {
  internet: '0:0',
  gracefulShutdown: '65535:0',
  acceptown: '65535:1',
  routeFilterTranslatedV4: '65535:2',
  routeFilterV4: '65535:3',
  routeFilterTranslatedV6: '65535:4',
  routeFilterV6: '65535:5',
  llgrStale: '65535:6',
  noLlgr: '65535:7',
  acceptownnexthop: '65535:8',
  blackhole: '65535:666',
  noExport: '65535:65281',
  noAdvertise: '65535:65282',
  localAs: '65535:65283',
  noPeer: '65535:65284',
};

function frrCommunity(item: string): string {
  if (/^\d+:\d+$/.test(item)) return item;
  const value = frrCommunityNames[item];
  // A name this table does not know would silently become a wrong string: fail loudly instead.
  if (value === undefined) throw new Error(`unknown FRR community name '${item}'`);
  return value;
}

interface FrrDetailPath {
  metric?: number;
  community?: { list?: string[] };
  nexthops?: { ip?: string; scope?: string }[];
}

/**
 * `vtysh -c 'show bgp ipv4 unicast json detail'` (FRR 8.4; `… detail json` is refused there).
 * Each prefix maps to a list whose first item is a header ({ prefix, version }), then the paths.
 */
export function parseFrrTable(json: string): HeldRoute[] {
  const routes = (JSON.parse(json) as { routes?: Record<string, FrrDetailPath[]> }).routes ?? {};
  return Object.entries(routes).flatMap(([prefix, items]) =>
    items
      .filter((path) => path.nexthops !== undefined)
      .map((path) => ({
        prefix: canonicalPrefix(prefix),
        med: path.metric,
        communities: sortCommunities((path.community?.list ?? []).map(frrCommunity)),
        nextHop: canonicalAddress(path.nexthops?.find((hop) => hop.scope !== 'link-local')?.ip ?? ''),
      })),
  );
}

interface GobgpAttribute {
  type: number;
  metric?: number;
  communities?: number[];
  nexthop?: string;
}

// BGP path attribute type codes (RFC 4271, 1997, 4760).
const attributeType = { nextHop: 3, med: 4, communities: 8, mpReach: 14 } as const;

/** `gobgp global rib -a ipv4 -j`: { prefix: [path…] }, attributes by type code, communities as numbers. */
export function parseGobgpTable(json: string): HeldRoute[] {
  if (json.trim() === '') return [];
  const table = JSON.parse(json) as Record<string, { attrs?: GobgpAttribute[] }[]>;
  return Object.entries(table).flatMap(([prefix, paths]) =>
    paths.map(({ attrs = [] }) => {
      const find = (type: number) => attrs.find((attribute) => attribute.type === type);
      const hop = find(attributeType.nextHop) ?? find(attributeType.mpReach);
      return {
        prefix: canonicalPrefix(prefix),
        med: find(attributeType.med)?.metric,
        communities: sortCommunities((find(attributeType.communities)?.communities ?? []).map(formatCommunity)),
        nextHop: canonicalAddress(hop?.nexthop ?? ''),
      };
    }),
  );
}

/** `birdc show protocols`: BGP protocol name → whether its session is Established. */
export function parseBirdSessions(output: string): Map<string, boolean> {
  const sessions = new Map<string, boolean>();
  for (const line of output.split('\n')) {
    const [name, proto] = line.trim().split(/\s+/);
    if (name && proto === 'BGP') sessions.set(name, /\sEstablished\b/.test(line));
  }
  return sessions;
}

/** `vtysh -c 'show bgp neighbors json'`: neighbor address → Established. */
export function parseFrrSessions(json: string): Map<string, boolean> {
  const neighbors = JSON.parse(json) as Record<string, { bgpState?: string }>;
  return new Map(Object.entries(neighbors).map(([address, peer]) => [canonicalAddress(address), peer.bgpState === 'Established']));
}

// GoBGP's api.PeerState.SessionState enum: UNKNOWN 0, IDLE 1, CONNECT 2, ACTIVE 3, OPENSENT 4, OPENCONFIRM 5, ESTABLISHED 6.
const gobgpEstablished = 6;

/** `gobgp neighbor -j`: neighbor address → Established. */
export function parseGobgpSessions(json: string): Map<string, boolean> {
  if (json.trim() === '') return new Map();
  const peers = JSON.parse(json) as { conf?: { neighbor_address?: string }; state?: { session_state?: number } }[];
  return new Map(peers.map((peer) => [canonicalAddress(peer.conf?.neighbor_address ?? ''), peer.state?.session_state === gobgpEstablished]));
}
