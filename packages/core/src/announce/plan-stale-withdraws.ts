import { readIpPrefix } from '../protocol/ip-prefix.js';
import { isPrefixAllowed, type AllowedPrefix } from './allowed-prefixes.js';
import type { RouteIntent } from './route-intent.js';

/**
 * The withdraws that clean up after a previous exaplug: each route ExaBGP holds
 * (`show adj-rib out`) that lies inside the allow-list and that no service owns. Routes
 * outside the allow-list belong to someone else (ExaBGP's static config, another process)
 * and are never touched. One withdraw per route: without a neighbor selector it applies
 * to every neighbor that holds it.
 */
export function planStaleWithdraws(held: Iterable<string>, owned: ReadonlySet<string>, allowed: readonly AllowedPrefix[]): RouteIntent[] {
  const stale = new Set<string>();
  for (const text of held) {
    const prefix = readIpPrefix(text);
    if (typeof prefix === 'string' || owned.has(prefix.text) || !isPrefixAllowed(prefix, allowed)) continue;
    stale.add(prefix.text);
  }
  return [...stale].map((prefix) => ({ action: 'withdraw', prefix, nextHop: 'self' }));
}
