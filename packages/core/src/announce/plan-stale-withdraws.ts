import { isPrefixAllowed, readIpPrefix, type AllowedPrefix, type RouteIntent } from '@exaplug/protocol';

/** A route ExaBGP holds (`show adj-rib out`): the prefix, and the neighbor it is held for when known. */
export interface HeldRoute {
  prefix: string;
  peer?: string;
}

/**
 * The withdraws that clean up after a previous exaplug: each route ExaBGP holds
 * (`show adj-rib out`) that lies inside the allow-list and that no service owns. Routes
 * outside the allow-list belong to someone else (ExaBGP's static config, another process)
 * and are never touched. One withdraw per route, addressed to the neighbors that hold it
 * (none known: every neighbor), so no session is sent a family it does not carry.
 */
export function planStaleWithdraws(held: Iterable<HeldRoute>, owned: ReadonlySet<string>, allowed: readonly AllowedPrefix[]): RouteIntent[] {
  const stale = new Map<string, Set<string>>();
  for (const route of held) {
    const prefix = readIpPrefix(route.prefix);
    if (typeof prefix === 'string' || owned.has(prefix.text) || !isPrefixAllowed(prefix, allowed)) continue;
    const peers = stale.get(prefix.text) ?? new Set();
    if (route.peer !== undefined) peers.add(route.peer);
    stale.set(prefix.text, peers);
  }
  return [...stale].map(([prefix, peers]) => ({ action: 'withdraw', prefix, nextHop: 'self', ...(peers.size > 0 && { neighbors: [...peers] }) }));
}
