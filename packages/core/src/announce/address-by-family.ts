import { unicastFamilyOf, type RouteIntent } from '@exaplug/protocol';

/** The families each neighbor of ExaBGP carries (`ipv4 unicast`), by peer address. */
export type NeighborFamilies = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Addresses a route to the neighbors that carry its family. A command without a selector
 * goes to every neighbor, and ExaBGP logs "the route family is not configured on neighbor"
 * for each session of the other family (once per route and session), so a route gets a
 * selector whenever some neighbor does not carry its family. Returns the route itself when
 * unchanged, a copy with a selector, or undefined when no neighbor carries it (writing it
 * would change nothing). With no families known (6.x, acks off, an empty table) routes go
 * as they are.
 */
export function addressRoute(intent: RouteIntent, families: NeighborFamilies | undefined): RouteIntent | undefined {
  if (!families || families.size === 0) return intent;
  const family = unicastFamilyOf(intent.prefix);
  const candidates = intent.neighbors?.length ? intent.neighbors : [...families.keys()];
  // A neighbor we know nothing of keeps its place: ExaBGP answers for it (error if unknown).
  const carrying = candidates.filter((peer) => families.get(peer)?.has(family) ?? true);
  if (carrying.length === 0) return undefined;
  if (!intent.neighbors?.length && carrying.length === families.size) return intent;
  return { ...intent, neighbors: carrying };
}

/** The neighbors that should hold an announced route: those its selector names (or all) that carry its family. */
export function neighborsFor(intent: RouteIntent, families: NeighborFamilies): string[] {
  const family = unicastFamilyOf(intent.prefix);
  const candidates = intent.neighbors?.length ? intent.neighbors : [...families.keys()];
  return candidates.filter((peer) => families.get(peer)?.has(family) ?? false);
}
