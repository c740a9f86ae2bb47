import { medsFor } from './strategy-meds.js';
import {
  familyOf,
  type AnnouncedState,
  type ExpectedRoute,
  type ExpectedTable,
  type NextHopAddresses,
  type OracleConfig,
  type ServiceSpec,
  type World,
} from './spec.js';

/** RFC 8326 GRACEFUL_SHUTDOWN. */
export const gracefulShutdown = '65535:0';

/**
 * The table every route server must hold once exaplug has converged: per service, the
 * announced state its true health (or a drain) leads to, that state's routes from the
 * strategy, and the attributes. `sinceDrainMs`: how long the drains have been in force
 * (a drain with `withdrawAfter` withdraws once that has passed); converged means forever.
 */
export function expectedTable(config: OracleConfig, world: World, addresses: NextHopAddresses, sinceDrainMs = Number.POSITIVE_INFINITY): ExpectedTable {
  const table: ExpectedTable = new Map();
  for (const service of config.services) {
    for (const route of serviceRoutes(config, service, world, addresses, sinceDrainMs)) table.set(route.prefix, route);
  }
  return table;
}

/** The state a service settles in: a drain is `disabled`; otherwise its check decides (a hang fails). */
export function settledState(service: ServiceSpec, world: World): AnnouncedState {
  if (world.drained.includes(service.name)) return 'disabled';
  return world.health[service.checkId] === 'up' ? 'up' : 'down';
}

function serviceRoutes(config: OracleConfig, service: ServiceSpec, world: World, addresses: NextHopAddresses, sinceDrainMs: number): ExpectedRoute[] {
  const state = settledState(service, world);
  const drained = world.drained.includes(service.name);
  const { withdrawAfterMs, gracefulShutdown: addsCommunity } = config.drain;
  if (drained && withdrawAfterMs !== undefined && sinceDrainMs >= withdrawAfterMs) return [];
  const communities = communitiesFor(service, state);
  if (drained && addsCommunity && !communities.includes(gracefulShutdown)) communities.push(gracefulShutdown);
  const routes: ExpectedRoute[] = [];
  for (const [prefix, med] of medsFor(service.strategy, service.ips, state)) {
    if (med === undefined) continue;
    routes.push({ prefix, med, communities: sortCommunities(communities), nextHop: nextHopFor(service, prefix, addresses) });
  }
  return routes;
}

/** `fixed`'s per-state attributes replace the common ones; the generator only overrides `down`. */
function communitiesFor(service: ServiceSpec, state: AnnouncedState): string[] {
  const { strategy } = service;
  if (strategy.use === 'fixed' && state === 'down' && strategy.downCommunities) return [...strategy.downCommunities];
  return [...service.communities];
}

function nextHopFor(service: ServiceSpec, prefix: string, addresses: NextHopAddresses): string {
  const family = familyOf(prefix);
  const choice = typeof service.nextHop === 'string' ? service.nextHop : service.nextHop[family];
  return addresses[choice][family];
}

/** Numeric order, as `A:B` pairs: what the comparison with route servers uses on both sides. */
export function sortCommunities(communities: readonly string[]): string[] {
  const key = (community: string) => community.split(':').map(Number) as [number, number];
  return [...new Set(communities)].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
}
