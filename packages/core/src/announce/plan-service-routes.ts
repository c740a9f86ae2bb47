import { isDeepStrictEqual } from 'node:util';
import { ExaplugError, isExaplugError } from '../errors.js';
import type { AnnouncedState } from '../health/health-state.js';
import type { StrategyInstance } from '../plugins/define-strategy.js';
import { readIpPrefix, validateRouteIntent, type AllowedPrefix, type RouteIntent } from '@exaplug/protocol';
import type { CheckValues } from '../plugins/check-result.js';
import { routeKey } from './route-key.js';

export interface ServiceRoutesRequest {
  serviceName: string;
  /** The service IPs, canonical, in config order. */
  prefixes: readonly string[];
  state: AnnouncedState;
  allowed?: readonly AllowedPrefix[] | undefined;
  /** The check's latest values; passed to the strategy as `values` (empty when absent). */
  values?: CheckValues | undefined;
}

/**
 * Asks a strategy for one service's routes in one state and returns them canonical and
 * checked by the writer's own validator: every value, the allow-list, and ownership (each
 * route is one of the service's IPs, and every IP is announced or withdrawn, so no route
 * is left behind at the previous state's MED). Run for all three states at load, so what
 * `validate` accepts the writer writes; run again at each transition, since a third-party
 * strategy may not be pure.
 * @throws ExaplugError EXAPLUG_STRATEGY_FAILED, EXAPLUG_ROUTE_INVALID, EXAPLUG_ROUTE_NOT_ALLOWED, EXAPLUG_ROUTE_NOT_OWNED
 */
export function planServiceRoutes(strategy: StrategyInstance, request: ServiceRoutesRequest): RouteIntent[] {
  const { serviceName, prefixes, state, allowed } = request;
  let planned: unknown;
  try {
    planned = strategy.plan({ serviceName, prefixes: [...prefixes], state, values: request.values ?? {} });
  } catch (error) {
    throw new ExaplugError('EXAPLUG_STRATEGY_FAILED', `in state ${state}: the strategy threw: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
  if (!Array.isArray(planned)) throw new ExaplugError('EXAPLUG_ROUTE_INVALID', `in state ${state}: the strategy returned no list of routes`);
  const owned = new Set(prefixes);
  const covered = new Set<string>();
  const intents = planned.map((raw: RouteIntent, index) => {
    const canonical = readIpPrefix(raw?.prefix);
    const intent = typeof canonical === 'string' ? raw : { ...raw, prefix: canonical.text };
    try {
      validateRouteIntent(intent, allowed ? { allowed } : {});
    } catch (error) {
      if (!isExaplugError(error)) throw error;
      throw new ExaplugError(error.code, `in state ${state}, route ${index}: ${error.message}`, { cause: error });
    }
    if (!owned.has(intent.prefix)) {
      throw new ExaplugError('EXAPLUG_ROUTE_NOT_OWNED', `in state ${state}: route ${intent.prefix} is not one of the service's ips`);
    }
    covered.add(intent.prefix);
    return intent;
  });
  const missing = prefixes.filter((prefix) => !covered.has(prefix));
  if (missing.length > 0) {
    throw new ExaplugError('EXAPLUG_ROUTE_NOT_OWNED', `in state ${state}: the strategy says nothing of ${missing.join(', ')} (announce or withdraw each ip)`);
  }
  return intents;
}

/**
 * True when two plans hold the same routes with the same attributes, in any order: a
 * re-plan that changes nothing writes nothing.
 */
export function isSamePlan(a: readonly RouteIntent[], b: readonly RouteIntent[]): boolean {
  if (a.length !== b.length) return false;
  const byKey = new Map(b.map((intent) => [routeKey(intent), intent]));
  return a.every((intent) => isDeepStrictEqual(byKey.get(routeKey(intent)), intent));
}
