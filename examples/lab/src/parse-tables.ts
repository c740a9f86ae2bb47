import type { HeldRoute } from '@exaplug/test-support/route-servers';
import { parseBirdTable, parseFrrTable, parseGobgpTable } from '@exaplug/test-support/route-server-table';
import { findWebNode } from './topology.js';

// test-support's parsers give each path's prefix, MED, communities and next hop; the lab
// adds what a route server's choice needs: which path is best, and its LOCAL_PREF.

/** One path to a service IP as a route server holds it. */
export interface RoutePath {
  prefix: string;
  /** w1, w2, w3 (or the next hop when it is no web node). */
  node: string;
  med: number | undefined;
  best: boolean;
  /** LOCAL_PREF as the server shows it; undefined when it shows none (its default, 100). */
  localPref: number | undefined;
  /** 'A:B', sorted ('65535:0' is GRACEFUL_SHUTDOWN). */
  communities: string[];
}

type Choice = Pick<RoutePath, 'best' | 'localPref'>;

/** Joins test-support's paths with the lab's view of the same paths, in the same order. */
function joinPaths(held: readonly HeldRoute[], choices: readonly Choice[]): RoutePath[] {
  if (held.length !== choices.length) throw new Error(`parsers disagree: ${held.length} paths, ${choices.length} choices`);
  return held.map((route, index) => ({
    prefix: route.prefix,
    node: findWebNode(route.nextHop)?.name ?? route.nextHop,
    med: route.med,
    communities: route.communities,
    ...(choices[index] as Choice),
  }));
}

/** `birdc show route … all` (BIRD 2): a path starts with `unicast [proto …]`, `*` marks the best. */
export function parseBirdRoutes(text: string): RoutePath[] {
  const choices: Choice[] = [];
  for (const line of text.split('\n')) {
    const head = /^(\S+)?\s+(?:unicast|unreachable|blackhole|prohibited)\s+\[\S+\s.*?\](\s\*)?/.exec(line);
    if (head && !line.startsWith('\t')) {
      choices.push({ best: head[2] !== undefined, localPref: undefined });
      continue;
    }
    const localPref = /^\s+BGP\.local_pref: (\d+)/.exec(line);
    const current = choices.at(-1);
    if (localPref && current) current.localPref = Number(localPref[1]);
  }
  return joinPaths(parseBirdTable(text), choices);
}

interface FrrDetailPath {
  bestpath?: { overall?: boolean };
  locPrf?: number;
  nexthops?: unknown[];
}

/** `show bgp ipv6 unicast json detail` (FRR 8.4): per prefix a header item, then the paths. */
export function parseFrrRoutes(json: string): RoutePath[] {
  const routes = (JSON.parse(json) as { routes?: Record<string, FrrDetailPath[]> }).routes ?? {};
  const choices = Object.values(routes).flatMap((items) =>
    items.filter((path) => path.nexthops !== undefined).map((path) => ({ best: path.bestpath?.overall === true, localPref: path.locPrf })),
  );
  return joinPaths(parseFrrTable(json), choices);
}

interface GobgpPath {
  best?: boolean;
  attrs?: { type: number; value?: unknown }[];
}

// BGP path attribute type code of LOCAL_PREF (RFC 4271).
const localPrefType = 5;

/** `gobgp neighbor R local -a ipv6 -j` (GoBGP 3.10): { prefix: [path…] }, attributes by type code. */
export function parseGobgpRoutes(json: string): RoutePath[] {
  const table = json.trim() === '' ? {} : (JSON.parse(json) as Record<string, GobgpPath[]>);
  const choices = Object.values(table).flatMap((paths) =>
    paths.map(({ best, attrs = [] }) => {
      const localPref = attrs.find((attribute) => attribute.type === localPrefType)?.value;
      return { best: best === true, localPref: typeof localPref === 'number' ? localPref : undefined };
    }),
  );
  return joinPaths(parseGobgpTable(json), choices);
}
