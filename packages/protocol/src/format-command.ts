import { isIP } from './ip-address.js';
import type { AllowedPrefix } from './allowed-prefixes.js';
import type { CommandDialect, RouteIntent } from './route-intent.js';
import { unicastFamilyOf } from './ip-prefix.js';
import { validateRouteIntent } from './validate-route-intent.js';

/**
 * The one command line (without the newline) that makes ExaBGP hold or drop a route:
 * `neighbor 127.0.0.1 announce route 203.0.113.10/32 next-hop self med 100 …` (4.x/5.x) or
 * `peer 127.0.0.1 announce route …` (6.x API v6). Validates first.
 * @throws ProtocolError EXAPLUG_ROUTE_INVALID
 */
export function formatRouteCommand(intent: RouteIntent, dialect: CommandDialect, options: { allowed?: readonly AllowedPrefix[] } = {}): string {
  validateRouteIntent(intent, options);
  const { head, attributes } = commandParts(intent, dialect);
  return `${head} route ${withLength(intent.prefix)} ${attributes}`;
}

/**
 * One command for routes that differ only in their prefix (`announce attributes next-hop
 * self med 100 nlri P1 P2 …`, 4.x/5.x): ExaBGP parses one line instead of one per route,
 * which is most of its cost when thousands of routes change at once. Validates each route.
 * @throws ProtocolError EXAPLUG_ROUTE_INVALID; Error when the routes do not share a group key
 */
export function formatGroupedRouteCommand(
  intents: readonly RouteIntent[],
  dialect: CommandDialect,
  options: { allowed?: readonly AllowedPrefix[] } = {},
): string {
  const first = intents[0];
  if (!first) throw new Error('a grouped route command needs at least one route');
  const key = routeGroupKey(first, dialect);
  const prefixes: string[] = [];
  for (const intent of intents) {
    validateRouteIntent(intent, options);
    if (routeGroupKey(intent, dialect) !== key || key === undefined) throw new Error(`${intent.prefix} cannot share a command with ${first.prefix}`);
    prefixes.push(withLength(intent.prefix));
  }
  const { head, attributes } = commandParts(first, dialect);
  return `${head} attributes ${attributes} nlri ${prefixes.join(' ')}`;
}

/**
 * Routes with the same key can go in one grouped command: same address family, and
 * everything but the prefix equal. The family is part of the key because ExaBGP 4.2
 * parses every prefix of one `nlri` list in a single family: an IPv4 prefix beside an
 * IPv6 one became an IPv6 route (`cb00:7128::/32`) on the wrong session, or reset the
 * IPv4 session ("Invalid network field"), all acknowledged `done`. Undefined for a route
 * that must go alone: with ADD-PATH the path id belongs to each route, and the grouped
 * form would apply one id to every prefix.
 */
export function routeGroupKey(intent: RouteIntent, dialect: CommandDialect): string | undefined {
  if (intent.pathInformation !== undefined) return undefined;
  const { head, attributes } = commandParts(intent, dialect);
  return `${unicastFamilyOf(intent.prefix)}|${head}|${attributes}`;
}


/** The words before `route <prefix>` (selector and action) and after it (the attributes). */
function commandParts(intent: RouteIntent, dialect: CommandDialect): { head: string; attributes: string } {
  const head = [...formatSelector(intent.neighbors ?? [], dialect), intent.action].join(' ');
  const words = ['next-hop', intent.nextHop];
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
  return { head, attributes: words.join(' ') };
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
