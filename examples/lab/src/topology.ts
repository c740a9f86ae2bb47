/** The lab's fixed addressing plan (see README.md for the picture). */

/** A web node: nginx + ExaBGP + one ExaBGP process. */
export interface WebNode {
  /** w1, w2, w3: also the BIRD protocol name on rs1 and the nginx answer. */
  name: string;
  /** Rotate strategy node index. */
  index: number;
  address: string;
  gateway: string;
  subnet: string;
  routerId: string;
}

export const serviceIps = ['2001:db8:30::1', '2001:db8:30::2', '2001:db8:30::3'] as const;
export const servicePrefix = '2001:db8:30::/64';
export const coreLan = { r1: '2001:db8:1::1', rs1: '2001:db8:1::2', rs2: '2001:db8:1::3', rs3: '2001:db8:1::4' } as const;
/** The route servers, in the order the lab prints them. */
export const routeServers = ['rs1', 'rs2', 'rs3'] as const;
export type RouteServerName = (typeof routeServers)[number];
/** What runs on each route server. */
export const routeServerSoftware: Record<RouteServerName, string> = { rs1: 'BIRD', rs2: 'FRR', rs3: 'GoBGP' };
export const client = { name: 'c1', address: '2001:db8:9::99', gateway: '2001:db8:9::1' } as const;

export const webNodes: readonly WebNode[] = [1, 2, 3].map((n) => ({
  name: `w${n}`,
  index: n - 1,
  address: `2001:db8:${5 + n}::1${n}`,
  gateway: `2001:db8:${5 + n}::1`,
  subnet: `2001:db8:${5 + n}::/64`,
  routerId: `10.0.0.1${n}`,
}));

/** Finds a web node by name or next-hop address. */
export function findWebNode(key: string): WebNode | undefined {
  return webNodes.find((node) => node.name === key || node.address === key);
}

/**
 * MEDs of the rotate strategy (and the equivalent exabgp-healthcheck IP order):
 * IP j on node k gets base + ((n − 1 − k − j) mod n).
 */
export function rotateMed(nodeIndex: number, ipIndex: number, base = 100): number {
  const n = webNodes.length;
  return base + ((((n - 1 - nodeIndex - ipIndex) % n) + n) % n);
}
