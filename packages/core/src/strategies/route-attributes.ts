import { z } from 'zod';
import { addressFamily, type RouteIntent } from '@exaplug/protocol';
import type { AnnouncedState } from '../health/health-state.js';

/**
 * `self`, an IP, or one per address family (`{ ipv4: 192.0.2.254, ipv6: self }`) for a
 * service that mixes IPv4 and IPv6 IPs: a next hop of the other family makes routers drop
 * the route.
 */
export const nextHopSchema = z.union([
  z.string(),
  z.strictObject({ ipv4: z.string().default('self'), ipv6: z.string().default('self') }),
]);

/**
 * The BGP attributes every built-in strategy accepts; values are validated again before
 * writing. Strict, like every options object: a misspelt attribute must not be dropped
 * (`.extend` and `.partial` keep the strictness).
 */
export const routeAttributesSchema = z.strictObject({
  nextHop: nextHopSchema.default('self'),
  localPreference: z.number().int().min(0).max(4294967295).optional(),
  communities: z.array(z.string()).optional(),
  largeCommunities: z.array(z.string()).optional(),
  extendedCommunities: z.array(z.string()).optional(),
  asPath: z.array(z.number().int().min(0).max(4294967295)).optional(),
  origin: z.enum(['igp', 'egp', 'incomplete']).optional(),
  pathInformation: z.string().optional(),
  neighbors: z.array(z.string()).optional(),
});

export type RouteAttributes = z.output<typeof routeAttributesSchema>;

/**
 * Per-state MEDs; the defaults are ExaBGP healthcheck's. `degraded` is opt-in: set, it is
 * the MED of degraded checks (graded health); unset, degraded checks count as up.
 */
export const stateMetricsSchema = z
  .strictObject({
    up: z.number().int().min(0).default(100),
    degraded: z.number().int().min(0).optional(),
    down: z.number().int().min(0).default(1000),
    disabled: z.number().int().min(0).default(500),
  })
  .default({ up: 100, down: 1000, disabled: 500 });

export type StateMetrics = z.output<typeof stateMetricsSchema>;

/** The base MED of a state; `degraded` falls back to `up`'s when it has no tier of its own. */
export function stateMetric(metrics: StateMetrics, state: AnnouncedState): number {
  return state === 'degraded' ? (metrics.degraded ?? metrics.up) : metrics[state];
}

/** The states in which a strategy withdraws instead of announcing a worse metric. */
export const withdrawOnSchema = z.array(z.enum(['down', 'disabled'])).default([]);

/** Builds an announce intent from attributes, leaving out what is unset. */
export function announceIntent(prefix: string, med: number, attributes: Partial<RouteAttributes>): RouteIntent {
  const intent: RouteIntent = { action: 'announce', prefix, nextHop: nextHopFor(prefix, attributes.nextHop), med };
  const optional = [
    'localPreference',
    'communities',
    'largeCommunities',
    'extendedCommunities',
    'asPath',
    'origin',
    'pathInformation',
    'neighbors',
  ] as const;
  for (const key of optional) {
    if (attributes[key] !== undefined) Object.assign(intent, { [key]: attributes[key] });
  }
  return intent;
}

/** A withdraw carries only what identifies the route: prefix, path id and neighbors. */
export function withdrawIntent(prefix: string, attributes: Partial<RouteAttributes>): RouteIntent {
  const intent: RouteIntent = { action: 'withdraw', prefix, nextHop: nextHopFor(prefix, attributes.nextHop) };
  if (attributes.pathInformation !== undefined) intent.pathInformation = attributes.pathInformation;
  if (attributes.neighbors !== undefined) intent.neighbors = attributes.neighbors;
  return intent;
}

/** The next hop for one route: the family's own when one is given per family. */
export function nextHopFor(prefix: string, nextHop: RouteAttributes['nextHop'] | undefined): string {
  if (nextHop === undefined) return 'self';
  if (typeof nextHop === 'string') return nextHop;
  return addressFamily(prefix.split('/')[0] ?? '') === 6 ? nextHop.ipv6 : nextHop.ipv4;
}
