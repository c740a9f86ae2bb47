import { isIP } from 'node:net';
import type { AllowedPrefix } from '../announce/allowed-prefixes.js';
import type { CommandDialect, RouteIntent } from '../announce/route-intent.js';
import { validateRouteIntent } from './validate-route-intent.js';

/**
 * The one command line (without the newline) that makes ExaBGP hold or drop a route:
 * `neighbor 127.0.0.1 announce route 203.0.113.10/32 next-hop self med 100 …` (4.x/5.x) or
 * `peer 127.0.0.1 announce route …` (6.x API v6). Validates first.
 * @throws ExaplugError EXAPLUG_ROUTE_INVALID
 */
export function formatRouteCommand(intent: RouteIntent, dialect: CommandDialect, options: { allowed?: readonly AllowedPrefix[] } = {}): string {
  validateRouteIntent(intent, options);
  const selector = formatSelector(intent.neighbors ?? [], dialect);
  const words = [intent.action, 'route', withLength(intent.prefix), 'next-hop', intent.nextHop];
  if (intent.action === 'announce') {
    if (intent.med !== undefined) words.push('med', String(intent.med));
    if (intent.localPreference !== undefined) words.push('local-preference', String(intent.localPreference));
    if (intent.origin !== undefined) words.push('origin', intent.origin);
    if (intent.asPath?.length) words.push('as-path', `[${intent.asPath.join(' ')}]`);
    if (intent.communities?.length) words.push('community', `[${intent.communities.join(' ')}]`);
    if (intent.largeCommunities?.length) words.push('large-community', `[${intent.largeCommunities.join(' ')}]`);
    if (intent.extendedCommunities?.length) words.push('extended-community', `[${intent.extendedCommunities.join(' ')}]`);
  }
  // With ADD-PATH the path id is part of the route's identity, so a withdraw needs it too.
  if (intent.pathInformation !== undefined) words.push('path-information', intent.pathInformation);
  return [...selector, ...words].join(' ');
}

/**
 * 4.x/5.x: `neighbor A, neighbor B` (none: no selector, every neighbor of the process).
 * 6.x API v6 has no bare form: `peer *`, `peer A`, `peer [ A , B ]` (forms seen answered
 * by 6.0-dev). Beware: 6.0-dev applies `peer <unknown address>` to every peer.
 */
function formatSelector(neighbors: readonly string[], dialect: CommandDialect): string[] {
  if (dialect === 'neighbor') {
    return neighbors.length === 0 ? [] : [neighbors.map((n) => `neighbor ${n}`).join(', ')];
  }
  if (neighbors.length === 0) return ['peer', '*'];
  if (neighbors.length === 1) return ['peer', neighbors[0] as string];
  return ['peer', `[ ${neighbors.join(' , ')} ]`];
}

/** A bare address is a host route. */
function withLength(prefix: string): string {
  if (prefix.includes('/')) return prefix;
  return `${prefix}/${isIP(prefix) === 6 ? 128 : 32}`;
}
